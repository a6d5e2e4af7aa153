import { FacetSearchResponse, SearchResponse } from '@newsarchive/core';
import { withSearchThreads } from '@newsarchive/search';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../app.ts';
import {
  apiError,
  createTestWorld,
  extracted,
  json,
  silentEngine,
  type TestWorld,
} from '../../test-support.ts';

let w: TestWorld;
beforeAll(async () => {
  w = await createTestWorld([
    extracted(1),
    extracted(2, {
      outlet: { id: 'daily-planet', name: 'Daily Planet' },
      publishedAt: '2023-01-10',
    }),
    extracted(3, {
      title: 'Secret harbour memo',
      outlet: { id: 'daily-planet', name: 'Daily Planet' },
      actors: [{ name: 'Lex Corp', type: 'organization', id: 'lex-corp' }],
    }),
    extracted(4, { outlet: { id: 'tiny-gazette', name: 'Tiny Gazette' }, publishedAt: null }),
  ]);
  // Article 3 is hidden by a librarian: readers must never learn of it.
  const res = await w.app.request('/api/articles/art-3', {
    method: 'PATCH',
    headers: { ...w.as.librarian, 'content-type': 'application/json' },
    body: JSON.stringify({ status: 'hidden', reason: 'legal hold' }),
  });
  expect(res.status).toBe(200);
});
afterAll(() => w.close());

describe('GET /api/search', () => {
  it("answers in the documented shape, cached briefly in the reader's browser only", async () => {
    const res = await w.app.request('/api/search?q=harbour');
    expect(res.status).toBe(200);
    const body = SearchResponse.parse(await res.json());
    expect(body.engine).toBe('embedded');
    expect(body.hits.length).toBeGreaterThan(0);
    expect(body.hits[0]!.title.some((s) => s.match)).toBe(true);
    expect(res.headers.get('cache-control')).toMatch(/^private, max-age=\d+$/);
    expect(res.headers.get('vary')).toContain('Authorization');
    // Timings depend on hidden documents too: readers get none, librarians both.
    expect(res.headers.get('server-timing')).toBeNull();
    const lib = await w.app.request('/api/search?q=harbour', { headers: w.as.librarian });
    expect(lib.headers.get('server-timing')).toMatch(/^engine;dur=\d+\.\d{2}, app;dur=\d+\.\d{2}$/);
  });

  it('says how it read the query, and offers a spelling for an unknown word', async () => {
    const read = await json(
      await w.app.request(`/api/search?q=${encodeURIComponent('Harbour strike OR -memo')}`),
    );
    expect(read.query).toEqual({ read: 'harbour (strike OR -memo)', suggestion: null });
    const typo = await json(await w.app.request('/api/search?q=harbuor'));
    expect(typo.query).toEqual({ read: 'harbuor', suggestion: 'harbour' });
    const none = await json(await w.app.request('/api/search?q=***'));
    expect(none.totalHits).toBe(0);
    expect(none.query).toEqual({ read: '', suggestion: null });
  });

  it("marks hidden articles in a librarian's hits, and only there", async () => {
    const librarian = SearchResponse.parse(
      await json(await w.app.request('/api/search?q=harbour', { headers: w.as.librarian })),
    );
    expect(librarian.hits.filter((h) => h.hidden).map((h) => h.id)).toEqual(['art-3']);
    const reader = await (await w.app.request('/api/search?q=harbour')).text();
    expect(reader).not.toContain('"hidden"');
  });

  it('keeps hidden articles out of hits, totals and facet counts for readers', async () => {
    const reader = SearchResponse.parse(await json(await w.app.request('/api/search?q=harbour')));
    expect(reader.hits.map((h) => h.id)).not.toContain('art-3');
    expect(reader.totalHits).toBe(3);
    expect(reader.facets.actor.map((a) => a.id)).not.toContain('lex-corp');
    const planet = reader.facets.outlet.find((o) => o.id === 'daily-planet');
    expect(planet?.count).toBe(1);
    const facet = FacetSearchResponse.parse(
      await json(await w.app.request('/api/facets/actor?q=harbour')),
    );
    expect(facet.values.map((v) => v.id)).not.toContain('lex-corp');
  });

  it('shows hidden articles to librarians, never cached', async () => {
    const res = await w.app.request('/api/search?q=harbour', { headers: w.as.librarian });
    const body = SearchResponse.parse(await res.json());
    expect(body.hits.map((h) => h.id)).toContain('art-3');
    expect(body.totalHits).toBe(4);
    expect(res.headers.get('cache-control')).toBe('private, no-store');
  });

  it('does not let a reader ask for hidden articles', async () => {
    const body = SearchResponse.parse(
      await json(await w.app.request('/api/search?q=harbour&includeHidden=true')),
    );
    expect(body.hits.map((h) => h.id)).not.toContain('art-3');
  });

  it('takes repeatable parameters and ignores unknown ones', async () => {
    const res = await w.app.request(
      '/api/search?outlet=example-news&outlet=tiny-gazette&utm_source=x&sort=newest',
    );
    expect(res.status).toBe(200);
    const body = SearchResponse.parse(await res.json());
    expect(new Set(body.hits.map((h) => h.outlet?.id))).toEqual(
      new Set(['example-news', 'tiny-gazette']),
    );
    const narrowed = SearchResponse.parse(
      await json(await w.app.request('/api/search?excludeOutlet=example-news')),
    );
    expect(narrowed.hits.map((h) => h.outlet?.id)).not.toContain('example-news');
  });

  it.each([
    ['page=0', 'page'],
    ['page=abc', 'page'],
    ['perPage=101', 'perPage'],
    ['outlet=not%20an%20id', 'outlet'],
    ['from=2024-02-30', 'from'],
    ['from=2024-05-02&to=2024-05-01', 'from'],
    ['sort=sideways', 'sort'],
    ['group=outlet', 'group'],
    [`q=${'x'.repeat(513)}`, 'q'],
    ['q=a&q=b', 'q'],
  ])('refuses %s with 400 naming %s', async (query, param) => {
    const res = await w.app.request(`/api/search?${query}`);
    expect(res.status).toBe(400);
    const error = await apiError(res);
    expect(error.code).toBe('invalid_request');
    expect(error.message).toContain(param);
    expect(error.issues?.some((i) => i.path[0] === param)).toBe(true);
  });

  it('refuses a bad token with 401 rather than answering as a reader', async () => {
    for (const authorization of ['Bearer na_not-a-real-token', 'Basic dXNlcjpwYXNz', 'Bearer']) {
      const res = await w.app.request('/api/search', { headers: { authorization } });
      expect(res.status).toBe(401);
      expect((await apiError(res)).code).toBe('unauthorized');
    }
  });

  it('rate-limits each client with 429 and Retry-After', async () => {
    const app = w.withConfig({ rateLimitPerMinute: 6 });
    expect((await app.request('/api/search')).status).toBe(200);
    const res = await app.request('/api/search');
    expect(res.status).toBe(429);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect((await apiError(res)).code).toBe('rate_limited');
    // Other endpoints are not limited.
    expect((await app.request('/api/health')).status).toBe(200);
  });

  it('answers 503 engine_unavailable when the engine does not answer', async () => {
    const app = createApp({
      archive: w.archive,
      engine: silentEngine(w.engine),
      config: { ...w.config, engineTimeoutMs: 100 },
    });
    for (const path of ['/api/search?q=harbour', '/api/facets/outlet']) {
      const res = await app.request(path);
      expect(res.status).toBe(503);
      const error = await apiError(res);
      expect(error.code).toBe('engine_unavailable');
    }
  });
});

