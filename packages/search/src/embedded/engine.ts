import type { Database } from 'better-sqlite3';
import type {
  FacetSearchRequest,
  FacetSearchResponse,
  SearchRequest,
  SearchResponse,
} from '@newsarchive/core';
import { normalizeFacetRequest, normalizeSearchRequest } from '../request.ts';
import type { SearchEngine } from '../engine.ts';
import { EngineError, EngineUnavailableError } from '../engine.ts';
import { members } from './bitset.ts';
import {
  actorFacet,
  dateFacet,
  FacetCounter,
  keepNamesContaining,
  outletFacet,
} from './facet-counter.ts';
import { Ranker } from './ranker.ts';
import { Reader } from './reader.ts';
import { catchUp, ChangeLog, loadVocabulary, saveVocabulary } from './replica.ts';
import { loadFacetStore, type FacetStore } from './store.ts';
import {
  createTables,
  docRow,
  dropTables,
  optimizeTables,
  SCHEMA,
  storedGenerations,
  tablesOf,
  textOf,
} from './tables.ts';
import { Writer } from './writer.ts';

export interface EmbeddedEngineOptions {
  /** The archive's better-sqlite3 handle; the engine keeps its own tables in the same file. */
  db: Database;
  /** Prefix of the engine's tables (default `search`). */
  prefix?: string;
  /**
   * Memory for the match sets of broad words, kept until the next write (default 64 MiB;
   * 0 turns the cache off).
   */
  cacheBytes?: number;
  /** Receives the time of each phase of a search (benchmarks). */
  trace?: (phase: string, ms: number) => void;
}

/**
 * Search over SQLite FTS5 in the archive's own file, with facets, dates and grouping done in
 * memory. Writes are transactional and idempotent; `rebuild` fills a new generation of tables
 * and swaps it in with one metadata update.
 */
