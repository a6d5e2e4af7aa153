import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  SearchRequest,
  SearchResponse,
  FacetSearchRequest,
  FacetSearchResponse,
  type SearchDocument,
  type SearchRequestInput,
} from '@newsarchive/core';
import { EngineError, EngineUnavailableError, type SearchEngine } from '../engine.ts';
import { contractDocuments, FIXTURE, HOSTILE_QUERIES } from './fixtures.ts';
import { runQueryLanguageSuite } from './query-language.ts';

export { contractDocuments, FIXTURE, HOSTILE_QUERIES } from './fixtures.ts';
export { queryLanguageDocuments } from './query-language.ts';

/** Makes a fresh, empty engine for one run of the suite, and throws it away afterwards. */
export interface ContractTarget {
  engine: SearchEngine;
  cleanup(): Promise<void>;
}

const text = (segments: { text: string }[]) => segments.map((s) => s.text).join('');

/**
 * The one contract every adapter passes: filters, disjunctive facets, dates, grouping,
 * paging, sorting, hidden articles, highlights, hostile input, typos, facet search,
 * idempotent writes and a rebuild that never stops searches from answering.
 */
export function runContractSuite(name: string, make: () => Promise<ContractTarget>): void {
  describe(`SearchEngine contract: ${name}`, () => {
    let target: ContractTarget;
    let engine: SearchEngine;
    const docs = contractDocuments();

    const search = async (input: SearchRequestInput) => {
      // Engines receive parsed requests (the API validates); long hostile text bypasses the cap.
      const { q, ...rest } = input;
      const request = { ...SearchRequest.parse(rest), q: q ?? '' };
      return SearchResponse.parse(await engine.search(request));
    };
    const ids = (r: SearchResponse) => r.hits.map((h) => h.id).sort();

    beforeAll(async () => {
      target = await make();
      engine = target.engine;
      await engine.index(docs);
      await engine.flush?.();
    });
    afterAll(async () => {
      await target?.cleanup();
    });

    it('reports its name and document count', async () => {
      expect(['embedded', 'meilisearch']).toContain(engine.name);
      expect((await engine.stats()).documents).toBe(docs.length);
      expect(await engine.healthy()).toBe(true);
    });

    it('finds words in titles and bodies and ranks a title match first', async () => {
      const r = await search({ q: 'ceasefire' });
      expect(ids(r)).toEqual(['cairo-talks', 'ceasefire-holds', 'harbour-strike', 'script-body']);
      expect(r.totalHits).toBe(4);
      expect(r.totalHitsExact).toBe(true);
      expect(r.engine).toBe(engine.name);
      expect(['cairo-talks', 'ceasefire-holds']).toContain(r.hits[0]!.id);
    });

    it('matches every word of a multi-word query', async () => {
      expect(ids(await search({ q: 'ceasefire talks' }))).toEqual(['cairo-talks']);
      expect(ids(await search({ q: 'humanitarian aid' }))).toEqual(['phone-call', 'un-vote']);
    });

    it('finds word beginnings only when asked with a star', async () => {
      expect(ids(await search({ q: 'ceasef*' }))).toContain('cairo-talks');
      expect(ids(await search({ q: 'humanitarian ai*' }))).toEqual(['phone-call', 'un-vote']);
      // Without the star a word means itself: "aid" does not find "aids" or "aide".
      expect((await search({ q: 'ceasef' })).totalHits).toBe(0);
    });

    it('forgives typos like Meilisearch: one from 5 letters, two from 9', async () => {
      expect(ids(await search({ q: 'cesefire' }))).toContain('cairo-talks');
      expect(ids(await search({ q: 'Netanyau' }))).toContain('knesset-speech');
      expect(ids(await search({ q: 'humanitrian' }))).toEqual(['phone-call', 'un-vote']);
      // Four letters forgive nothing.
      expect((await search({ q: 'gaxa ' })).totalHits).toBe(0);
    });

    it('ANDs filters across facets', async () => {
      const r = await search({
        outlet: [FIXTURE.outlets.alpha.id],
        actor: [FIXTURE.actors.netanyahu.id],
      });
      expect(ids(r)).toEqual(['cairo-talks', 'phone-call']);
    });

    it('ORs outlets', async () => {
      const r = await search({
        outlet: [FIXTURE.outlets.alpha.id, FIXTURE.outlets.beta.id],
        perPage: 100,
      });
      expect(ids(r)).toEqual([
        'cairo-talks',
        'ceasefire-holds',
        'phone-call',
        'script-body',
        'un-vote',
      ]);
    });

    it('ANDs actors', async () => {
      const r = await search({ actor: [FIXTURE.actors.netanyahu.id, FIXTURE.actors.hamas.id] });
      expect(ids(r)).toEqual(['cairo-talks']);
      expect((await search({ actor: ['no-such-actor'] })).totalHits).toBe(0);
    });

    it('excludes outlets and actors', async () => {
      const noAlpha = await search({ q: 'ceasefire', excludeOutlet: [FIXTURE.outlets.alpha.id] });
      expect(ids(noAlpha)).toEqual(['ceasefire-holds', 'harbour-strike', 'script-body']);
      const noHamas = await search({ q: 'ceasefire', excludeActor: [FIXTURE.actors.hamas.id] });
      expect(ids(noHamas)).toEqual(['harbour-strike', 'script-body']);
      expect(noHamas.facets.actor.find((a) => a.id === FIXTURE.actors.hamas.id)).toBeUndefined();
    });

    it('takes date ranges inclusively and leaves undated articles out of them', async () => {
      const r = await search({ q: 'ceasefire', from: '2024-01-05', to: '2024-01-06' });
      expect(ids(r)).toEqual(['cairo-talks', 'ceasefire-holds']);
      expect(ids(await search({ q: 'ceasefire', from: '2024-01-06' }))).toEqual([
        'ceasefire-holds',
      ]);
      expect(ids(await search({ q: 'ceasefire', to: '2024-01-05' }))).toEqual([
        'cairo-talks',
        'script-body',
      ]);
    });

    it('counts undated articles and the date range of the matches', async () => {
      const r = await search({ q: 'ceasefire' });
      expect(r.facets.date.undated).toBe(1);
      expect(r.facets.date.min).toBe('2022-06-01');
      expect(r.facets.date.max).toBe('2024-01-06');
      // The date facet ignores the date filter (disjunctive): the undated one is still counted.
      const ranged = await search({ q: 'ceasefire', from: '2024-01-01', to: '2024-01-31' });
      expect(ranged.facets.date.undated).toBe(1);
    });

    it('counts facets disjunctively', async () => {
      const r = await search({ q: 'ceasefire', outlet: [FIXTURE.outlets.alpha.id] });
      expect(ids(r)).toEqual(['cairo-talks']);
      const outlets = Object.fromEntries(r.facets.outlet.map((o) => [o.id, o.count]));
      // Outlet counts ignore the outlet filter, so readers see the alternatives.
      expect(outlets).toEqual({ 'alpha-post': 1, 'beta-times': 2, 'gamma-news': 1 });
      expect(r.facets.outlet.find((o) => o.id === 'beta-times')!.name).toBe('Beta Times');
      // Actor counts do apply the outlet filter.
      const actors = Object.fromEntries(r.facets.actor.map((a) => [a.id, a.count]));
      expect(actors).toEqual({ 'benjamin-netanyahu': 1, hamas: 1 });
      expect(r.facets.actor.find((a) => a.id === 'hamas')).toMatchObject({
        name: 'Hamas',
        type: 'group',
      });

      const byActor = await search({ actor: [FIXTURE.actors.netanyahu.id] });
      const actorCounts = Object.fromEntries(byActor.facets.actor.map((a) => [a.id, a.count]));
      // Actor counts ignore the actor filter.
      expect(actorCounts['united-nations']).toBe(2);
      expect(actorCounts['benjamin-netanyahu']).toBe(3);
      expect(byActor.facets.outlet.map((o) => [o.id, o.count]).sort()).toEqual([
        ['alpha-post', 2],
        ['gamma-news', 1],
      ]);
    });

    it('buckets dates by day, month or year as the range asks', async () => {
      const days = await search({ from: '2024-01-01', to: '2024-01-31' });
      expect(days.facets.date.interval).toBe('day');
      expect(days.facets.date.buckets).toContainEqual({ key: '2024-01-05', count: 1 });
      const months = await search({ from: '2023-06-01', to: '2024-05-31' });
      expect(months.facets.date.interval).toBe('month');
      expect(months.facets.date.buckets).toContainEqual({ key: '2024-01', count: 3 });
      const years = await search({});
      expect(years.facets.date.interval).toBe('year');
      expect(years.facets.date.buckets).toEqual([
        { key: '2021', count: 12 },
        { key: '2022', count: 1 },
        { key: '2023', count: 1 },
        { key: '2024', count: 5 },
      ]);
      expect(years.facets.date.undated).toBe(1);
      const keys = years.facets.date.buckets.map((b) => b.key);
      expect(keys).toEqual([...keys].sort());
    });

    it('chooses the interval from the matches when the range is open', async () => {
      // Twelve bulletins over twelve days: no range given, so their own span asks for days.
      const open = await search({ q: 'weather' });
      expect(open.facets.date).toMatchObject({
        interval: 'day',
        min: '2021-01-01',
        max: '2021-01-12',
        undated: 0,
      });
      expect(open.facets.date.buckets).toHaveLength(12);
      expect(open.facets.date.buckets[0]).toEqual({ key: '2021-01-01', count: 1 });
      // Only a start: the span runs from it to the latest match, and every bulletin is counted.
      const from = await search({ q: 'weather', from: '2021-01-10' });
      expect(ids(from)).toEqual(['weather-10', 'weather-11', 'weather-12']);
      expect(from.facets.date.interval).toBe('day');
      expect(from.facets.date.buckets.map((b) => b.count)).toEqual(new Array(12).fill(1));
      // Matches across ten weeks: months.
      const months = await search({ q: 'netanyahu' });
      expect(months.facets.date.interval).toBe('month');
      expect(months.facets.date.buckets).toEqual([
        { key: '2024-01', count: 1 },
        { key: '2024-02', count: 1 },
        { key: '2024-03', count: 1 },
      ]);
    });

    it('groups by story: one hit per story, with its size', async () => {
      const r = await search({ q: 'ceasefire', group: 'story' });
      expect(r.totalHits).toBe(3);
      const storyHits = r.hits.filter((h) => h.storyId === 'story-ceasefire');
      expect(storyHits).toHaveLength(1);
      expect(storyHits[0]!.storySize).toBe(2);
      // Coverage: the story's outlets and the hit's own copy group come back as indexed.
      expect(storyHits[0]!.storyOutlets).toBe(2);
      expect(storyHits[0]!.copyId).toBe(`cp_${storyHits[0]!.id}`);
      expect(storyHits[0]!.copies).toBe(1);
    });

    it('pages with exact totals', async () => {
      const seen = new Set<string>();
      for (const page of [1, 2, 3]) {
        const r = await search({ q: 'weather', perPage: 5, page, sort: 'oldest' });
        expect(r.totalHits).toBe(12);
        expect(r.totalPages).toBe(3);
        expect(r.page).toBe(page);
        expect(r.hits).toHaveLength(page === 3 ? 2 : 5);
        for (const h of r.hits) seen.add(h.id);
      }
      expect(seen.size).toBe(12);
      const beyond = await search({ q: 'weather', perPage: 5, page: 4 });
      expect(beyond.hits).toHaveLength(0);
      expect(beyond.totalHits).toBe(12);
    });

    it('sorts newest and oldest first, undated last either way', async () => {
      const newest = await search({ q: 'ceasefire', sort: 'newest' });
      expect(newest.hits.map((h) => h.id)).toEqual([
        'ceasefire-holds',
        'cairo-talks',
        'script-body',
        'harbour-strike',
      ]);
      const oldest = await search({ q: 'ceasefire', sort: 'oldest' });
      expect(oldest.hits.map((h) => h.id)).toEqual([
        'script-body',
        'cairo-talks',
        'ceasefire-holds',
        'harbour-strike',
      ]);
      const browse = await search({ perPage: 3 });
      expect(browse.hits.map((h) => h.publishedAt)).toEqual([
        '2024-03-15',
        '2024-02-10',
        '2024-01-20',
      ]);
    });

    it('leaves hidden articles out unless asked for', async () => {
      expect((await search({ q: 'dossier' })).totalHits).toBe(0);
      expect(
        (await search({ q: 'ceasefire' })).facets.actor.find((a) => a.id === 'hamas')!.count,
      ).toBe(2);
      const librarian = await search({ q: 'dossier', includeHidden: true });
      expect(ids(librarian)).toEqual(['hidden-report']);
      // Marked, so a librarian's result list can tell it from what readers see.
      expect(librarian.hits[0]!.hidden).toBe(true);
      const visible = await search({ q: 'ceasefire', includeHidden: true });
      expect(visible.hits.length).toBeGreaterThan(1);
      expect(visible.hits.filter((h) => h.hidden).map((h) => h.id)).toEqual(['hidden-report']);
      const all = await search({ q: 'ceasefire', includeHidden: true });
      expect(all.facets.actor.find((a) => a.id === 'hamas')!.count).toBe(3);
    });

    it('returns highlights as segments, never HTML', async () => {
      const r = await search({ q: 'ceasefire talks' });
      const hit = r.hits[0]!;
      expect(hit.title).toContainEqual({ text: 'Ceasefire', match: true });
      expect(hit.title).toContainEqual({ text: 'talks', match: true });
      expect(text(hit.title)).toBe('Ceasefire talks resume in Cairo');
      expect(hit.snippet.some((s) => s.match && s.text.toLowerCase() === 'ceasefire')).toBe(true);
      const script = (await search({ q: 'ampersand' })).hits[0]!;
      expect(text(script.snippet)).toContain("<script>alert('x')</script>");
      expect(text(script.snippet)).toContain('&');
      expect(text(script.title)).toBe('Markup <b>survives</b> as text');
      for (const s of [...script.snippet, ...script.title])
        expect(s.text).not.toMatch(/&lt;|&amp;|<em>|<mark>/);
      // Browsing (no words): plain text, nothing marked.
      const browse = await search({ perPage: 1 });
      expect(browse.hits[0]!.snippet.every((s) => !s.match)).toBe(true);
      expect(browse.hits[0]!.snippet.length).toBeGreaterThan(0);
    });

    it('answers hostile strings without an error', async () => {
      for (const q of HOSTILE_QUERIES) {
        const r = await search({ q });
        expect(r.totalHits).toBeGreaterThanOrEqual(0);
        const f = FacetSearchResponse.parse(
          await engine.searchFacet({
            ...FacetSearchRequest.parse({ facet: 'actor' }),
            facetQuery: q,
          }),
        );
        expect(Array.isArray(f.values)).toBe(true);
      }
      // NOT is the operator: everything visible but the ceasefire articles.
      const without = await search({ q: 'NOT ceasefire', perPage: 100 });
      expect(without.hits.map((h) => h.id)).toContain('un-vote');
      expect(without.hits.map((h) => h.id)).not.toContain('cairo-talks');
      expect(without.totalHits).toBe(docs.length - 1 - 4);
    });

    it('searches inside facet values with the search filters', async () => {
      const actors = FacetSearchResponse.parse(
        await engine.searchFacet(FacetSearchRequest.parse({ facet: 'actor', facetQuery: 'benj' })),
      );
      expect(actors.values).toContainEqual({ ...FIXTURE.actors.netanyahu, count: 3 });
      const outlets = FacetSearchResponse.parse(
        await engine.searchFacet(
          FacetSearchRequest.parse({ facet: 'outlet', facetQuery: 'gam', q: 'ceasefire' }),
        ),
      );
      expect(outlets.values).toEqual([{ ...FIXTURE.outlets.gamma, count: 1 }]);
      // Disjunctive: the actor filter does not narrow the actor values.
      const filtered = FacetSearchResponse.parse(
        await engine.searchFacet(
          FacetSearchRequest.parse({
            facet: 'actor',
            facetQuery: 'ham',
            actor: [FIXTURE.actors.biden.id],
          }),
        ),
      );
      expect(filtered.values).toEqual([{ ...FIXTURE.actors.hamas, count: 3 }]);
    });

    it('indexes and removes idempotently', async () => {
      const extra: SearchDocument = {
        ...docs[0]!,
        id: 'extra-article',
        title: 'Zeppelin sighted over harbour',
        storyId: 'extra-article',
        storySize: 1,
      };
      await engine.index([extra]);
      await engine.index([extra]);
      await engine.flush?.();
      expect((await engine.stats()).documents).toBe(docs.length + 1);
      expect(ids(await search({ q: 'zeppelin' }))).toEqual(['extra-article']);
      await engine.index([{ ...extra, title: 'Airship sighted over harbour' }]);
      await engine.flush?.();
      expect((await search({ q: 'zeppelin' })).totalHits).toBe(0);
      expect(ids(await search({ q: 'airship' }))).toEqual(['extra-article']);
      await engine.remove(['extra-article']);
      await engine.remove(['extra-article', 'never-existed']);
      await engine.flush?.();
      expect((await search({ q: 'airship' })).totalHits).toBe(0);
      expect((await engine.stats()).documents).toBe(docs.length);
    });

    it('rebuilds into a fresh index while searches keep answering', async () => {
      const renamed = docs.map((d) =>
        d.id === 'un-vote' ? { ...d, title: 'General Assembly vote on aid' } : d,
      );
      const answers: number[] = [];
      async function* batches() {
        for (let i = 0; i < renamed.length; i += 5) {
          // Mid-rebuild, the old index still answers in full.
          answers.push((await search({ q: 'united' })).totalHits);
          yield renamed.slice(i, i + 5);
        }
      }
      const progress: number[] = [];
      const result = await engine.rebuild(batches(), (n) => progress.push(n));
      expect(result.documents).toBe(renamed.length);
      expect(progress.at(-1)).toBe(renamed.length);
      expect(answers.length).toBeGreaterThan(1);
      expect(new Set(answers)).toEqual(new Set([2]));
      expect(ids(await search({ q: 'assembly' }))).toEqual(['un-vote']);
      expect((await engine.stats()).documents).toBe(renamed.length);
      expect(ids(await search({ q: 'ceasefire' }))).toEqual([
        'cairo-talks',
        'ceasefire-holds',
        'harbour-strike',
        'script-body',
      ]);
    });

    it('reports its capabilities, which callers ask instead of its name', () => {
      const { inProcess, writesSearchableOnReturn, warmsUp, serialisedSearch } =
        engine.capabilities;
      for (const trait of [inProcess, writesSearchableOnReturn, warmsUp, serialisedSearch])
        expect(typeof trait).toBe('boolean');
      // A queued engine's writes are waited for with flush; one without a queue needs none.
      if (!writesSearchableOnReturn) expect(typeof engine.flush).toBe('function');
    });

    // The same condition gives the same error type on every engine, so the API maps it to the
    // same answer (EngineError: 500; EngineUnavailableError: 503) whichever engine runs.
    it('refuses a second rebuild while one runs with EngineError', async () => {
      let second: unknown = null;
      async function* batches() {
        second = await engine.rebuild([]).catch((e: unknown) => e);
        yield docs;
      }
      await engine.rebuild(batches());
      expect(second).toBeInstanceOf(EngineError);
      expect((await engine.stats()).documents).toBe(docs.length);
    });

    // Last: it closes the engine.
    it('answers EngineUnavailableError once closed, and is not healthy', async () => {
      await engine.close();
      const calls: (() => Promise<unknown>)[] = [
        () => engine.search(SearchRequest.parse({ q: 'ceasefire' })),
        () => engine.searchFacet(FacetSearchRequest.parse({ facet: 'actor' })),
        () => engine.stats(),
        () => engine.index(docs.slice(0, 1)),
        () => engine.remove(['cairo-talks']),
      ];
      for (const call of calls) await expect(call()).rejects.toBeInstanceOf(EngineUnavailableError);
      expect(await engine.healthy()).toBe(false);
    });
  });
  runQueryLanguageSuite(name, make);
}