describe('GET /api/facets/{facet}', () => {
  it('finds facet values under the search filters', async () => {
    const res = await w.app.request('/api/facets/outlet?facetQuery=dai');
    expect(res.status).toBe(200);
    const body = FacetSearchResponse.parse(await res.json());
    expect(body.facet).toBe('outlet');
    expect(body.values.map((v) => v.id)).toEqual(['daily-planet']);
    expect(res.headers.get('cache-control')).toMatch(/^private, max-age/);
  });

  it('refuses an unknown facet and bad filters', async () => {
    const res = await w.app.request('/api/facets/byline');
    expect(res.status).toBe(400);
    expect((await apiError(res)).issues?.[0]?.path).toEqual(['facet']);
    const bad = await w.app.request('/api/facets/actor?limit=1000');
    expect(bad.status).toBe(400);
    expect((await apiError(bad)).message).toContain('limit');
  });
});

describe('GET /api/search with the engine on search threads (as the server runs it)', () => {
  it('answers exactly as in-process, hidden articles still kept from readers', async () => {
    // The world's engine does the writes and stays open for the other tests.
    const threaded = withSearchThreads(
      { ...w.engine, close: async () => {} },
      { path: w.archive.path, threads: 1 },
    );
    try {
      const app = createApp({ archive: w.archive, engine: threaded, config: w.config });
      for (const path of [
        '/api/search?q=harbour',
        '/api/search?q=harbour&outlet=daily-planet&sort=newest',
        '/api/search?q=',
      ]) {
        const [inProcess, onThread] = [await w.app.request(path), await app.request(path)];
        expect(onThread.status, path).toBe(200);
        expect(onThread.headers.get('content-type')).toMatch(/^application\/json/);
        expect(onThread.headers.get('cache-control')).toMatch(/^private, max-age/);
        const [a, b] = [
          SearchResponse.parse(await inProcess.json()),
          SearchResponse.parse(await onThread.json()),
        ];
        expect({ ...b, processingTimeMs: 0 }, path).toEqual({ ...a, processingTimeMs: 0 });
        expect(b.hits.map((h) => h.id)).not.toContain('art-3');
      }
      const librarian = SearchResponse.parse(
        await json(await app.request('/api/search?q=secret', { headers: w.as.librarian })),
      );
      expect(librarian.hits.map((h) => h.id)).toContain('art-3');
    } finally {
      await threaded.close();
    }
  });
});
