import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ndjson } from './support/generate.ts';
import { progress, report, sized } from './support/mode.ts';
import { bearer, createWorld, errorShapeProblem, type World } from './support/world.ts';

// Hostile input: generated requests across every endpoint, in-process with app.request.
const REQUESTS = sized(5_000, 100_000);
const HANG_MS = 10_000;
const CHUNK = 500;

/** Strings that have broken search APIs before: FTS5 syntax, filter injection, traversal, odd unicode. */
const NASTY = [
  '"',
  '""',
  '"unterminated',
  '*',
  '-',
  '^',
  'NEAR(a b, 2)',
  'a OR b',
  'a AND NOT b',
  'title:harbour',
  '{title body}: x',
  '(',
  ')',
  '((a)',
  'a*',
  '*a',
  '+',
  ':',
  'body:',
  'NOT',
  '" OR 1=1 --',
  "' OR '1'='1",
  '; DROP TABLE articles; --',
  'status = hidden',
  'x" OR status = "hidden',
  'outlet IN [a, b]',
  '_geoRadius(0,0,1)',
  'id EXISTS',
  '../../etc/passwd',
  '..%2f..%2fetc%2fpasswd',
  '%2e%2e/%2e%2e',
  '..\\..\\windows',
  '/etc/passwd',
  'file:///etc/passwd',
  '%00',
  '\u0000',
  'a\u0000b',
  '\ud800',
  '\udfff',
  '\u202e',
  '\u200b',
  '\ufeff',
  'e\u0301\u0301\u0301',
  '👩‍👩‍👧‍👦',
  '🏳️‍🌈',
  '\u{10ffff}',
  'ß',
  'İ',
  'Ω',
  '中文',
  'العربية',
  '\t\r\n',
  ' '.repeat(600),
  'a'.repeat(513),
  'x'.repeat(5000),
  '1e309',
  '-1',
  '0',
  'NaN',
  'Infinity',
  '9999999999',
  '2024-02-30',
  '0000-00-00',
  '2024-13-01',
  '99999-01-01',
  'true',
  'null',
  '[]',
  '{}',
  '<script>alert(1)</script>',
  '${7*7}',
  '{{7*7}}',
  '%',
  '%ff',
  '%E0%A4%A',
  '%%',
  '&',
  '=',
  '#',
  '?',
];

const nasty = fc.constantFrom(...NASTY);
const text = fc.oneof(
  { weight: 3, arbitrary: nasty },
  { weight: 2, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 30 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 30 }) },
  { weight: 1, arbitrary: fc.integer().map(String) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      'harbour',
      'quay',
      'the',
      'coast-herald',
      'valley-post',
      'art-1',
      'relevance',
      'newest',
      'oldest',
      'story',
      'ndjson',
      'csv',
      '2024-05-01',
      '20',
      '1',
      '100',
    ),
  },
  { weight: 1, arbitrary: fc.nat({ max: 20_000 }).map((n) => 'q'.repeat(n)) },
);
const PARAMS = [
  'q',
  'outlet',
  'actor',
  'excludeOutlet',
  'excludeActor',
  'from',
  'to',
  'sort',
  'page',
  'perPage',
  'group',
  'facetQuery',
  'limit',
  'format',
  'collection',
  'type',
  'offset',
];
const query = fc
  .array(
    fc.tuple(
      fc.oneof(
        { weight: 5, arbitrary: fc.constantFrom(...PARAMS) },
        { weight: 1, arbitrary: text },
      ),
      text,
    ),
    { maxLength: 8 },
  )
  .map((pairs) => {
    const u = new URLSearchParams();
    for (const [k, v] of pairs) u.append(k, v);
    return u.toString();
  });
