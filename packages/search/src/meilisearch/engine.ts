import { createHash } from 'node:crypto';
import {
  Meilisearch,
  MeilisearchApiError,
  MeilisearchRequestError,
  MeilisearchRequestTimeOutError,
  type EnqueuedTaskPromise,
  type SearchParams,
  type SearchResponse as MeiliSearchResponse,
  type Settings,
} from 'meilisearch';
import type {
  ActorCount,
  ActorType,
  DateFacet,
  DateInterval,
  FacetSearchRequest,
  FacetSearchResponse,
  OutletCount,
  SearchDocument,
  SearchHit,
  SearchRequest,
  SearchResponse,
} from '@newsarchive/core';
import { normalizeFacetRequest, normalizeSearchRequest } from '../request.ts';
import { chooseInterval, dayNumber, dayString } from '../dates.ts';
import { EngineError, EngineUnavailableError, type SearchEngine } from '../engine.ts';
import { FACET_LIMIT } from '../facets.ts';
import { extractUnits } from '../query/analysis.ts';
import { parseQuery } from '../query/syntax.ts';
import { buildFilter } from './filter.ts';
import { createTags, formattedToSegments, leadSegments } from './formatted.ts';
import { createSearchTransport } from './search-transport.ts';
import {
  compoundSynonyms,
  documentWords,
  inflectionSynonyms,
  lexiconOf,
  mergeSynonyms,
  synonymsFromSetting,
  synonymsSetting,
  type Synonyms,
} from './synonyms.ts';
import { intersect, translateQuery, type Conjunction, type Lexicon } from './translate.ts';
import { wordsWithoutTypos } from './typos.ts';

export interface MeilisearchEngineOptions {
  url: string;
  /** Used only to derive scoped keys (search-only for queries, admin for writes). */
  masterKey?: string;
  index: string;
  /** Per request; network errors and timeouts become EngineUnavailableError within it. */
  timeoutMs?: number;
  /** Documents per indexing request. */
  batchSize?: number;
}

/** What Meilisearch stores per article. */
interface MeiliDocument {
  id: string;
  title: string;
  body: string;
  actorNames: string[];
  outletName: string | null;
  byline: string | null;
  outletId: string | null;
  outletKey: string | null;
  actorIds: string[];
  actorKeys: string[];
  /** YYYYMMDD; absent when undated (so it sorts last and drops out of range filters). */
  date?: number;
  day?: string;
  month?: string;
  year?: string;
  status: 'visible' | 'hidden';
  storyId: string;
  storySize: number;
  collections: string[];
  /** Symbol names in the text (`s&p`, `c++`, `9/11`), filtered on for the query language. */
  units: string[];
  url: string | null;
  publishedAt: string | null;
  outlet: SearchDocument['outlet'];
  actors: SearchDocument['actors'];
}

/** The index settings; applied on every start, which Meilisearch treats as a no-op when equal. */
export const INDEX_SETTINGS: Settings = {
  searchableAttributes: ['title', 'body', 'actorNames', 'outletName', 'byline'],
  filterableAttributes: [
    'outletId',
    'outletKey',
    'actorIds',
    'actorKeys',
    'date',
    'day',
    'month',
    'year',
    'status',
    'storyId',
    'collections',
    'units',
  ],
  sortableAttributes: ['date'],
  // `sort` first: an explicit date order is strict, relevance breaks its ties; without a sort
  // parameter the rule does nothing and relevance rules as usual.
  rankingRules: [
    'sort',
    'words',
    'typo',
    'proximity',
    'attributeRank',
    'wordPosition',
    'exactness',
  ],
  // Counted exactly, sorted by count, cut at the 100 values responses list (FACET_LIMIT):
  // Meilisearch walks facet values best-first and stops at the cut, so with ~100k distinct
  // actors 1,000 values cost 10-13 ms per search at 17k articles and 100 cost 2-3 ms.
  // Date keys in key order: they are sorted on our side anyway, and a count order made the
  // numeric date (asked for its exact min/max) cost up to 16 ms at 100k articles, 1-2 ms alpha.
  faceting: {
    maxValuesPerFacet: FACET_LIMIT,
    sortFacetValuesBy: { '*': 'count', date: 'alpha', year: 'alpha', month: 'alpha', day: 'alpha' },
  },
  pagination: { maxTotalHits: 2_000_000 },
  typoTolerance: { enabled: true, minWordSizeForTypos: { oneTypo: 5, twoTypos: 9 } },
};