export function createEmbeddedEngine(options: EmbeddedEngineOptions): SearchEngine {
  const db = options.db;
  const prefix = options.prefix ?? 'search';
  const cacheBytes = options.cacheBytes ?? 64 * 2 ** 20;
  if (!/^[a-z][a-z0-9_]*$/.test(prefix)) throw new Error(`bad table prefix ${prefix}`);
  const meta = `${prefix}_meta`;
  db.exec(`CREATE TABLE IF NOT EXISTS ${meta} (key TEXT PRIMARY KEY, value INTEGER NOT NULL)`);
  const getMeta = db.prepare(`SELECT value FROM ${meta} WHERE key = ?`).pluck();
  const setMeta = db.prepare(
    `INSERT INTO ${meta} (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value`,
  );
  const bumpVersion = db
    .prepare(
      `INSERT INTO ${meta} (key, value) VALUES ('version', 1) ON CONFLICT(key) DO UPDATE SET value = value + 1 RETURNING value`,
    )
    .pluck();

  // Which documents each write transaction touched, so other processes catch up without reloading.
  const changes = new ChangeLog(db, prefix);

  db.transaction(() => {
    if (getMeta.get('schema') !== SCHEMA) {
      // Tables of another layout cannot be read: start empty (npm run reindex fills them).
      for (const g of storedGenerations(db, prefix)) dropTables(db, tablesOf(prefix, g));
      const generation = ((getMeta.get('generation') as number | undefined) ?? 0) + 1;
      setMeta.run('generation', generation);
      setMeta.run('version', ((getMeta.get('version') as number | undefined) ?? 0) + 1);
      setMeta.run('schema', SCHEMA);
      changes.clear();
    }
    createTables(db, tablesOf(prefix, getMeta.get('generation') as number));
  }).immediate();

  let reader: Reader | null = null;
  let writer: Writer | null = null;
  /** The generation being filled by a rebuild: writes go to it too. */
  let building: Writer | null = null;
  let buildingWriter: Writer | null = null;
  let dataVersion = -1;
  let closed = false;

  const currentGeneration = () => getMeta.get('generation') as number;
  const currentVersion = () => (getMeta.get('version') as number | undefined) ?? 0;
  /** Writes up to this version are no longer in the change log. */
  const pruned = () => (getMeta.get('pruned') as number | undefined) ?? 0;

  /** The reader for the current generation and version; catches up after another process wrote. */
  function ensureReader(): Reader {
    if (closed) throw new EngineUnavailableError('the embedded search engine is closed');
    const dv = db.pragma('data_version', { simple: true }) as number;
    if (reader && dv === dataVersion) return reader;
    dataVersion = dv;
    return sync();
  }

  function sync(): Reader {
    const generation = currentGeneration();
    const version = currentVersion();
    if (reader && reader.t.generation === generation) {
      if (reader.version === version || catchUp(reader, version, changes, pruned())) return reader;
    }
    const t = tablesOf(prefix, generation);
    const store = loadFacetStore(db, t.docs, t.names);
    loadVocabulary(db, store, t, version, changes, pruned());
    reader = new Reader(db, t, store, version, cacheBytes);
    writer = new Writer(db, t);
    return reader;
  }

  // Both own scratch arrays reused by every search (searches are synchronous: one set is enough).
  const counter = new FacetCounter();
  const ranker = new Ranker();

  function runSearch(input: SearchRequest): SearchResponse {
    const started = performance.now();
    const request = normalizeSearchRequest(input);
    const trace = options.trace;
    let mark = started;
    const phase = trace
      ? (name: string) => {
          const now = performance.now();
          trace(name, now - mark);
          mark = now;
        }
      : () => {};
    const r = ensureReader();
    const store = r.store;
    const p = r.plan(request.q, request.includeHidden);
    phase('plan');
    const matched = r.match(p);
    const candidates = matched ? members(matched.set, matched.count) : null;
    phase('match');
    const ev = counter.evaluate(
      store,
      candidates,
      request,
      { outlet: true, actor: true, date: true },
      matched?.set ?? null,
    );
    phase('filter+facets');
    const { rows, total } = ranker.page(r, ev, request, p, candidates?.length ?? store.count);
    phase('order');
    const hits = rows.map((row) => r.hit(row, p.matcher));
    phase('hits');
    const facets = {
      outlet: outletFacet(store, ev.outletCounts),
      actor: actorFacet(store, ev.actorCounts),
      date: dateFacet(store, ev.dayCounts, ev.undated, request),
    };
    phase('facet lists');
    return {
      engine: 'embedded',
      totalHits: total,
      totalHitsExact: true,
      page: request.page,
      perPage: request.perPage,
      totalPages: Math.ceil(total / request.perPage),
      processingTimeMs: Math.round((performance.now() - started) * 100) / 100,
      hits,
      facets,
      query: { read: p.read, suggestion: p.suggestion },
    };
  }

  function runFacetSearch(input: FacetSearchRequest): FacetSearchResponse {
    const request = normalizeFacetRequest(input);
    const r = ensureReader();
    const store = r.store;
    const p = r.plan(request.q, request.includeHidden);
    const matched = r.match(p);
    const candidates = matched ? members(matched.set, matched.count) : null;
    const ev = counter.evaluate(
      store,
      candidates,
      request,
      {
        outlet: request.facet === 'outlet',
        actor: request.facet === 'actor',
        date: false,
      },
      matched?.set ?? null,
    );
    const names = request.facet === 'outlet' ? store.outlets : store.actors;
    const counts = request.facet === 'outlet' ? ev.outletCounts : ev.actorCounts;
    keepNamesContaining(names, counts, request.facetQuery);
    return {
      facet: request.facet,
      values:
        request.facet === 'outlet'
          ? outletFacet(store, counts, request.limit)
          : actorFacet(store, counts, request.limit),
    };
  }

  function applyWrites(
    fn: (w: Writer, store: FacetStore | null, log: (rowid: number) => void) => void,
  ): void {
    if (closed) throw new EngineUnavailableError('the embedded search engine is closed');
    try {
      db.transaction(() => {
        // Under the write lock: take in whatever another process committed since we looked.
        // A process that never searched (a command line ingest) writes without loading facets.
        const r = reader ? sync() : null;
        const generation = currentGeneration();
        if (writer?.t.generation !== generation)
          writer = new Writer(db, tablesOf(prefix, generation));
        const w = writer;
        const version = bumpVersion.get() as number;
        fn(w, r?.store ?? null, (rowid) => changes.log(version, rowid));
        // A rebuild in this or another process fills the next generation: it gets the write too.
        const next = getMeta.get('building') as number | undefined;
        if (next !== undefined && next !== w.t.generation) {
          if (buildingWriter?.t.generation !== next)
            buildingWriter = new Writer(db, tablesOf(prefix, next));
          fn(buildingWriter, null, () => {});
        }
        if (version % 512 === 0) {
          changes.prune(version - 20_000);
          setMeta.run('pruned', version - 20_000);
        }
        if (r) {
          r.cache.clear();
          // Our own write: the in-memory store is already current, only the version moves on.
          r.version = version;
        }
      }).immediate();
    } catch (err) {
      // The store may hold half of a rolled-back write: load it afresh next time.
      reader = null;
      throw err;
    }
    dataVersion = db.pragma('data_version', { simple: true }) as number;
  }

  return {
    name: 'embedded',
    capabilities: {
      inProcess: true,
      writesSearchableOnReturn: true,
      warmsUp: true,
      serialisedSearch: false,
    },

    async index(documents) {
      if (documents.length === 0) return;
      applyWrites((w, store, log) => {
        for (const doc of documents) {
          const row = docRow(doc);
          const rowid = w.put(row);
          w.names(doc);
          if (rowid !== null) log(rowid);
          if (rowid !== null && store) {
            store.set(rowid, doc);
            store.learnWords(textOf(row));
          }
        }
      });
    },

    async remove(ids) {
      if (ids.length === 0) return;
      applyWrites((w, store, log) => {
        for (const id of ids) {
          const rowid = w.drop(id);
          if (rowid !== null) log(rowid);
          if (rowid !== null && store) store.delete(rowid);
        }
      });
    },

    async search(request) {
      return runSearch(request);
    },

    async searchFacet(request) {
      return runFacetSearch(request);
    },

    async stats() {
      return { documents: ensureReader().store.count };
    },

    async rebuild(batches, onProgress) {
      if (building) throw new EngineError('a rebuild is already running');
      const next = tablesOf(prefix, currentGeneration() + 1);
      db.transaction(() => {
        dropTables(db, next);
        createTables(db, next);
        setMeta.run('building', next.generation);
      }).immediate();
      building = new Writer(db, next);
      let documents = 0;
      try {
        for await (const batch of batches) {
          db.transaction(() => {
            for (const doc of batch) {
              building!.put(docRow(doc));
              building!.names(doc);
            }
          }).immediate();
          documents += batch.length;
          onProgress?.(documents);
          // Let searches and other work in between batches.
          await new Promise<void>((resolve) => setImmediate(resolve));
        }
        optimizeTables(db, next);
        const old = tablesOf(prefix, currentGeneration());
        db.transaction(() => {
          saveVocabulary(db, next, currentVersion() + 1);
          setMeta.run('generation', next.generation);
          db.prepare(`DELETE FROM ${meta} WHERE key = 'building'`).run();
          bumpVersion.get();
          dropTables(db, old);
        }).immediate();
      } catch (err) {
        building = null;
        db.transaction(() => {
          db.prepare(`DELETE FROM ${meta} WHERE key = 'building'`).run();
          dropTables(db, next);
        }).immediate();
        throw err;
      }
      building = null;
      reader = null;
      writer = null;
      await releaseFreePages(db);
      const t = tablesOf(prefix, currentGeneration());
      return { documents: db.prepare(`SELECT count(*) FROM ${t.docs}`).pluck().get() as number };
    },

    async healthy() {
      return !closed && db.open;
    },

    async close() {
      closed = true;
      reader = null;
      writer = null;
    },
  };
}

/** Pages handed back per step: a short write, so other writers get the lock in between. */
const VACUUM_STEP_PAGES = 2048;

/**
 * After a rebuild the old generation's pages are free but still in the file, which would then
 * hold two indexes' worth of pages until later growth reused them. A file in incremental
 * auto-vacuum mode (new archives are) gives them back in short steps; in any other mode
 * this does nothing (`npm run reindex -- --compact` converts an older file once).
 */
export async function releaseFreePages(db: Database): Promise<number> {
  if (db.pragma('auto_vacuum', { simple: true }) !== 2) return 0;
  let released = 0;
  for (;;) {
    const free = db.pragma('freelist_count', { simple: true }) as number;
    if (free === 0) return released;
    db.pragma(`incremental_vacuum(${VACUUM_STEP_PAGES})`);
    const left = db.pragma('freelist_count', { simple: true }) as number;
    // Another writer took the pages for itself meanwhile: nothing left to give back.
    if (left >= free) return released;
    released += free - left;
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}
