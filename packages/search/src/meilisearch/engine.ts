import { createHash } from 'node:crypto';
import {
  Meilisearch,
  MeilisearchApiError,
  MeilisearchRequestError,
  MeilisearchRequestTimeOutError,
  type EnqueuedTaskPromise,
  type MultiSearchQuery,
  type SearchResponse as MeiliSearchResponse,
  type Settings,
} from 'meilisearch';
import type {
  ActorCount,
  ActorType,
  DateFacet,
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
import { buildFilter, type FacetOmit } from './filter.ts';
import { createTags, formattedToSegments } from './formatted.ts';

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
  // Counted exactly, sorted by count, cut at 1,000 values: responses list the top 100, and
  // 10,000 made every search carry ~450 KB of actor counts (50 ms at 17k articles).
  faceting: { maxValuesPerFacet: 1000, sortFacetValuesBy: { '*': 'count' } },
  pagination: { maxTotalHits: 2_000_000 },
  typoTolerance: { enabled: true, minWordSizeForTypos: { oneTypo: 5, twoTypos: 9 } },
};

const KEY_SEP = '|';

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
  return err instanceof MeilisearchApiError && err.response.status >= 500;
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
): Promise<SearchEngine & { flush(): Promise<void> }> {
  const indexUid = options.index;
  const timeout = options.timeoutMs ?? 2000;
  const batchSize = options.batchSize ?? 5000;
  const tags = createTags();
  const host = options.url;
  const master = options.masterKey;

  /** Clients with the derived keys; made on first use so a server that is down at start only delays. */
  let clients: Promise<{ search: Meilisearch; admin: Meilisearch }> | null = null;
  function getClients() {
    clients ??= (async () => {
      if (!master) {
        const open = new Meilisearch({ host, timeout });
        return { search: open, admin: new Meilisearch({ host, timeout: timeout * 5 }) };
      }
      const root = new Meilisearch({ host, apiKey: master, timeout });
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
            admin: new Meilisearch({ host, apiKey: master, timeout: timeout * 5 }),
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
        search: new Meilisearch({ host, apiKey: searchKey, timeout }),
        admin: new Meilisearch({ host, apiKey: adminKey, timeout: timeout * 5 }),
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
    fn: (admin: Meilisearch, uid: string) => EnqueuedTaskPromise,
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
      for (const uid of uids) pending.push((await fn(admin, uid)).taskUid);
    } catch (err) {
      throw translate(err, what);
    }
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

  async function waitAll(admin: Meilisearch, uids: number[]): Promise<void> {
    for (const uid of uids) {
      const task = await admin.tasks.waitForTask(uid, { timeout: 600_000, interval: 250 });
      if (task.status !== 'succeeded') {
        throw new EngineError(
          `Meilisearch task ${uid} ${task.status}: ${task.error?.message ?? ''}`,
        );
      }
    }
  }

  function facetQueries(request: SearchRequest): { query: MultiSearchQuery; omit: FacetOmit }[] {
    const base = {
      indexUid,
      q: request.q,
      hitsPerPage: 0,
      page: 1,
      matchingStrategy: 'all' as const,
    };
    return [
      {
        omit: 'outlet',
        query: { ...base, filter: buildFilter(request, 'outlet'), facets: ['outletKey'] },
      },
      {
        omit: 'actor',
        query: { ...base, filter: buildFilter(request, 'actor'), facets: ['actorKeys'] },
      },
      {
        omit: 'date',
        query: {
          ...base,
          filter: buildFilter(request, 'date'),
          facets: ['year', 'month', 'day', 'date'],
        },
      },
    ];
  }

  async function search(input: SearchRequest): Promise<SearchResponse> {
    const started = performance.now();
    const request = normalizeSearchRequest(input);
    const browse = request.q.trim() === '';
    const sort =
      request.sort === 'newest' || (browse && request.sort === 'relevance')
        ? ['date:desc']
        : request.sort === 'oldest'
          ? ['date:asc']
          : undefined;
    const main: MultiSearchQuery = {
      indexUid,
      q: request.q,
      // Every word must match, as in the embedded engine (Meilisearch would drop words).
      matchingStrategy: 'all',
      filter: buildFilter(request),
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
      ],
      attributesToHighlight: ['title', 'body'],
      attributesToCrop: ['body'],
      cropLength: 30,
      highlightPreTag: tags.pre,
      highlightPostTag: tags.post,
      ...(sort ? { sort } : {}),
      ...(request.group === 'story' ? { distinct: 'storyId' } : {}),
    };
    // A facet whose own filter is not set has the main query's filter: its counts ride along
    // with the main query (unless grouping by story, which would count stories).
    const queries: MultiSearchQuery[] = [main];
    const resultOf: Record<string, number> = {};
    for (const f of facetQueries(request)) {
      if (
        request.group !== 'story' &&
        JSON.stringify(f.query.filter) === JSON.stringify(main.filter)
      ) {
        main.facets = [...(main.facets ?? []), ...(f.query.facets ?? [])];
        resultOf[f.omit!] = 0;
      } else {
        resultOf[f.omit!] = queries.push(f.query) - 1;
      }
    }
    let results: MeiliSearchResponse[];
    try {
      const { search: client } = await getClients();
      const res = await client.multiSearch({ queries });
      results = res.results as MeiliSearchResponse[];
    } catch (err) {
      if (err instanceof MeilisearchApiError && err.cause?.code === 'index_not_found') {
        return emptyResponse(request, started);
      }
      throw translate(err, 'a search');
    }
    const hitsRes = results[0];
    const outletRes = results[resultOf.outlet!];
    const actorRes = results[resultOf.actor!];
    const dateRes = results[resultOf.date!];
    const hits: SearchHit[] = (hitsRes?.hits ?? []).map((h) => {
      const f = (h._formatted ?? {}) as Record<string, unknown>;
      return {
        id: h.id as string,
        url: (h.url as string | null) ?? null,
        title: formattedToSegments(String(f.title ?? ''), tags),
        snippet: formattedToSegments(String(f.body ?? ''), tags),
        outlet: (h.outlet as SearchHit['outlet']) ?? null,
        byline: (h.byline as string | null) ?? null,
        publishedAt: (h.publishedAt as string | null) ?? null,
        actors: (h.actors as SearchHit['actors']) ?? [],
        storyId: h.storyId as string,
        storySize: (h.storySize as number) ?? 1,
      };
    });
    const total = hitsRes?.totalHits ?? 0;
    return {
      engine: 'meilisearch',
      totalHits: total,
      totalHitsExact: hitsRes?.totalHits !== undefined,
      page: request.page,
      perPage: request.perPage,
      totalPages: Math.ceil(total / request.perPage),
      processingTimeMs: Math.round((performance.now() - started) * 100) / 100,
      hits,
      facets: {
        outlet: outletsOf(outletRes?.facetDistribution?.outletKey),
        actor: actorsOf(actorRes?.facetDistribution?.actorKeys),
        date: dateFacetOf(dateRes, request),
      },
    };
  }

  function dateFacetOf(res: MeiliSearchResponse | undefined, request: SearchRequest): DateFacet {
    const dist = res?.facetDistribution ?? {};
    const years = dist.year ?? {};
    const dated = Object.values(years).reduce((s, n) => s + n, 0);
    // The numeric date's stats are exact even when the day list is cut.
    const stats = res?.facetStats?.date;
    const min = stats ? dayString(stats.min) : null;
    const max = stats ? dayString(stats.max) : null;
    const interval = chooseInterval(request.from ?? min, request.to ?? max);
    const counts = dist[interval] ?? {};
    return {
      interval,
      buckets: Object.keys(counts)
        .sort()
        .map((key) => ({ key, count: counts[key]! })),
      min,
      max,
      undated: Math.max(0, (res?.totalHits ?? 0) - dated),
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
        const chunk = documents.slice(i, i + batchSize).map(toMeili);
        await enqueue(
          (admin, uid) => admin.index(uid).addDocuments(chunk, { primaryKey: 'id' }),
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
      try {
        const { search: client } = await getClients();
        const res = await client.index(indexUid).searchForFacetValues({
          facetName: request.facet === 'outlet' ? 'outletKey' : 'actorKeys',
          facetQuery: request.facetQuery,
          q: request.q,
          matchingStrategy: 'all',
          filter: buildFilter(request, request.facet),
          exhaustiveFacetCount: true,
        });
        const values = res.facetHits
          .map((h) =>
            request.facet === 'outlet'
              ? { ...parseOutletKey(h.value), count: h.count }
              : { ...parseActorKey(h.value), count: h.count },
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
            if (chunk.length >= batchSize) await send();
          }
          documents += batch.length;
          onProgress?.(documents);
        }
        await send();
        await waitAll(admin, inFlight);
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
    },
  };
}