const KEY_SEP = '|';
/** How long a process trusts the index's words it read (other processes' writes add some). */
const LEXICON_TTL_MS = 60_000;
/** Words in a hit's snippet. */
const SNIPPET_WORDS = 30;

type Facet = 'outlet' | 'actor' | 'date';
const FACETS: readonly Facet[] = ['outlet', 'actor', 'date'];

function toMeili(doc: SearchDocument): MeiliDocument {
  const out: MeiliDocument = {
    id: doc.id,
    title: doc.title,
    body: doc.body,
    actorNames: doc.actors.map((a) => a.name),
    outletName: doc.outlet?.name ?? null,
    byline: doc.byline,
    outletId: doc.outlet?.id ?? null,
    outletKey: doc.outlet ? `${doc.outlet.name}${KEY_SEP}${doc.outlet.id}` : null,
    actorIds: doc.actors.map((a) => a.id),
    actorKeys: doc.actors.map((a) => `${a.name}${KEY_SEP}${a.type}${KEY_SEP}${a.id}`),
    status: doc.status,
    storyId: doc.storyId,
    storySize: doc.storySize,
    collections: doc.collections,
    units: extractUnits([doc.title, doc.body, ...doc.actors.map((a) => a.name)].join('\n')),
    url: doc.url,
    publishedAt: doc.publishedAt,
    outlet: doc.outlet,
    actors: doc.actors,
  };
  if (doc.publishedAt) {
    out.date = dayNumber(doc.publishedAt);
    out.day = doc.publishedAt;
    out.month = doc.publishedAt.slice(0, 7);
    out.year = doc.publishedAt.slice(0, 4);
  }
  return out;
}

// Facet keys start with the name because Meilisearch's facet search matches from the start of
// a value; ids and types hold no `|`, so they are read from the end.
function parseOutletKey(key: string): { id: string; name: string } {
  const i = key.lastIndexOf(KEY_SEP);
  return { id: key.slice(i + 1), name: key.slice(0, i) };
}

function parseActorKey(key: string): { id: string; type: ActorType; name: string } {
  const j = key.lastIndexOf(KEY_SEP);
  const i = key.lastIndexOf(KEY_SEP, j - 1);
  return { id: key.slice(j + 1), type: key.slice(i + 1, j) as ActorType, name: key.slice(0, i) };
}

