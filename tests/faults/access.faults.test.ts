import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createWorld, errorShapeProblem, type World } from './support/world.ts';
import { report } from './support/mode.ts';

// Access: writes refused without the right token; a hidden article invisible on every read path
// a reader (or an ingest token) could use.
const SECRET_WORD = 'zorblattine';
const SECRET_OUTLET = 'Quillfeather Gazette';

const storyBody = [
  'The harbour authority of Port Elmstead voted on Monday to close the old grain quay after engineers found deep cracks in its foundations.',
  'Shipping companies said the closure would divert dozens of vessels to the southern terminal for at least two years while repairs are made.',
  'The authority chair told reporters the decision had been taken reluctantly but that safety came before the cost of delays.',
].join('\n\n');

const ferryBody = [
  'The island ferry service was suspended on Wednesday after a storm tore the landing stage at Gullhaven from its moorings.',
  'The operator said engineers would inspect the hull of the larger vessel before any sailings resumed later in the month.',
  'Islanders were told to expect supply boats twice a week while the repairs to the landing stage are carried out.',
].join('\n\n');

let w: World;
/** The same archive without the hidden article: what a reader of `w` must not be able to tell apart. */
let twin: World;
let visibleId = '';
let copyId = '';
let hiddenId = '';
let founderId = '';
let ferryCopyId = '';
const checks: { name: string; ok: boolean; observed: string }[] = [];
/** Outside the contract's list of read paths: reported in the figures, not failed on. */
const observations: string[] = [];

