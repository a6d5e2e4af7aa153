import type { EnqueuedTaskPromise, Meilisearch, Settings } from 'meilisearch';
import type { ActorCount, ActorType, OutletCount, SearchDocument } from '@newsarchive/core';
import { dayNumber } from '../dates.ts';
import { FACET_LIMIT } from '../facets.ts';
import { extractUnits } from '../query/analysis.ts';
import { loadSynonyms, type IndexState } from './state.ts';
import {
  documentWords,
  inflectionSynonyms,
  mergeSynonyms,
  synonymsSetting,
  type Synonyms,
} from './synonyms.ts';
import { translate } from './tasks.ts';

/** What Meilisearch stores per article. */
export interface MeiliDocument {
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
  storyOutlets: number;
  copyId: string;
  copies: number;
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

export function toMeili(doc: SearchDocument): MeiliDocument {
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
    storyOutlets: doc.storyOutlets,
    copyId: doc.copyId,
    copies: doc.copies,
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
export function parseOutletKey(key: string): { id: string; name: string } {
  const i = key.lastIndexOf(KEY_SEP);
  return { id: key.slice(i + 1), name: key.slice(0, i) };
}

export function parseActorKey(key: string): { id: string; type: ActorType; name: string } {
  const j = key.lastIndexOf(KEY_SEP);
  const i = key.lastIndexOf(KEY_SEP, j - 1);
  return { id: key.slice(j + 1), type: key.slice(i + 1, j) as ActorType, name: key.slice(0, i) };
}

export function byCount(
  a: { count: number; name: string },
  b: { count: number; name: string },
): number {
  return b.count - a.count || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
}

/** Rounds a facet distribution up into our outlet / actor lists. */
export function outletsOf(dist: Record<string, number> | undefined): OutletCount[] {
  return Object.entries(dist ?? {})
    .map(([k, count]) => ({ ...parseOutletKey(k), count }))
    .sort(byCount)
    .slice(0, FACET_LIMIT);
}
export function actorsOf(dist: Record<string, number> | undefined): ActorCount[] {
  return Object.entries(dist ?? {})
    .map(([k, count]) => ({ ...parseActorKey(k), count }))
    .sort(byCount)
    .slice(0, FACET_LIMIT);
}

/**
 * Indexing and deletion: enqueued, not awaited (the outbox retries on failure; `flush` waits).
 * Each write goes to the live index and to any index being rebuilt, here or by another process,
 * so none is lost in the swap.
 */
export function createDocumentWrites(state: IndexState, batchSize: number) {
  async function applySettings(uid: string): Promise<void> {
    const { admin } = await state.clients.get();
    const t = await admin.index(uid).updateSettings(INDEX_SETTINGS);
    state.pending.push(t.taskUid);
  }

  /** Indexes another process is rebuilding right now (looked up at most every 5 s). */
  let elsewhere: { at: number; uids: Promise<string[]> } | null = null;
  function rebuildsElsewhere(admin: Meilisearch): Promise<string[]> {
    if (!elsewhere || performance.now() - elsewhere.at > 5000) {
      const uids = admin
        .getRawIndexes({ limit: 1000 })
        .then((r) =>
          r.results
            .map((i) => i.uid)
            .filter((uid) => uid.startsWith(`${state.indexUid}__rebuild_`)),
        );
      elsewhere = { at: performance.now(), uids };
      uids.catch(() => {
        elsewhere = null;
      });
    }
    return elsewhere.uids;
  }

  async function enqueue(
    fn: (admin: Meilisearch, uid: string) => EnqueuedTaskPromise | Promise<number[]>,
    what: string,
  ) {
    try {
      const { admin } = await state.clients.get();
      state.settingsApplied ??= applySettings(state.indexUid).catch((err) => {
        state.settingsApplied = null;
        throw err;
      });
      await state.settingsApplied;
      const uids = [
        state.indexUid,
        ...(state.building ? [state.building] : await rebuildsElsewhere(admin)),
      ];
      for (const uid of uids) {
        const tasks = await fn(admin, uid);
        state.pending.push(...(Array.isArray(tasks) ? tasks : [tasks.taskUid]));
      }
    } catch (err) {
      throw translate(err, what);
    }
  }

  /** Adds the pairs of new words to an index's synonyms; the task uid when there were any. */
  async function addSynonyms(admin: Meilisearch, uid: string, more: Synonyms): Promise<number[]> {
    const known = await loadSynonyms(state, admin, uid);
    if (!mergeSynonyms(known, more)) return [];
    if (uid === state.indexUid) state.lexicon = null;
    return [(await admin.index(uid).updateSynonyms(synonymsSetting(known))).taskUid];
  }

  return {
    async index(documents: SearchDocument[]): Promise<void> {
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

    async remove(ids: string[]): Promise<void> {
      if (ids.length === 0) return;
      await enqueue((admin, uid) => admin.index(uid).deleteDocuments(ids), 'a deletion');
    },
  };
}