/** Raw query strings that URLSearchParams would have tidied: bad percent-escapes, bare keys. */
const rawQuery = fc.constantFrom(
  'q=%',
  'q=%zz',
  'q=%E0%A4%A',
  'q=%ff%fe',
  'outlet',
  'outlet=&outlet=',
  '&&&',
  'q=a&q=b&q=c',
  'page=1&page=2',
  `q=${'%41'.repeat(3000)}`,
  'perPage=%31%30%30%30',
  '%00=%00',
  'q=%u0041',
);
const id = fc.oneof(
  fc.constantFrom(
    '__ID__',
    'nope',
    '..',
    '../..',
    '..%2F..%2Fetc%2Fpasswd',
    '%2e%2e',
    '%00',
    'a%2Fb',
    '.',
    '%20',
    'x'.repeat(300),
    encodeURIComponent('\u{1F600}'),
    '%ff',
    '%',
    'merge',
    'history',
  ),
  fc.string({ maxLength: 20 }).map((s) => {
    try {
      return encodeURIComponent(s);
    } catch {
      return 'bad';
    }
  }),
);
const jsonBody = fc.oneof(
  { weight: 4, arbitrary: fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)) },
  {
    weight: 2,
    arbitrary: fc
      .tuple(
        fc.boolean(),
        fc.record(
          {
            title: text,
            body: text,
            outlet: fc.oneof(text, fc.constant(null)),
            byline: fc.oneof(text, fc.constant(null)),
            date: text,
            url: text,
          },
          { requiredKeys: [] },
        ),
      )
      .map(([many, r]) => JSON.stringify(many ? [r] : r)),
  },
  {
    weight: 2,
    arbitrary: fc
      .record(
        {
          title: text,
          outlet: fc.oneof(text, fc.constant(null)),
          publishedAt: fc.oneof(text, fc.constant(null)),
          status: fc.constantFrom('hidden', 'visible', 'deleted', 1),
          reason: text,
          actors: fc.record({
            add: fc.array(fc.oneof(text, fc.record({ name: text, type: text })), { maxLength: 3 }),
            remove: fc.array(text, { maxLength: 3 }),
          }),
          revert: fc.array(text, { maxLength: 3 }),
          collections: fc.array(text, { maxLength: 3 }),
          from: fc.array(text, { maxLength: 3 }),
          into: text,
          name: text,
          type: text,
          addAliases: fc.array(text, { maxLength: 3 }),
          __proto__: fc.constant({ admin: true }),
        },
        { requiredKeys: [] },
      )
      .map((r) => JSON.stringify(r)),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      '{',
      '[',
      '{"title":',
      'null',
      '"',
      '\u0000',
      '{"__proto__":{"polluted":1}}',
      '{"constructor":{"prototype":{"x":1}}}',
      '[' + '['.repeat(5000),
      '{"a":' + '1'.repeat(400) + '}',
    ),
  },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 200 }) },
  {
    weight: 1,
    arbitrary: fc
      .nat({ max: 400 })
      .map((kb) => `[${JSON.stringify({ title: 'Big', body: 'x'.repeat(kb * 1024) })}]`),
  },
);
const ndjsonBody = fc
  .array(fc.oneof(jsonBody, text), { maxLength: 5 })
  .map((lines) => lines.join('\n'));
const CONTENT_TYPES = [
  'application/json',
  'application/x-ndjson',
  'text/plain',
  'multipart/form-data; boundary=x',
  'application/json; charset=latin1',
  '',
  'application/xml',
];
const auth = fc.oneof(
  { weight: 8, arbitrary: fc.constant('none') },
  { weight: 3, arbitrary: fc.constant('librarian') },
  { weight: 2, arbitrary: fc.constant('ingest') },
  { weight: 1, arbitrary: fc.constantFrom('revoked', 'garbage', 'empty-bearer', 'basic') },
);
/** Search text alone (valid everything else), so FTS5 syntax and odd unicode reach the engine. */
const engineQuery = fc
  .tuple(
    fc.oneof(nasty, fc.string({ unit: 'grapheme', maxLength: 40 }), fc.string({ maxLength: 60 })),
    fc.constantFrom(
      '',
      '&sort=newest',
      '&group=story',
      '&outlet=coast-herald',
      '&from=2024-01-01&to=2024-12-31',
      '&perPage=100&page=2',
    ),
  )
  .map(
    ([q, rest]) =>
      `q=${encodeURIComponent(q.replace(/[\ud800-\udfff]/g, '\ufffd').slice(0, 512))}${rest}`,
  );

