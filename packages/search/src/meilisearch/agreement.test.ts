import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Meilisearch } from 'meilisearch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  FacetSearchRequest,
  SearchRequest,
  type SearchDocument,
  type SearchRequestInput,
  type SearchResponse,
} from '@newsarchive/core';
import { contractDocuments, queryLanguageDocuments } from '../contract/index.ts';
import { createEmbeddedEngine } from '../embedded/engine.ts';
import type { SearchEngine } from '../engine.ts';
import { createMeilisearchEngine } from './engine.ts';

// Tests may read the environment; the library never does.
const url = process.env.MEILI_URL;
const masterKey = process.env.MEILI_MASTER_KEY || undefined;

/** One query per construct, and the constructs that need several Meilisearch searches. */
const QUERIES: SearchRequestInput[] = [
  { q: 'prime minister' },
  { q: '"prime minister"' },
  { q: 'trump -russia' },
  { q: '-russia' },
  { q: 'NOT ceasefire' },
  { q: '-(trump russia)' },
  { q: 'trump OR russia' },
  { q: '(trump OR russia) sanctions' },
  { q: 'ceasefire OR netanyahu' },
  { q: 'ceasefire OR netanyahu', outlet: ['alpha-post'] },
  { q: 'ceasefire OR netanyahu', actor: ['hamas'] },
  { q: 'ceasefire OR netanyahu', from: '2024-01-01', to: '2024-01-31' },
  { q: 'ceasefire OR netanyahu', group: 'story' },
  { q: '(ceasefire OR aid) -hamas' },
  { q: 'hostag*' },
  { q: 'ceasef* talks' },
  { q: 'e-mail' },
  { q: 'healthcare' },
  { q: 'health care' },
  { q: '5G' },
  { q: 'S&P 500' },
  { q: 'C++' },
  { q: '9/11' },
  { q: 'U.S.' },
  { q: 'café' },
  { q: "Israel's" },
  { q: 'hostage' },
  { q: 'hostages -freed' },
  { q: 'cesefire' },
];

/** Spellings of the eval's former misses, for the queries below. */
function extraDoc(id: string, body: string): SearchDocument {
  return {
    id,
    url: `https://example.org/${id}`,
    title: 'Briefing',
    body,
    outlet: null,
    byline: null,
    publishedAt: '2024-06-01',
    actors: [],
    storyId: id,
    storySize: 1,
    storyOutlets: 1,
    copyId: 'cp_fixture',
    copies: 1,
    status: 'visible',
    hiddenReason: null,
    collections: [],
  };
}
const EXTRA_DOCS = [
  extraDoc('ins-joined', 'Insurance rules for healthcare workers changed.'),
  extraDoc('ins-apart', 'Insurance rules for health care workers changed.'),
  extraDoc('ins-plural', 'Insurance covers both health cares here.'),
  extraDoc('ins-only', 'Insurance premiums went up.'),
  extraDoc('putin-name', 'Putin spoke to reporters.'),
  extraDoc('putin-possessive', "Putin's spokesman declined to comment."),
  extraDoc('put-in', 'The rules were put in place last year.'),
  extraDoc('tweets-plain', 'Trump tweets about the deal angered allies.'),
  extraDoc('tweets-possessive', "Trump's tweets about the deal angered allies."),
  extraDoc('cyber-joined', 'A cyberattack hit the port.'),
  extraDoc('cyber-plural', 'Two cyberattacks hit the port.'),
  extraDoc('cyber-apart', 'Cyber attacks hit the port.'),
  extraDoc('cyber-apart-one', 'A cyber attack hit the port.'),
];

/**
 * The eval's former misses (docs/meilisearch.md), on an index built by a rebuild: compound
 * spellings and the typo list need the whole archive's words.
 */
const REBUILT_QUERIES: SearchRequestInput[] = [
  { q: 'insurance -healthcare' },
  { q: "Putin's" },
  { q: 'putin' },
  { q: '"Trump\'s tweets"' },
  { q: 'cyberattack' },
  { q: 'cyberattacks' },
  { q: 'port -cyberattack' },
  ...QUERIES,
];

const counts = (r: SearchResponse) => ({
  totalHits: r.totalHits,
  outlet: Object.fromEntries(r.facets.outlet.map((o) => [o.id, o.count])),
  actor: Object.fromEntries(r.facets.actor.map((a) => [a.id, a.count])),
  date: { ...r.facets.date, buckets: r.facets.date.buckets },
});