/** A UUID v4-shaped uid derived from the index and purpose, so every process finds the same key. */
function keyUid(index: string, purpose: string): string {
  const h = createHash('sha256').update(`newsarchive:${index}:${purpose}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

function isUnavailable(err: unknown): boolean {
  if (err instanceof MeilisearchRequestError || err instanceof MeilisearchRequestTimeOutError)
    return true;
  // 408: the server gave up on a request it had not read in time, e.g. one sent on a kept-alive
  // connection while it was paused. It did not refuse anything.
  return (
    err instanceof MeilisearchApiError &&
    (err.response.status >= 500 || err.response.status === 408)
  );
}

/** Turns client errors into the engine's error family; keys and URLs stay out of messages. */
function translate(err: unknown, what: string): Error {
  if (err instanceof EngineError || err instanceof EngineUnavailableError) return err;
  if (isUnavailable(err))
    return new EngineUnavailableError(`Meilisearch did not answer (${what})`, { cause: err });
  const code = err instanceof MeilisearchApiError ? (err.cause?.code ?? 'error') : 'error';
  return new EngineError(`Meilisearch refused ${what} (${code})`, { cause: err });
}

function byCount(a: { count: number; name: string }, b: { count: number; name: string }): number {
  return b.count - a.count || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
}

/** Rounds a facet distribution up into our outlet / actor lists. */
function outletsOf(dist: Record<string, number> | undefined): OutletCount[] {
  return Object.entries(dist ?? {})
    .map(([k, count]) => ({ ...parseOutletKey(k), count }))
    .sort(byCount)
    .slice(0, FACET_LIMIT);
}
function actorsOf(dist: Record<string, number> | undefined): ActorCount[] {
  return Object.entries(dist ?? {})
    .map(([k, count]) => ({ ...parseActorKey(k), count }))
    .sort(byCount)
    .slice(0, FACET_LIMIT);
}

/**
 * The production engine: Meilisearch over HTTP with scoped keys. Writes are enqueued and not
 * awaited (the outbox retries on failure; `flush` waits for them in scripts and tests);
 * `rebuild` fills a fresh index, swaps it in and deletes the old one.
 */
export async function createMeilisearchEngine(
  options: MeilisearchEngineOptions,
): Promise<SearchEngine & { flush(): Promise<void>; applySettings(): Promise<void> }> {
  const indexUid = options.index;
  const timeout = options.timeoutMs ?? 2000;
  const batchSize = options.batchSize ?? 5000;
  const tags = createTags();
  const host = options.url;
  const master = options.masterKey;
  /**
   * Every client asks for uncompressed responses. Node's fetch asks for gzip by default;
   * Meilisearch then streams the body in chunks, and on a kept-alive connection each response
   * waits ~40 ms for the client's delayed ACK (Nagle on the server side): 45 of the 85 ms p50
   * we measured. Search responses are a few KB, so compression saves nothing worth that.
   */
  const makeClient = (apiKey: string | undefined, ms: number) =>
    new Meilisearch({
      host,
      ...(apiKey ? { apiKey } : {}),
      timeout: ms,
      requestInit: { headers: { 'Accept-Encoding': 'identity' } },
    });

  const transport = createSearchTransport(host, timeout);

  /** Clients with the derived keys; made on first use so a server that is down at start only delays. */
  let clients: Promise<{
    search: Meilisearch;
    admin: Meilisearch;
    /** The key `search` uses, for the search transport (none when the server has no key). */
    searchKey: string | undefined;
  }> | null = null;
  function getClients() {
    clients ??= (async () => {
      if (!master) {
        return {
          search: makeClient(undefined, timeout),
          admin: makeClient(undefined, timeout * 5),
          searchKey: undefined,
        };
      }
      const root = makeClient(master, timeout);
      const ensureKey = async (purpose: string, actions: string[], indexes: string[]) => {
        const uid = keyUid(indexUid, purpose);
        try {
          return (await root.getKey(uid)).key;
        } catch (err) {
          if (!(err instanceof MeilisearchApiError && err.response.status === 404)) throw err;
        }
        return (
          await root.createKey({
            uid,
            name: `newsarchive ${purpose} (${indexUid})`,
            description: `Derived by newsarchive for the ${indexUid} index`,
            actions,
            indexes,
            expiresAt: null,
          })
        ).key;
      };
      const patterns = [indexUid, `${indexUid}__*`];
      let searchKey: string;
      try {
        searchKey = await ensureKey('search', ['search'], patterns);
      } catch (err) {
        // Given an API key rather than the master key: it cannot manage keys, so use it as is.
        if (err instanceof MeilisearchApiError && err.response.status === 403) {
          return {
            search: root,
            admin: makeClient(master, timeout * 5),
            searchKey: master,
          };
        }
        throw err;
      }
      const adminKey = await ensureKey(
        'admin',
        ['search', 'documents.*', 'indexes.*', 'settings.*', 'tasks.get', 'stats.get'],
        patterns,
      );
      return {
        search: makeClient(searchKey, timeout),
        admin: makeClient(adminKey, timeout * 5),
        searchKey,
      };
    })().catch((err) => {
      clients = null;
      throw translate(err, 'creating keys');
    });
    return clients;
  }

  /** Tasks enqueued by index/remove that nobody waited for yet (for flush). */
  let pending: number[] = [];
  let settingsApplied: Promise<void> | null = null;
  /** A rebuild's new index: writes go to it too so none is lost in the swap. */
  let building: string | null = null;

  async function applySettings(uid: string): Promise<void> {
    const { admin } = await getClients();
    const t = await admin.index(uid).updateSettings(INDEX_SETTINGS);
    pending.push(t.taskUid);
  }

  async function enqueue(
    fn: (admin: Meilisearch, uid: string) => EnqueuedTaskPromise | Promise<number[]>,
    what: string,
  ) {
    try {
      const { admin } = await getClients();
      settingsApplied ??= applySettings(indexUid).catch((err) => {
        settingsApplied = null;
        throw err;
      });
      await settingsApplied;
      const uids = [indexUid, ...(building ? [building] : await rebuildsElsewhere(admin))];
      for (const uid of uids) {
        const tasks = await fn(admin, uid);
        pending.push(...(Array.isArray(tasks) ? tasks : [tasks.taskUid]));
      }
    } catch (err) {
      throw translate(err, what);
    }
  }

  /**
   * Each index's synonyms as this process last wrote or read them; a write that brings new
   * singular/plural pairs sends the whole list again (Meilisearch has no partial update). Two
   * processes writing new words at the same instant can lose each other's pairs; a rebuild
   * recomputes them all.
   */
  const synonymsOf = new Map<string, Promise<Synonyms>>();
  function loadSynonyms(admin: Meilisearch, uid: string): Promise<Synonyms> {
    let known = synonymsOf.get(uid);
    if (!known) {
      known = admin
        .index(uid)
        .getSynonyms()
        .then(
          (setting) => synonymsFromSetting(setting),
          (err: unknown) => {
            if (err instanceof MeilisearchApiError && err.cause?.code === 'index_not_found')
              return new Map();
            synonymsOf.delete(uid);
            throw err;
          },
        );
      synonymsOf.set(uid, known);
    }
    return known;
  }

  /** Adds the pairs of new words to an index's synonyms; the task uid when there were any. */
  async function addSynonyms(admin: Meilisearch, uid: string, more: Synonyms): Promise<number[]> {
    const known = await loadSynonyms(admin, uid);
    if (!mergeSynonyms(known, more)) return [];
    if (uid === indexUid) lexicon = null;
    return [(await admin.index(uid).updateSynonyms(synonymsSetting(known))).taskUid];
  }

  /**
   * The live index's words for the query translation (its synonyms and the words typos stay
   * off), read from its settings at most every LEXICON_TTL_MS, the last one serving meanwhile.
   * Null when they cannot be read (e.g. a key that may only search): the words then go to
   * Meilisearch as typed (docs/meilisearch.md).
   */
  let lexicon: { at: number; value: Promise<Lexicon | null> } | null = null;
  async function readLexicon(): Promise<Lexicon | null> {
    try {
      const { admin } = await getClients();
      const settings = await admin.index(indexUid).getSettings();
      return lexiconOf(
        synonymsFromSetting(settings.synonyms),
        settings.typoTolerance?.disableOnWords ?? [],
      );
    } catch {
      return null;
    }
  }
  function getLexicon(): Promise<Lexicon | null> {
    const now = performance.now();
    if (lexicon && now - lexicon.at <= LEXICON_TTL_MS) return lexicon.value;
    const stale = lexicon?.value;
    const fresh = readLexicon();
    const entry = { at: now, value: stale ?? fresh };
    lexicon = entry;
    if (stale) {
      void fresh.then((value) => {
        if (lexicon === entry) entry.value = Promise.resolve(value);
      });
    }
    return entry.value;
  }

  /** Indexes another process is rebuilding right now (looked up at most every 5 s). */
  let elsewhere: { at: number; uids: Promise<string[]> } | null = null;
  function rebuildsElsewhere(admin: Meilisearch): Promise<string[]> {
    if (!elsewhere || performance.now() - elsewhere.at > 5000) {
      const uids = admin
        .getRawIndexes({ limit: 1000 })
        .then((r) =>
          r.results.map((i) => i.uid).filter((uid) => uid.startsWith(`${indexUid}__rebuild_`)),
        );
      elsewhere = { at: performance.now(), uids };
      uids.catch(() => {
        elsewhere = null;
      });
    }
    return elsewhere.uids;
  }

  /** Waits for one task; a poll lost to a dropped connection is retried, the task goes on. */
  async function waitForOne(admin: Meilisearch, uid: number) {
    for (let attempt = 1; ; attempt++) {
      try {
        return await admin.tasks.waitForTask(uid, { timeout: 600_000, interval: 250 });
      } catch (err) {
        if (!isUnavailable(err) || attempt >= 5) throw err;
        await new Promise((r) => setTimeout(r, 250 * attempt));
      }
    }
  }

  async function waitAll(admin: Meilisearch, uids: number[]): Promise<void> {
    for (const uid of uids) {
      const task = await waitForOne(admin, uid);
      if (task.status !== 'succeeded') {
        throw new EngineError(
          `Meilisearch task ${uid} ${task.status}: ${task.error?.message ?? ''}`,
        );
      }
    }
  }

  /** The facet fields a disjunctive facet is counted from. */
  function facetFields(facet: Facet, request: SearchRequest): string[] {
    if (facet === 'outlet') return ['outletKey'];
    if (facet === 'actor') return ['actorKeys'];
    // Years give the dated count (hence undated) and the usual buckets; the numeric date gives
    // exact min/max. Day or month keys only when the range already says they are the interval
    // (otherwise a follow-up asks, see search): day keys are thousands of values.
    const known = request.from && request.to ? chooseInterval(request.from, request.to) : 'year';
    return known === 'year' ? ['year', 'date'] : ['year', 'date', known];
  }

  /**
   * Sends one search; all of a request's searches go out at once as separate HTTP requests,
   * because Meilisearch runs the queries of one multi-search one after another on one thread,
   * while separate requests run side by side.
   */
  async function sendOne(searchKey: string | undefined, params: SearchParams) {
    return transport.search(indexUid, searchKey, params);
  }

  /**
   * Runs one search for the union of the conjunctions: a plain search for one, else a federated
   * multi-search, which deduplicates the hits (merged by ranking score), counts the union
   * exactly and computes the facets over it (measured: docs/meilisearch.md).
   */
  async function send(
    searchKey: string | undefined,
    conjunctions: Conjunction[],
    params: SearchParams & { filter: string[] },
  ): Promise<MeiliSearchResponse> {
    const withConjunction = (c: Conjunction) => ({
      ...params,
      q: c.q,
      matchingStrategy: 'all' as const,
      filter: [...params.filter, ...c.filter],
    });
    if (conjunctions.length === 1) return sendOne(searchKey, withConjunction(conjunctions[0]!));
    const { page, hitsPerPage, facets, distinct, ...rest } = params;
    const res = await transport.multiSearch(searchKey, {
      federation: {
        page,
        hitsPerPage,
        ...(facets && facets.length > 0 ? { facetsByIndex: { [indexUid]: facets } } : {}),
        ...(distinct ? { distinct } : {}),
      },
      // Paging, facets and distinct belong to the federation, not to its queries.
      queries: conjunctions.map((c) => ({
        ...rest,
        q: c.q,
        matchingStrategy: 'all' as const,
        filter: [...params.filter, ...c.filter],
        indexUid,
      })),
    });
    const computed = res.facetsByIndex?.[indexUid];
    return {
      hits: res.hits,
      totalHits: res.totalHits ?? res.estimatedTotalHits ?? 0,
      facetDistribution: computed?.distribution ?? {},
      facetStats: computed?.stats ?? {},
      processingTimeMs: 0,
      query: '',
    } as MeiliSearchResponse;
  }

  async function search(input: SearchRequest): Promise<SearchResponse> {
    const started = performance.now();
    const request = normalizeSearchRequest(input);
    const parsed = parseQuery(request.q);
    const plan = translateQuery(parsed, parsed.root ? await getLexicon() : null);
    const query = { read: plan.read, suggestion: null };
    if (plan.kind === 'nothing') return { ...emptyResponse(request, started), query };
    const browse = plan.kind === 'browse';
    const conjunctions: Conjunction[] =
      plan.kind === 'search' ? plan.conjunctions : [{ q: '', filter: [], literals: [] }];
    const sort =
      request.sort === 'newest' || (browse && request.sort === 'relevance')
        ? ['date:desc']
        : request.sort === 'oldest'
          ? ['date:asc']
          : undefined;
    const mainFilter = buildFilter(request);
    const main: SearchParams & { filter: string[] } = {
      filter: mainFilter,
      // Page mode counts every match exactly; on a plain query that costs about nothing, and
      // with `distinct` the estimate of offset/limit mode counts articles, not stories (20,026
      // for 3,396 stories at 100k), so it is no use for grouped totals either.
      page: request.page,
      hitsPerPage: request.perPage,
      attributesToRetrieve: [
        'id',
        'url',
        'outlet',
        'byline',
        'publishedAt',
        'actors',
        'storyId',
        'storySize',
        'status',
        // Browsing marks nothing: the opening words are cut here (see leadSegments).
        ...(browse ? ['title', 'body'] : []),
      ],
      ...(browse
        ? {}
        : {
            attributesToHighlight: ['title', 'body'],
            attributesToCrop: ['body'],
            cropLength: SNIPPET_WORDS,
            highlightPreTag: tags.pre,
            highlightPostTag: tags.post,
          }),
      ...(sort ? { sort } : {}),
      ...(request.group === 'story' ? { distinct: 'storyId' } : {}),
    };
    // One facet-only search per distinct filter (disjunctive counts: each facet leaves out its
    // own filter); facets whose filter is the main one share a search.
    const facetSearches = new Map<
      string,
      { params: SearchParams & { filter: string[] }; facets: Facet[] }
    >();
    for (const facet of FACETS) {
      const filter = buildFilter(request, facet);
      const key = JSON.stringify(filter);
      const same = facetSearches.get(key);
      if (same) {
        same.facets.push(facet);
        same.params.facets = [...same.params.facets!, ...facetFields(facet, request)];
      } else {
        facetSearches.set(key, {
          params: { filter, page: 1, hitsPerPage: 0, facets: facetFields(facet, request) },
          facets: [facet],
        });
      }
    }
    let hitsRes: MeiliSearchResponse;
    const resultOf = {} as Record<Facet, MeiliSearchResponse>;
    let dateKeys: Record<string, number> | undefined;
    try {
      const { searchKey } = await getClients();
      const searches = [...facetSearches.values()];
      const results = await Promise.all([
        send(searchKey, conjunctions, main),
        ...searches.map((s) => send(searchKey, conjunctions, s.params)),
      ]);
      hitsRes = results[0]!;
      searches.forEach((s, i) => {
        for (const facet of s.facets) resultOf[facet] = results[i + 1]!;
      });
      const interval = dateInterval(resultOf.date, request);
      if (interval !== 'year') {
        const dateSearch = searches.find((s) => s.facets.includes('date'))!;
        const facets = [interval];
        dateKeys = resultOf.date.facetDistribution?.[interval];
        // Not announced by the range: the matches turned out to span three years or less.
        dateKeys ??= (await send(searchKey, conjunctions, { ...dateSearch.params, facets }))
          .facetDistribution?.[interval];
        // Cut at FACET_LIMIT keys (a narrow range over matches spread across years): list the
        // range's own keys instead, which are all there and exact.
        if (Object.keys(dateKeys ?? {}).length >= FACET_LIMIT && (request.from || request.to)) {
          const inRange = { ...dateSearch.params, filter: mainFilter, facets };
          dateKeys = (await send(searchKey, conjunctions, inRange)).facetDistribution?.[interval];
        }
      }
    } catch (err) {
      if (err instanceof MeilisearchApiError && err.cause?.code === 'index_not_found') {
        return { ...emptyResponse(request, started), query };
      }
      throw translate(err, 'a search');
    }
    const hits: SearchHit[] = hitsRes.hits.map((h) => {
      const f = (h._formatted ?? {}) as Record<string, unknown>;
      return {
        id: h.id as string,
        url: (h.url as string | null) ?? null,
        title: browse
          ? formattedToSegments(String(h.title ?? ''), tags)
          : formattedToSegments(String(f.title ?? ''), tags),
        snippet: browse
          ? leadSegments(String(h.body ?? ''), SNIPPET_WORDS)
          : formattedToSegments(String(f.body ?? ''), tags),
        outlet: (h.outlet as SearchHit['outlet']) ?? null,
        byline: (h.byline as string | null) ?? null,
        publishedAt: (h.publishedAt as string | null) ?? null,
        actors: (h.actors as SearchHit['actors']) ?? [],
        storyId: h.storyId as string,
        storySize: (h.storySize as number) ?? 1,
        // Only librarians' searches return hidden articles; their lists mark them.
        ...(h.status === 'hidden' ? { hidden: true as const } : {}),
      };
    });
    const total = hitsRes.totalHits ?? 0;
    return {
      engine: 'meilisearch',
      totalHits: total,
      totalHitsExact: hitsRes.totalHits !== undefined,
      page: request.page,
      perPage: request.perPage,
      totalPages: Math.ceil(total / request.perPage),
      processingTimeMs: Math.round((performance.now() - started) * 100) / 100,
      hits,
      query,
      facets: {
        outlet: outletsOf(resultOf.outlet.facetDistribution?.outletKey),
        actor: actorsOf(resultOf.actor.facetDistribution?.actorKeys),
        date: dateFacetOf(resultOf.date, request, dateKeys),
      },
    };
  }

  function dateRange(res: MeiliSearchResponse): { min: string | null; max: string | null } {
    // The numeric date's stats are exact even when a key list is cut.
    const stats = res.facetStats?.date;
    return { min: stats ? dayString(stats.min) : null, max: stats ? dayString(stats.max) : null };
  }

  function dateInterval(res: MeiliSearchResponse, request: SearchRequest): DateInterval {
    const { min, max } = dateRange(res);
    return chooseInterval(request.from ?? min, request.to ?? max);
  }

  /** The date facet; `keys` holds the day or month counts when the interval is not years. */
  function dateFacetOf(
    res: MeiliSearchResponse,
    request: SearchRequest,
    keys: Record<string, number> | undefined,
  ): DateFacet {
    const years = res.facetDistribution?.year ?? {};
    const dated = Object.values(years).reduce((s, n) => s + n, 0);
    const { min, max } = dateRange(res);
    const interval = dateInterval(res, request);
    const counts = (interval === 'year' ? years : keys) ?? {};
    return {
      interval,
      buckets: Object.keys(counts)
        .sort()
        .map((key) => ({ key, count: counts[key]! })),
      min,
      max,
      undated: Math.max(0, (res.totalHits ?? 0) - dated),
    };
  }

  function emptyResponse(request: SearchRequest, started: number): SearchResponse {
    return {
      engine: 'meilisearch',
      totalHits: 0,
      totalHitsExact: true,
      page: request.page,
      perPage: request.perPage,
      totalPages: 0,
      processingTimeMs: performance.now() - started,
      hits: [],
      facets: {
        outlet: [],
        actor: [],
        date: { interval: 'year', buckets: [], min: null, max: null, undated: 0 },
      },
    };
  }

  return {
    name: 'meilisearch',

    async index(documents) {
      if (documents.length === 0) return;
      for (let i = 0; i < documents.length; i += batchSize) {
        const slice = documents.slice(i, i + batchSize);
        const words = new Set<string>();
        for (const doc of slice) documentWords(doc, words);
        const synonyms = inflectionSynonyms(words);
        const chunk = slice.map(toMeili);
        await enqueue(
          async (admin, uid) => [
            ...(await addSynonyms(admin, uid, synonyms)),
            (await admin.index(uid).addDocuments(chunk, { primaryKey: 'id' })).taskUid,
          ],
          'documents',
        );
      }
    },

    async remove(ids) {
      if (ids.length === 0) return;
      await enqueue((admin, uid) => admin.index(uid).deleteDocuments(ids), 'a deletion');
    },

    search,

    async searchFacet(input: FacetSearchRequest): Promise<FacetSearchResponse> {
      const request = normalizeFacetRequest(input);
      const parsed = parseQuery(request.q);
      const plan = translateQuery(parsed, parsed.root ? await getLexicon() : null);
      if (plan.kind === 'nothing') return { facet: request.facet, values: [] };
      const conjunctions: Conjunction[] =
        plan.kind === 'search' ? plan.conjunctions : [{ q: '', filter: [], literals: [] }];
      const filter = buildFilter(request, request.facet);
      try {
        const { search: client } = await getClients();
        const counts = new Map<string, number>();
        // Facet search takes one q: the union's counts come by inclusion–exclusion over the
        // conjunctions' intersections (|A∪B| = |A|+|B|-|A∩B|), up to three conjunctions (seven
        // searches); beyond, each value's largest count, a lower bound (docs/meilisearch.md).
        const terms: { search: Conjunction; sign: number }[] = [];
        if (conjunctions.length <= 3) {
          for (let mask = 1; mask < 1 << conjunctions.length; mask++) {
            let both: Conjunction | null = null;
            let size = 0;
            conjunctions.forEach((c, i) => {
              if (!(mask & (1 << i))) return;
              both = size++ === 0 ? c : both && intersect(both, c);
            });
            if (both) terms.push({ search: both, sign: size % 2 === 1 ? 1 : -1 });
          }
        } else {
          terms.push(...conjunctions.map((search) => ({ search, sign: 0 })));
        }
        const answers = await Promise.all(
          terms.map(({ search: c }) =>
            client.index(indexUid).searchForFacetValues({
              facetName: request.facet === 'outlet' ? 'outletKey' : 'actorKeys',
              facetQuery: request.facetQuery,
              q: c.q,
              matchingStrategy: 'all',
              filter: [...filter, ...c.filter],
              exhaustiveFacetCount: true,
            }),
          ),
        );
        answers.forEach((res, i) => {
          const sign = terms[i]!.sign;
          for (const h of res.facetHits) {
            const was = counts.get(h.value) ?? 0;
            counts.set(h.value, sign === 0 ? Math.max(was, h.count) : was + sign * h.count);
          }
        });
        const values = [...counts]
          .filter(([, count]) => count > 0)
          .map(([value, count]) =>
            request.facet === 'outlet'
              ? { ...parseOutletKey(value), count }
              : { ...parseActorKey(value), count },
          )
          .sort(byCount)
          .slice(0, request.limit);
        return { facet: request.facet, values };
      } catch (err) {
        if (err instanceof MeilisearchApiError && err.cause?.code === 'index_not_found') {
          return { facet: request.facet, values: [] };
        }
        throw translate(err, 'a facet search');
      }
    },

    async stats() {
      try {
        const { admin } = await getClients();
        return { documents: (await admin.index(indexUid).getStats()).numberOfDocuments };
      } catch (err) {
        if (err instanceof MeilisearchApiError && err.cause?.code === 'index_not_found')
          return { documents: 0 };
        throw translate(err, 'stats');
      }
    },

    async rebuild(batches, onProgress) {
      if (building) throw new EngineError('a rebuild is already running');
      const next = `${indexUid}__rebuild_${Date.now().toString(36)}`;
      try {
        const { admin } = await getClients();
        building = next;
        await admin.createIndex(next, { primaryKey: 'id' }).waitTask({ timeout: 60_000 });
        await admin.index(next).updateSettings(INDEX_SETTINGS).waitTask({ timeout: 600_000 });
        let documents = 0;
        // Keep two batches in flight: Meilisearch batches queued tasks together.
        const inFlight: number[] = [];
        let chunk: MeiliDocument[] = [];
        /** Documents per word, for the synonyms and the words typos stay off. */
        const counts = new Map<string, number>();
        const send = async () => {
          if (chunk.length === 0) return;
          const t = await admin.index(next).addDocuments(chunk, { primaryKey: 'id' });
          inFlight.push(t.taskUid);
          chunk = [];
          if (inFlight.length > 2) await waitAll(admin, inFlight.splice(0, inFlight.length - 2));
        };
        for await (const batch of batches) {
          for (const doc of batch) {
            chunk.push(toMeili(doc));
            for (const w of documentWords(doc)) counts.set(w, (counts.get(w) ?? 0) + 1);
            if (chunk.length >= batchSize) await send();
          }
          documents += batch.length;
          onProgress?.(documents);
        }
        await send();
        await waitAll(admin, inFlight);
        // Singular/plural pairs whose both forms the archive holds (writes made during the
        // rebuild may have added theirs to the new index already), joined words written apart
        // (compoundSynonyms), and the words typos stay off, as in the embedded engine; all only
        // need the archive's words, so they are computed here rather than on every write.
        const words = new Set(counts.keys());
        const synonyms = inflectionSynonyms(words, words);
        mergeSynonyms(synonyms, compoundSynonyms(words));
        synonymsOf.delete(next);
        mergeSynonyms(synonyms, await loadSynonyms(admin, next));
        await admin
          .index(next)
          .updateSettings({
            synonyms: synonymsSetting(synonyms),
            typoTolerance: { disableOnWords: wordsWithoutTypos(counts) },
          })
          .waitTask({ timeout: 600_000 });
        // Swapping needs both indexes; a first rebuild makes the live one.
        const exists = await admin.getRawIndex(indexUid).then(
          () => true,
          (err: unknown) => {
            if (err instanceof MeilisearchApiError && err.cause?.code === 'index_not_found')
              return false;
            throw err;
          },
        );
        if (!exists)
          await admin.createIndex(indexUid, { primaryKey: 'id' }).waitTask({ timeout: 60_000 });
        // A swap task belongs to no index, so an index-scoped key cannot read it; the deletion
        // queued after it can be read, and tasks run in order.
        await admin.swapIndexes([{ indexes: [indexUid, next], rename: false }]);
        building = null;
        synonymsOf.clear();
        lexicon = null;
        await admin.deleteIndex(next).waitTask({ timeout: 600_000 });
        const live = (await admin.index(indexUid).getStats()).numberOfDocuments;
        if (live !== documents) {
          throw new EngineError(
            `the swap did not take: ${indexUid} holds ${live} documents, not ${documents}`,
          );
        }
        settingsApplied = null;
        return { documents: live };
      } catch (err) {
        building = null;
        const { admin } = await getClients().catch(() => ({ admin: null }));
        await admin?.deleteIndexIfExists(next).catch(() => false);
        throw translate(err, 'a rebuild');
      }
    },

    /**
     * Brings the live index's settings up to INDEX_SETTINGS and waits until they apply. Writes
     * do this on their own; for scripts that only search an index built by an older version.
     */
    async applySettings() {
      try {
        const { admin } = await getClients();
        const task = await admin
          .index(indexUid)
          .updateSettings(INDEX_SETTINGS)
          .waitTask({ timeout: 600_000 });
        if (task.status !== 'succeeded') {
          throw new EngineError(`settings task ${task.status}: ${task.error?.message ?? ''}`);
        }
      } catch (err) {
        throw translate(err, 'settings');
      }
    },

    async flush() {
      const { admin } = await getClients();
      const uids = pending;
      pending = [];
      try {
        await waitAll(admin, uids);
      } catch (err) {
        throw translate(err, 'waiting for tasks');
      }
    },

    async healthy() {
      try {
        const { search: client } = await getClients();
        return await client.isHealthy();
      } catch {
        return false;
      }
    },

    async close() {
      clients = null;
      await transport.close();
    },
  };
}