async function call(
  method: string,
  path: string,
  headers: Record<string, string> = {},
  body?: unknown,
  world: World = w,
) {
  const res = await world.app.request(path, {
    method,
    headers: body === undefined ? headers : { ...headers, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return {
    status: res.status,
    headers: res.headers,
    text,
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- assertions over loosely known JSON
    json: () => JSON.parse(text) as any,
  };
}

function check(name: string, ok: boolean, observed: string): void {
  checks.push({ name, ok, observed });
}

const items = () => [
  {
    url: 'https://a.example.org/quay',
    title: 'Harbour authority closes grain quay',
    body: storyBody,
    outlet: 'Coast Herald',
    date: '2024-03-04',
    author: 'Ann Lee',
  },
  {
    url: 'https://b.example.org/quay',
    title: 'Grain quay shut after cracks found',
    body: `${storyBody}\n\nA union spokesman welcomed the move.`,
    outlet: 'Valley Post',
    date: '2024-03-04',
  },
  {
    url: 'https://c.example.org/quay',
    title: `Quay closure ${SECRET_WORD} memo`,
    body: `${storyBody}\n\nA leaked ${SECRET_WORD} memo names Ottoline Brackwater as the engineer who raised the alarm.`,
    outlet: SECRET_OUTLET,
    date: '2024-03-05',
  },
  {
    url: 'https://d.example.org/rail',
    title: 'Rail line reopens',
    body: 'The rail line between Ashford Vale and Millcross reopened on Tuesday after a month of track renewal work by contractors.',
    outlet: 'Metro Gazette',
    date: '2024-02-01',
  },
  // A second story whose first version is hidden: its id must not show on the visible copy.
  {
    url: 'https://e.example.org/ferry',
    title: 'Ferry service suspended after storm damage',
    body: ferryBody,
    outlet: 'Northern Courier',
    date: '2024-01-10',
  },
  {
    url: 'https://f.example.org/ferry',
    title: 'Storm halts island ferry',
    body: `${ferryBody}\n\nPassengers were offered refunds.`,
    outlet: 'Daily Ledger',
    date: '2024-01-10',
  },
];

beforeAll(async () => {
  w = await createWorld();
  const lib = bearer(w.tokens.librarian);
  // One request per article, so each is item 1 of its own request in both worlds (the item
  // number is part of its provenance).
  const results: { ok: boolean; id: string }[] = [];
  for (const item of items()) {
    const res = await call('POST', '/api/ingest', lib, [item]);
    expect(res.status, res.text).toBe(200);
    results.push(...(res.json().results as { ok: boolean; id: string }[]));
  }
  expect(
    results.every((r) => r.ok),
    JSON.stringify(results),
  ).toBe(true);
  [visibleId, copyId, hiddenId, , founderId, ferryCopyId] = results.map(
    (r) => r.id,
  ) as string[] as [string, string, string, string, string, string];
  // The extractor does not know the name, so a librarian names the actor: the actor exists only
  // through the article about to be hidden.
  const named = await call('PATCH', `/api/articles/${hiddenId}`, lib, {
    actors: { add: [{ name: 'Ottoline Brackwater', type: 'person' }] },
  });
  expect(named.status, named.text).toBe(200);
  const hide = await call('PATCH', `/api/articles/${hiddenId}`, lib, {
    status: 'hidden',
    reason: 'legal hold',
  });
  expect(hide.status, hide.text).toBe(200);
  const hideFounder = await call('PATCH', `/api/articles/${founderId}`, lib, {
    status: 'hidden',
    reason: 'retracted',
  });
  expect(hideFounder.status, hideFounder.text).toBe(200);
  // The twin never had the hidden articles.
  twin = await createWorld();
  const twinItems = items().filter((_, i) => i !== 2 && i !== 4);
  for (const item of twinItems) {
    const made = await call('POST', '/api/ingest', bearer(twin.tokens.librarian), [item], twin);
    expect(made.status, made.text).toBe(200);
  }
});
afterAll(async () => {
  const failed = checks.filter((c) => !c.ok);
  report({
    test: '5. Access',
    done: 'every write endpoint (PATCH article, PATCH/DELETE actor, POST actors/merge, POST ingest, POST stories split/join/undo, GET history) without a token, with a revoked token, with the wrong role; a hidden article looked for as a reader and as an ingest token through search hits and totals, outlet/actor/date facets, facet search, story versions and storySize, article page, export (NDJSON, CSV), history; then every read path (search, facets, facet search, article pages, coverage views, actor list and every actor page, export, health) compared, as reader and as ingest token, with a twin archive that never had the hidden articles (one of them the first version of its story); hidden vs missing article and actor answers compared (status, headers, body, Server-Timing) and timed over 400 interleaved requests each; POST ingest of a hidden article by an ingest token compared with the twin',
    times: `${checks.length} checks`,
    lost:
      (failed.length === 0
        ? 'nothing refused let through, nothing hidden seen'
        : `${failed.length} leaks/let-throughs: ${failed.map((f) => `${f.name} (${f.observed})`).join('; ')}`) +
      (observations.length > 0 ? `; outside the contract: ${observations.join('; ')}` : ''),
    result: failed.length === 0 ? 'pass' : 'FAIL',
  });
  await w.close();
  await twin.close();
});

describe('writes without the right token are refused and change nothing', () => {
  const writes = () => [
    {
      method: 'PATCH',
      path: `/api/articles/${visibleId}`,
      body: { title: 'Defaced' },
      roles: ['librarian'],
    },
    {
      method: 'GET',
      path: `/api/articles/${visibleId}/history`,
      body: undefined,
      roles: ['librarian'],
    },
    {
      method: 'PATCH',
      path: '/api/actors/port-elmstead',
      body: { name: 'Defaced' },
      roles: ['librarian'],
    },
    {
      method: 'POST',
      path: '/api/actors/merge',
      body: { from: ['port-elmstead'], into: 'ann-lee' },
      roles: ['librarian'],
    },
    { method: 'DELETE', path: '/api/actors/port-elmstead', body: undefined, roles: ['librarian'] },
    {
      method: 'POST',
      path: '/api/stories/split',
      body: { article: visibleId },
      roles: ['librarian'],
    },
    {
      method: 'POST',
      path: '/api/stories/join',
      body: { article: visibleId, into: copyId },
      roles: ['librarian'],
    },
    {
      method: 'POST',
      path: '/api/stories/undo',
      body: { article: visibleId },
      roles: ['librarian'],
    },
    {
      method: 'POST',
      path: '/api/ingest',
      body: [
        {
          title: 'Injected',
          body: 'An article that must not be stored by a caller without a token.',
          outlet: 'Nowhere',
        },
      ],
      roles: ['ingest', 'librarian'],
    },
  ];

  it('401 without a token, 401 with a revoked or malformed one, 403 with the wrong role', async () => {
    const before = {
      count: w.archive.countArticles({ includeHidden: true }),
      title: w.archive.getArticle(visibleId)?.title,
      actors: w.archive.actors.list({ limit: 1000 }).length,
    };
    for (const write of writes()) {
      const callers: [string, Record<string, string>, number][] = [
        ['no token', {}, 401],
        ['revoked token', bearer(w.tokens.revoked), 401],
        ['unknown token', bearer('not-a-real-token-0000000000'), 401],
        ['malformed header', { authorization: 'Basic YWRtaW46YWRtaW4=' }, 401],
      ];
      if (!write.roles.includes('ingest'))
        callers.push(['ingest role', bearer(w.tokens.ingest), 403]);
      for (const [who, headers, expected] of callers) {
        const res = await call(write.method, write.path, headers, write.body);
        const shape = errorShapeProblem(res.status, res.text);
        check(
          `${write.method} ${write.path.replace(visibleId, ':id')} with ${who}`,
          res.status === expected && shape === null,
          `${res.status} ${shape ?? ''}`.trim(),
        );
      }
    }
    const after = {
      count: w.archive.countArticles({ includeHidden: true }),
      title: w.archive.getArticle(visibleId)?.title,
      actors: w.archive.actors.list({ limit: 1000 }).length,
    };
    check(
      'nothing changed by refused writes',
      JSON.stringify(before) === JSON.stringify(after),
      `${JSON.stringify(before)} -> ${JSON.stringify(after)}`,
    );
    expect(checks.filter((c) => !c.ok)).toEqual([]);
  });
});

describe('a hidden article is invisible to readers and ingest tokens', () => {
  it('the librarian sees it (so the checks below can fail)', async () => {
    const lib = bearer(w.tokens.librarian);
    const s = (await call('GET', `/api/search?q=${SECRET_WORD}`, lib)).json();
    expect(s.totalHits).toBe(1);
    expect((await call('GET', `/api/articles/${hiddenId}`, lib)).status).toBe(200);
    const facets = (await call('GET', '/api/search?q=quay', lib)).json();
    expect(JSON.stringify(facets.facets.actor)).toContain('Brackwater');
    expect(
      (await call('GET', '/api/facets/actor?facetQuery=brackw', lib)).json().values,
    ).toHaveLength(1);
    const page = (await call('GET', `/api/articles/${visibleId}`, lib)).text;
    expect(page).toContain(hiddenId);
    expect((await call('GET', `/api/articles/${ferryCopyId}`, lib)).text).toContain(founderId);
    const brackwater = await call('GET', '/api/actors/ottoline-brackwater', lib);
    expect(brackwater.status).toBe(200);
  });

  for (const who of ['reader', 'ingest token'] as const) {
    it(`as ${who}: search, facets, facet search, story, article page, export, history`, async () => {
      const h = who === 'reader' ? {} : bearer(w.tokens.ingest);
      const visible = w.archive.countArticles();
      const tag = (s: string) => `${who}: ${s}`;

      const q = await call('GET', `/api/search?q=${SECRET_WORD}`, h);
      check(
        tag('search for a word only the hidden article has'),
        q.status === 200 && q.json().totalHits === 0 && q.json().hits.length === 0,
        `${q.status} totalHits ${q.json().totalHits}`,
      );
      const brackwater = await call('GET', '/api/search?q=Brackwater', h);
      check(
        tag('search for a name only the hidden article has'),
        brackwater.json().totalHits === 0,
        `totalHits ${brackwater.json().totalHits}`,
      );

      const browse = (await call('GET', '/api/search?perPage=100', h)).json();
      const ids = (browse.hits as { id: string }[]).map((x) => x.id);
      check(
        tag('browse total'),
        browse.totalHits === visible,
        `totalHits ${browse.totalHits}, visible ${visible}`,
      );
      check(tag('browse hits'), !ids.includes(hiddenId), ids.join(','));
      const outletNames = (browse.facets.outlet as { name: string }[]).map((o) => o.name);
      check(tag('outlet facet'), !outletNames.includes(SECRET_OUTLET), outletNames.join(','));
      const outletSum = (browse.facets.outlet as { count: number }[]).reduce(
        (a, o) => a + o.count,
        0,
      );
      check(
        tag('outlet facet counts'),
        outletSum === visible,
        `sum ${outletSum}, visible ${visible}`,
      );
      const actorNames = (browse.facets.actor as { name: string }[]).map((a) =>
        a.name.toLowerCase(),
      );
      check(
        tag('actor facet'),
        !actorNames.some((n) => n.includes('brackwater') || n.includes(SECRET_WORD)),
        actorNames.join(','),
      );
      const date = browse.facets.date as {
        buckets: { key: string; count: number }[];
        undated: number;
        max: string | null;
      };
      const dateSum = date.buckets.reduce((a, b) => a + b.count, 0) + date.undated;
      check(tag('date facet counts'), dateSum === visible, `sum ${dateSum}, visible ${visible}`);
      check(tag('date facet max'), date.max !== '2024-03-05', `max ${date.max}`);
      const storySizes = (browse.hits as { id: string; storySize: number }[])
        .filter((x) => x.id === visibleId || x.id === copyId)
        .map((x) => x.storySize);
      check(
        tag('storySize on hits counts visible versions only'),
        storySizes.every((n) => n === 2),
        `storySize ${storySizes.join(',')}`,
      );

      const byOutlet = (await call('GET', `/api/search?outlet=quillfeather-gazette`, h)).json();
      check(
        tag('search filtered to the hidden outlet'),
        byOutlet.totalHits === 0,
        `totalHits ${byOutlet.totalHits}`,
      );
      const grouped = (await call('GET', '/api/search?q=quay&group=story', h)).json();
      const groupSizes = (grouped.hits as { storySize: number }[]).map((x) => x.storySize);
      check(
        tag('grouped story size'),
        grouped.hits.every((x: { id: string }) => x.id !== hiddenId) &&
          groupSizes.every((n) => n <= 2),
        `sizes ${groupSizes.join(',')}`,
      );

      const fo = await call('GET', '/api/facets/outlet?facetQuery=quill', h);
      check(
        tag('facet search outlet'),
        fo.status === 200 && fo.json().values.length === 0,
        `${fo.status} ${fo.text.slice(0, 200)}`,
      );
      const fa = await call('GET', '/api/facets/actor?facetQuery=brackw', h);
      check(
        tag('facet search actor'),
        fa.status === 200 && fa.json().values.length === 0,
        `${fa.status} ${fa.text.slice(0, 200)}`,
      );
      const foAll = await call('GET', '/api/facets/outlet', h);
      check(
        tag('facet values outlet'),
        !foAll.text.includes(SECRET_OUTLET),
        foAll.text.slice(0, 300),
      );

      const page = await call('GET', `/api/articles/${hiddenId}`, h);
      check(
        tag('hidden article page'),
        page.status === 404 && errorShapeProblem(page.status, page.text) === null,
        `${page.status}`,
      );
      const other = await call('GET', `/api/articles/${visibleId}`, h);
      check(
        tag('story versions on a visible version'),
        other.status === 200 &&
          !other.text.includes(hiddenId) &&
          !other.text.includes(SECRET_OUTLET),
        `${other.status} mentions hidden: ${other.text.includes(hiddenId)}`,
      );

      for (const format of ['ndjson', 'csv']) {
        const ex = await call('GET', `/api/export?format=${format}`, h);
        check(
          tag(`export ${format}`),
          ex.status === 200 && !ex.text.includes(hiddenId) && !ex.text.includes(SECRET_WORD),
          `${ex.status} leaks: ${ex.text.includes(hiddenId)}`,
        );
        const exq = await call('GET', `/api/export?format=${format}&q=${SECRET_WORD}`, h);
        check(
          tag(`export ${format} with q`),
          exq.status === 200 && !exq.text.includes(hiddenId),
          `${exq.status}`,
        );
      }
      const hist = await call('GET', `/api/articles/${hiddenId}/history`, h);
      check(
        tag('history'),
        (hist.status === 401 || hist.status === 403) && !hist.text.includes('legal hold'),
        `${hist.status}`,
      );
      // The actor registry is not among the contract's read paths, but an actor named only in a
      // hidden article is something a reader could learn of there (finding 6, fixed).
      const actors = await call('GET', '/api/actors?q=brackwater', h);
      check(
        tag('actor registry'),
        actors.status === 200 && !actors.text.toLowerCase().includes('brackwater'),
        `${actors.status} ${actors.text.slice(0, 160)}`,
      );

      expect(checks.filter((c) => !c.ok)).toEqual([]);
    });
  }
});

/**
 * A response as a reader could compare it: volatile fields dropped, story and copy-group ids
 * (random) by first use.
 */
function normalised(text: string): string {
  const ids = new Map<string, string>();
  return text
    .replace(/(?:st|cp)_[0-9a-f]{16}/g, (id) => {
      if (!ids.has(id)) ids.set(id, `${id.slice(0, 2)}-${ids.size + 1}`);
      return ids.get(id)!;
    })
    .replace(/"processingTimeMs":[\d.]+/g, '"processingTimeMs":0')
    .replace(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z/g, 'TIME');
}

/** Where two answers first differ, for the failure message. */
function difference(
  a: { status: number; text: string; headers: Headers },
  b: { status: number; text: string; headers: Headers },
): string {
  if (a.status !== b.status) return `status ${a.status} vs ${b.status}`;
  const [x, y] = [normalised(a.text), normalised(b.text)];
  if (x === y) return `headers ${visibleHeaders(a.headers)} | ${visibleHeaders(b.headers)}`;
  let i = 0;
  while (i < x.length && x[i] === y[i]) i++;
  return `from char ${i}: ${x.slice(Math.max(0, i - 40), i + 80)} | ${y.slice(Math.max(0, i - 40), i + 80)}`;
}

/** The headers a cache or a client could tell two answers apart by (not the request's own id). */
function visibleHeaders(h: Headers): string {
  return [...h]
    .filter(([k]) => k !== 'x-request-id')
    .map(([k, v]) => `${k}: ${v}`)
    .join('\n');
}

describe("a reader's view is the same whether or not the hidden articles exist", () => {
  for (const who of ['reader', 'ingest token'] as const) {
    it(`as ${who}: every read path answers as over the archive that never had them`, async () => {
      const headersOf = (world: World) => (who === 'reader' ? {} : bearer(world.tokens.ingest));
      const actors = (
        await call('GET', '/api/actors?limit=200', headersOf(twin), undefined, twin)
      ).json().actors as { id: string }[];
      const paths = [
        '/api/search?perPage=100',
        '/api/search?q=quay',
        '/api/search?q=ferry',
        '/api/search?q=storm&group=story',
        `/api/search?q=${SECRET_WORD}`,
        '/api/search?q=Brackwater',
        '/api/search?q=quay&sort=newest&from=2024-03-01',
        // The query language's readings (typos, suggestions, prefixes, exclusion) must not
        // depend on words only hidden articles hold.
        '/api/search?q=zorblatine',
        '/api/search?q=Brackwatr',
        `/api/search?q=${encodeURIComponent(`"${SECRET_WORD} memo"`)}`,
        `/api/search?q=${encodeURIComponent(`quay -${SECRET_WORD}`)}`,
        `/api/search?q=${encodeURIComponent(`${SECRET_WORD} OR ferry`)}`,
        `/api/search?q=${encodeURIComponent('zorblatt*')}`,
        '/api/facets/outlet',
        '/api/facets/actor',
        '/api/facets/actor?facetQuery=brackw',
        `/api/articles/${visibleId}`,
        `/api/articles/${copyId}`,
        `/api/articles/${ferryCopyId}`,
        `/api/articles/${hiddenId}`,
        `/api/articles/${founderId}`,
        '/api/actors?limit=200',
        '/api/actors?q=brack',
        ...actors.map((a) => `/api/actors/${a.id}`),
        '/api/actors/ottoline-brackwater',
        '/api/export?format=ndjson',
        '/api/export?format=csv',
        '/api/export?format=ndjson&q=storm',
        '/api/health',
      ];
      for (const path of paths) {
        const [a, b] = [
          await call('GET', path, headersOf(w), undefined, w),
          await call('GET', path, headersOf(twin), undefined, twin),
        ];
        const same =
          a.status === b.status &&
          normalised(a.text) === normalised(b.text) &&
          visibleHeaders(a.headers) === visibleHeaders(b.headers);
        check(
          `${who}: ${path.replace(hiddenId, ':hidden').replace(founderId, ':hidden-first')} as without them`,
          same,
          same ? '' : difference(a, b),
        );
      }
      // Each visible article's coverage view (the story's id differs between the two archives:
      // each world's own is asked for).
      for (const id of [visibleId, copyId, ferryCopyId]) {
        const [a, b] = await Promise.all(
          [w, twin].map(async (world) => {
            const page = await call(
              'GET',
              `/api/articles/${id}`,
              headersOf(world),
              undefined,
              world,
            );
            const storyId = page.json().article?.storyId as string;
            return call('GET', `/api/stories/${storyId}`, headersOf(world), undefined, world);
          }),
        );
        const same =
          a!.status === b!.status &&
          normalised(a!.text) === normalised(b!.text) &&
          visibleHeaders(a!.headers) === visibleHeaders(b!.headers);
        check(
          `${who}: the coverage view of ${id}'s story as without them`,
          same,
          same ? '' : difference(a!, b!),
        );
      }
      // The visible copy of a story whose first version is hidden carries no trace of it.
      const copy = await call('GET', `/api/articles/${ferryCopyId}`, headersOf(w));
      check(
        `${who}: storyId of a visible copy names no hidden article`,
        copy.status === 200 && !copy.text.includes(founderId),
        `storyId ${copy.json().article?.storyId}`,
      );
      expect(checks.filter((c) => !c.ok)).toEqual([]);
    });
  }

  it('hidden and missing articles and actors take the same path: same answer, no timings', async () => {
    // The timing itself is reported, not failed on, beyond a generous bound: the machine is shared.
    const samples = { hidden: [] as number[], missing: [] as number[] };
    const missingId = 'no-such-article-0000';
    for (const [hidden, missing] of [
      [`/api/articles/${hiddenId}`, `/api/articles/${missingId}`],
      ['/api/actors/ottoline-brackwater', '/api/actors/no-such-actor-0000'],
    ] as const) {
      const a = await call('GET', hidden);
      const b = await call('GET', missing);
      const norm = (t: string) =>
        t
          .replace(hiddenId, 'ID')
          .replace(missingId, 'ID')
          .replace(/no actor \S+/, 'no actor ID');
      check(
        `reader: ${hidden.split('/')[2]} hidden vs missing answer the same`,
        a.status === 404 &&
          b.status === 404 &&
          norm(a.text) === norm(b.text) &&
          visibleHeaders(a.headers) === visibleHeaders(b.headers),
        `${a.status} ${a.text.slice(0, 80)} | ${b.status} ${b.text.slice(0, 80)}`,
      );
      check(
        `reader: no Server-Timing on ${hidden.split('/')[2]} answers`,
        a.headers.get('server-timing') === null && b.headers.get('server-timing') === null,
        `${a.headers.get('server-timing')} | ${b.headers.get('server-timing')}`,
      );
    }
    // Interleaved, so load from elsewhere falls on both alike.
    for (let i = 0; i < 400; i++) {
      for (const [kind, path] of [
        ['hidden', `/api/articles/${hiddenId}`],
        ['missing', `/api/articles/${missingId}`],
      ] as const) {
        const t0 = performance.now();
        await w.app.request(path);
        samples[kind].push(performance.now() - t0);
      }
    }
    const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)]!;
    const [h, m] = [median(samples.hidden), median(samples.missing)];
    observations.push(
      `article 404 median over 400 requests each: hidden ${h.toFixed(3)} ms, missing ${m.toFixed(3)} ms`,
    );
    check(
      'reader: hidden article 404 no slower than a missing one (3x + 0.5 ms)',
      h <= 3 * m + 0.5,
      `${h} vs ${m} ms`,
    );
    expect(checks.filter((c) => !c.ok)).toEqual([]);
  });

  it('an ingest token sending a hidden article gets the answer a never-seen article gets', async () => {
    const item = items()[2];
    const [a, b] = [
      await call('POST', '/api/ingest', bearer(w.tokens.ingest), [item], w),
      await call('POST', '/api/ingest', bearer(twin.tokens.ingest), [item], twin),
    ];
    check(
      'ingest token: POST of a hidden article answers as for a new one',
      a.status === 200 && normalised(a.text) === normalised(b.text),
      `${a.text.slice(0, 200)} | ${b.text.slice(0, 200)}`,
    );
    expect(checks.filter((c) => !c.ok)).toEqual([]);
  });
});