if (!url) {
  describe.skip('Meilisearch and embedded agree — skipped: MEILI_URL is not set (needs a real server)', () => {
    it('needs MEILI_URL', () => {});
  });
} else {
  describe('Meilisearch and the embedded engine agree on totals and facets', () => {
    const index = `agree_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 6)}`;
    const dir = mkdtempSync(join(tmpdir(), 'search-agree-'));
    const db = new Database(join(dir, 'archive.db'));
    let embedded: SearchEngine;
    let meili: Awaited<ReturnType<typeof createMeilisearchEngine>>;
    let rebuilt: Awaited<ReturnType<typeof createMeilisearchEngine>>;
    /** The embedded engine over the documents and EXTRA_DOCS, beside `rebuilt`. */
    const db2 = new Database(join(dir, 'archive2.db'));
    let embedded2: SearchEngine;

    beforeAll(async () => {
      // (Meilisearch's queue may be busy with other indexes: hence the long hook timeouts.)
      const docs = [...contractDocuments(), ...queryLanguageDocuments()];
      embedded = createEmbeddedEngine({ db });
      embedded2 = createEmbeddedEngine({ db: db2 });
      await embedded2.index([...docs, ...EXTRA_DOCS]);
      await embedded2.flush?.();
      meili = await createMeilisearchEngine({ url, masterKey, index });
      rebuilt = await createMeilisearchEngine({ url, masterKey, index: `${index}_rebuilt` });
      await embedded.index(docs);
      await embedded.flush?.();
      await meili.index(docs);
      await meili.flush();
      await rebuilt.rebuild([[...docs, ...EXTRA_DOCS]]);
    }, 180_000);
    afterAll(async () => {
      await embedded?.close();
      await embedded2?.close();
      db.close();
      db2.close();
      rmSync(dir, { recursive: true, force: true });
      await meili?.close();
      await rebuilt?.close();
      const admin = new Meilisearch({ host: url, apiKey: masterKey });
      for (const i of (await admin.getIndexes({ limit: 1000 })).results) {
        if (i.uid.startsWith(index)) await admin.deleteIndex(i.uid).waitTask({ timeout: 120_000 });
      }
      for (const k of (await admin.getKeys({ limit: 1000 })).results) {
        if (k.name?.includes(`(${index}`)) await admin.deleteKey(k.uid);
      }
    }, 120_000);

    for (const input of QUERIES) {
      it(`${JSON.stringify(input)}`, async () => {
        const { q, ...rest } = input;
        const request = { ...SearchRequest.parse({ ...rest, perPage: 100 }), q: q ?? '' };
        const [e, m] = await Promise.all([embedded.search(request), meili.search(request)]);
        expect(counts(m)).toEqual(counts(e));
        expect(m.hits.map((h) => h.id).sort()).toEqual(e.hits.map((h) => h.id).sort());
        expect(m.query).toEqual({ read: e.query?.read, suggestion: null });
      });
    }

    for (const input of REBUILT_QUERIES) {
      it(`after a rebuild: ${JSON.stringify(input)}`, async () => {
        const { q, ...rest } = input;
        const request = { ...SearchRequest.parse({ ...rest, perPage: 100 }), q: q ?? '' };
        const [e, m] = await Promise.all([embedded2.search(request), rebuilt.search(request)]);
        expect(counts(m)).toEqual(counts(e));
        expect(m.hits.map((h) => h.id).sort()).toEqual(e.hits.map((h) => h.id).sort());
      });
    }

    it('agrees on the total of an excluded symbol name', async () => {
      // Totals only: the embedded engine's hit list for `-C++` also drops articles with a bare
      // "C" (its ranking expression leaves the units out), so it lists fewer hits than it counts.
      const request = { ...SearchRequest.parse({ perPage: 100 }), q: 'school -C++' };
      const [e, m] = await Promise.all([embedded.search(request), meili.search(request)]);
      expect(counts(m)).toEqual(counts(e));
      expect(m.hits.map((h) => h.id).sort()).toEqual(['c-grade', 'sp-grades']);
    });

    it('sorts a union by date like a single search', async () => {
      for (const sort of ['newest', 'oldest'] as const) {
        const request = { ...SearchRequest.parse({ sort }), q: 'ceasefire OR netanyahu' };
        const [e, m] = await Promise.all([embedded.search(request), meili.search(request)]);
        expect(m.hits.map((h) => h.id)).toEqual(e.hits.map((h) => h.id));
      }
    });

    it('pages through a union without repeating or losing a hit', async () => {
      const request = { ...SearchRequest.parse({ perPage: 2 }), q: 'ceasefire OR hostages' };
      const seen: string[] = [];
      for (let page = 1; page <= 4; page++) {
        const r = await meili.search({ ...request, page });
        expect(r.totalHits).toBe(7);
        seen.push(...r.hits.map((h) => h.id));
      }
      expect(seen).toHaveLength(7);
      expect(new Set(seen).size).toBe(7);
    });

    it('counts facet values over a union in facet search', async () => {
      for (const q of [
        'ceasefire OR netanyahu',
        'ceasefire OR aid OR hostages',
        'hamas -ceasefire',
      ]) {
        const request = FacetSearchRequest.parse({ facet: 'actor', q });
        const [e, m] = await Promise.all([
          embedded.searchFacet(request),
          meili.searchFacet(request),
        ]);
        expect(m.values, q).toEqual(e.values);
      }
    });
  });
}
