import fc from 'fast-check';
import { FacetSearchResponse, SearchResponse } from '@newsarchive/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiError, createTestWorld, extracted, type TestWorld } from '../../test-support.ts';

let w: TestWorld;
beforeAll(async () => {
  w = await createTestWorld([
    extracted(1),
    extracted(2, {
      title: 'Ceasefire talks "resume" in Cairo',
      outlet: { id: 'daily-planet', name: 'Daily Planet' },
    }),
  ]);
});
afterAll(() => w.close());

const keys = [
  'facetQuery',
  'limit',
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
  'x',
];
/** Values that have broken search systems: FTS5 syntax, quotes, NULs, huge numbers, odd dates. */
const hostile = fc.constantFrom(
  '"',
  '""',
  "'",
  '*',
  '-',
  'NEAR(a b)',
  'a OR b',
  'AND',
  'NOT',
  '^',
  '(',
  ')',
  ':',
  'title:x',
  '\\',
  '%',
  '%00',
  '%ZZ',
  '\u0000',
  '\uFFFF',
  '\uD800',
  '🙂',
  '0',
  '-1',
  '1e9',
  '99999999999',
  '1.5',
  ' ',
  '2024-13-01',
  '0000-00-00',
  '9999-12-31',
  'relevance',
  'story',
  'example-news',
  '<script>',
  "'; DROP TABLE articles;--",
);
const value = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  hostile,
  fc.string({ minLength: 500, maxLength: 600 }),
);
const pair = fc.tuple(fc.constantFrom(...keys), value);
const structured = fc
  .array(pair, { maxLength: 8 })
  .map((pairs) => new URLSearchParams(pairs).toString());
const raw = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.string({ unit: 'binary', maxLength: 100 }),
  fc.array(hostile, { maxLength: 6 }).map((xs) => xs.join('&')),
);

async function check(query: string, path = '/api/search'): Promise<void> {
  let url: string;
  try {
    url = `${path}?${query}`;
    new URL(url, 'http://localhost');
  } catch {
    return; // not a URL any client could send
  }
  const res = await w.app.request(url);
  expect(res.status, `${path}?${JSON.stringify(query)}`).toBeLessThan(500);
  if (res.status === 200)
    (path === '/api/search' ? SearchResponse : FacetSearchResponse).parse(await res.json());
  else {
    // 404 only when the facet name leaves no route at all (/api/facets/).
    expect(path === '/api/search' ? [400] : [400, 404]).toContain(res.status);
    expect((await apiError(res)).code).toBe(res.status === 400 ? 'invalid_request' : 'not_found');
  }
}

describe('GET /api/search under random and hostile query strings', () => {
  it('never answers 5xx; every 4xx has the error shape', async () => {
    await fc.assert(
      fc.asyncProperty(structured, (q) => check(q)),
      { numRuns: 300 },
    );
  });

  it('holds for facet search too, whatever the facet name', async () => {
    const facet = fc.oneof(fc.constantFrom('outlet', 'actor'), fc.string({ maxLength: 20 }));
    await fc.assert(
      fc.asyncProperty(facet, structured, (name, query) =>
        check(query, `/api/facets/${encodeURIComponent(name)}`),
      ),
      { numRuns: 200 },
    );
  });

  it('survives raw, unencoded junk after the ?', async () => {
    await fc.assert(
      fc.asyncProperty(raw, (q) => check(q)),
      { numRuns: 300 },
    );
  });
});