type Req = { method: string; path: string; auth: string; contentType?: string; body?: string };
const ROUTES: fc.Arbitrary<Req>[] = [
  fc.record({
    method: fc.constant('GET'),
    path: fc.oneof(query, rawQuery).map((q) => `/api/search?${q}`),
    auth,
  }),
  fc.record({ method: fc.constant('GET'), path: engineQuery.map((q) => `/api/search?${q}`), auth }),
  fc.record({
    method: fc.constant('GET'),
    path: fc
      .tuple(
        fc.constantFrom('outlet', 'actor'),
        engineQuery,
        fc.oneof(nasty, fc.string({ maxLength: 20 })),
      )
      .map(
        ([f, q, fq]) =>
          `/api/facets/${f}?${q}&facetQuery=${encodeURIComponent(fq.replace(/[\ud800-\udfff]/g, '\ufffd').slice(0, 200))}`,
      ),
    auth,
  }),
  fc.record({
    method: fc.constant('GET'),
    path: fc
      .tuple(
        fc.constantFrom('outlet', 'actor', 'date', 'nope', '..', '%2e%2e'),
        fc.oneof(query, rawQuery),
      )
      .map(([f, q]) => `/api/facets/${f}?${q}`),
    auth,
  }),
  fc.record({
    method: fc.constant('GET'),
    path: fc.tuple(id, query).map(([i, q]) => `/api/articles/${i}?${q}`),
    auth,
  }),
  fc.record({
    method: fc.constant('GET'),
    path: id.map((i) => `/api/articles/${i}/history`),
    auth,
  }),
  fc.record({
    method: fc.constant('PATCH'),
    path: id.map((i) => `/api/articles/${i}`),
    auth,
    contentType: fc.constantFrom(...CONTENT_TYPES),
    body: jsonBody,
  }),
  fc.record({ method: fc.constant('GET'), path: query.map((q) => `/api/actors?${q}`), auth }),
  fc.record({ method: fc.constant('GET'), path: id.map((i) => `/api/actors/${i}`), auth }),
  fc.record({
    method: fc.constant('PATCH'),
    path: id.map((i) => `/api/actors/${i}`),
    auth,
    contentType: fc.constantFrom(...CONTENT_TYPES),
    body: jsonBody,
  }),
  fc.record({ method: fc.constant('DELETE'), path: id.map((i) => `/api/actors/${i}`), auth }),
  fc.record({
    method: fc.constant('POST'),
    path: fc.constant('/api/actors/merge'),
    auth,
    contentType: fc.constantFrom(...CONTENT_TYPES),
    body: jsonBody,
  }),
  fc.record({
    method: fc.constant('POST'),
    path: query.map((q) => `/api/ingest?${q}`),
    auth,
    contentType: fc.constantFrom(...CONTENT_TYPES),
    body: fc.oneof(jsonBody, ndjsonBody),
  }),
  fc.record({
    method: fc.constant('GET'),
    path: fc.oneof(query, rawQuery).map((q) => `/api/export?${q}`),
    auth,
  }),
  fc.record({
    method: fc.constant('GET'),
    path: fc.constantFrom(
      '/api/health',
      '/api/openapi.json',
      '/api',
      '/api/',
      '/api/../../etc/passwd',
      '/api/%2e%2e/%2e%2e/etc/passwd',
      '//api//search',
      '/api/search/',
      '/API/SEARCH',
      '/api/articles',
      '/api/articles/',
      '/api/facets',
      '/api/facets/',
    ),
    auth,
  }),
  fc.record({
    method: fc.constantFrom('PUT', 'DELETE', 'OPTIONS', 'HEAD', 'TRACE', 'PROPFIND', 'POST'),
    path: fc.constantFrom(
      '/api/search',
      '/api/health',
      '/api/export',
      '/api/articles/x',
      '/api/facets/outlet',
    ),
    auth,
  }),
];
const request = fc.oneof(...ROUTES);

let w: World;
let ids: string[] = [];
beforeAll(async () => {
  w = await createWorld();
  const lines = ndjson(60, 3);
  const res = await w.app.request('/api/ingest', {
    method: 'POST',
    headers: { ...bearer(w.tokens.ingest), 'content-type': 'application/x-ndjson' },
    body: lines,
  });
  expect(res.status).toBe(200);
  ids = ((await res.json()) as { results: { id: string }[] }).results.map((r) => r.id);
});
afterAll(async () => {
  await w.close();
});

