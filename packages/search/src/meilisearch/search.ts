import { type SearchParams, type SearchResponse as MeiliSearchResponse } from 'meilisearch';
import type {
  DateFacet,
  DateInterval,
  FacetSearchRequest,
  FacetSearchResponse,
  SearchHit,
  SearchRequest,
  SearchResponse,
} from '@newsarchive/core';
import { chooseInterval, dayString } from '../dates.ts';
import { FACET_LIMIT } from '../facets.ts';
import { parseQuery } from '../query/syntax.ts';
import { normalizeFacetRequest, normalizeSearchRequest } from '../request.ts';
import { actorsOf, byCount, outletsOf, parseActorKey, parseOutletKey } from './documents.ts';
import { buildFilter } from './filter.ts';
import { formattedToSegments, leadSegments, type createTags } from './formatted.ts';
import type { createSearchTransport } from './search-transport.ts';
import type { IndexState } from './state.ts';
import { lexiconOf, synonymsFromSetting } from './synonyms.ts';
import { intersect, translateQuery, type Conjunction, type Lexicon } from './translate.ts';
import { isIndexNotFound, translate } from './tasks.ts';

/** How long a process trusts the index's words it read (other processes' writes add some). */
const LEXICON_TTL_MS = 60_000;
/** Words in a hit's snippet. */
const SNIPPET_WORDS = 30;

type Facet = 'outlet' | 'actor' | 'date';
const FACETS: readonly Facet[] = ['outlet', 'actor', 'date'];

/** The facet fields a disjunctive facet is counted from. */
export function facetFields(facet: Facet, request: SearchRequest): string[] {
  if (facet === 'outlet') return ['outletKey'];
  if (facet === 'actor') return ['actorKeys'];
  // Years give the dated count (hence undated) and the usual buckets; the numeric date gives
  // exact min/max. Day or month keys only when the range already says they are the interval
  // (otherwise a follow-up asks, see search): day keys are thousands of values.
  const known = request.from && request.to ? chooseInterval(request.from, request.to) : 'year';
  return known === 'year' ? ['year', 'date'] : ['year', 'date', known];
}

export function dateRange(res: MeiliSearchResponse): { min: string | null; max: string | null } {
  // The numeric date's stats are exact even when a key list is cut.
  const stats = res.facetStats?.date;
  return { min: stats ? dayString(stats.min) : null, max: stats ? dayString(stats.max) : null };
}

export function dateInterval(res: MeiliSearchResponse, request: SearchRequest): DateInterval {
  const { min, max } = dateRange(res);
  return chooseInterval(request.from ?? min, request.to ?? max);
}

/** The date facet; `keys` holds the day or month counts when the interval is not years. */
export function dateFacetOf(
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

export function emptyResponse(request: SearchRequest, started: number): SearchResponse {
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

/**
 * Searches and facet searches against the live index. A missing index reads as no matches: it
 * does not exist until the first write or rebuild.
 */
export function createSearches(
  state: IndexState,
  transport: ReturnType<typeof createSearchTransport>,
  tags: ReturnType<typeof createTags>,
) {
  const { indexUid } = state;

  /**
   * The live index's words for the query translation (its synonyms and the words typos stay
   * off), read from its settings at most every LEXICON_TTL_MS, the last one serving meanwhile.
   * Null when they cannot be read (e.g. a key that may only search): the words then go to
   * Meilisearch as typed (docs/meilisearch.md).
   */
  async function readLexicon(): Promise<Lexicon | null> {
    try {
      const { admin } = await state.clients.get();
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
    if (state.lexicon && now - state.lexicon.at <= LEXICON_TTL_MS) return state.lexicon.value;
    const stale = state.lexicon?.value;
    const fresh = readLexicon();
    const entry = { at: now, value: stale ?? fresh };
    state.lexicon = entry;
    if (stale) {
      void fresh.then((value) => {
        if (state.lexicon === entry) entry.value = Promise.resolve(value);
      });
    }
    return entry.value;
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
        'storyOutlets',
        'copyId',
        'copies',
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
      const { searchKey } = await state.clients.get();
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
      if (isIndexNotFound(err)) {
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
        storyOutlets: (h.storyOutlets as number) ?? 1,
        copyId: (h.copyId as string) ?? (h.storyId as string),
        copies: (h.copies as number) ?? 1,
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

  async function searchFacet(input: FacetSearchRequest): Promise<FacetSearchResponse> {
    const request = normalizeFacetRequest(input);
    const parsed = parseQuery(request.q);
    const plan = translateQuery(parsed, parsed.root ? await getLexicon() : null);
    if (plan.kind === 'nothing') return { facet: request.facet, values: [] };
    const conjunctions: Conjunction[] =
      plan.kind === 'search' ? plan.conjunctions : [{ q: '', filter: [], literals: [] }];
    const filter = buildFilter(request, request.facet);
    try {
      const { search: client } = await state.clients.get();
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
      if (isIndexNotFound(err)) {
        return { facet: request.facet, values: [] };
      }
      throw translate(err, 'a facet search');
    }
  }

  return { search, searchFacet };
}