function headersFor(r: Req): Record<string, string> {
  const h: Record<string, string> = {};
  if (r.auth === 'librarian') h.authorization = `Bearer ${w.tokens.librarian}`;
  if (r.auth === 'ingest') h.authorization = `Bearer ${w.tokens.ingest}`;
  if (r.auth === 'revoked') h.authorization = `Bearer ${w.tokens.revoked}`;
  if (r.auth === 'garbage') h.authorization = 'Bearer \u00ff\u00fe garbage';
  if (r.auth === 'empty-bearer') h.authorization = 'Bearer ';
  if (r.auth === 'basic') h.authorization = 'Basic YWRtaW46YWRtaW4=';
  if (r.contentType) h['content-type'] = r.contentType;
  return h;
}

it(`answers ${REQUESTS} generated hostile requests with no 5xx, no hang and only well-formed errors`, async () => {
  const statuses = new Map<number, number>();
  const problems: string[] = [];
  let serverErrors = 0;
  let hangs = 0;
  let badShapes = 0;
  let notSent = 0;
  let sent = 0;
  let slowest = 0;
  const started = performance.now();
  for (let chunk = 0; sent < REQUESTS; chunk++) {
    const batch = fc.sample(request, {
      numRuns: Math.min(CHUNK, REQUESTS - sent),
      seed: 7000 + chunk,
    });
    for (const r of batch) {
      const path = r.path.replace('__ID__', ids[sent % ids.length] ?? 'x');
      let init: RequestInit;
      try {
        init = {
          method: r.method,
          headers: new Headers(headersFor(r)),
          body:
            r.body === undefined || r.method === 'GET' || r.method === 'HEAD' ? undefined : r.body,
        };
        new Request(`http://localhost${path}`, init);
      } catch {
        notSent++; // the client itself refuses (e.g. a header with a character HTTP cannot carry)
        continue;
      }
      sent++;
      const t0 = performance.now();
      let timer: NodeJS.Timeout | undefined;
      const outcome = await Promise.race([
        (async () => {
          const res = await w.app.request(path, init);
          return { status: res.status, text: await res.text() };
        })().catch((err: unknown) => ({ status: -1, text: String(err) })),
        new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), HANG_MS))),
      ]);
      clearTimeout(timer);
      slowest = Math.max(slowest, performance.now() - t0);
      const label = `${r.method} ${path.slice(0, 160)} [${r.auth}${r.contentType !== undefined ? `, ${r.contentType}` : ''}] body ${r.body === undefined ? '-' : JSON.stringify(r.body.slice(0, 80))}`;
      if (outcome === null) {
        hangs++;
        problems.push(`hang: ${label}`);
        continue;
      }
      statuses.set(outcome.status, (statuses.get(outcome.status) ?? 0) + 1);
      if (outcome.status >= 500 || outcome.status < 0) {
        serverErrors++;
        if (problems.length < 40)
          problems.push(`${outcome.status}: ${label} -> ${outcome.text.slice(0, 200)}`);
      } else if (outcome.status >= 400 && r.method !== 'HEAD') {
        const shape = errorShapeProblem(outcome.status, outcome.text);
        if (shape) {
          badShapes++;
          if (problems.length < 40)
            problems.push(`${outcome.status} not in the error shape (${shape}): ${label}`);
        }
      }
    }
    if (chunk % 20 === 19)
      progress(
        `hostile: ${sent} sent, ${serverErrors} 5xx, ${hangs} hangs, ${badShapes} bad error shapes`,
      );
  }
  const seconds = (performance.now() - started) / 1000;
  const byStatus = Object.fromEntries([...statuses.entries()].sort((a, b) => a[0] - b[0]));
  report({
    test: '4. Hostile input',
    done: 'fast-check requests over all 14 routes (+ unknown paths and methods) in-process with app.request: random/oversized/wrong-typed query values and JSON/NDJSON bodies, FTS5 syntax and filter injection, path traversal in ids, bad percent-escapes, unicode edge cases, every auth state',
    times: `${sent} requests in ${seconds.toFixed(0)} s (${notSent} generated requests the HTTP client itself refused to build); statuses ${JSON.stringify(byStatus)}; slowest ${Math.round(slowest)} ms`,
    lost: `${serverErrors} responses 5xx, ${hangs} hangs, ${badShapes} 4xx outside the error shape`,
    result: serverErrors === 0 && hangs === 0 && badShapes === 0 ? 'pass' : 'FAIL',
    details: { problems: problems.slice(0, 10) },
  });
  expect(problems).toEqual([]);
});
