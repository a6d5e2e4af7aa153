import type { Database, Statement } from 'better-sqlite3';
import type {
  FacetSearchRequest,
  FacetSearchResponse,
  SearchRequest,
  SearchResponse,
} from '@newsarchive/core';
import { normalizeFacetRequest, normalizeSearchRequest } from '../request.ts';
import type { SearchEngine } from '../engine.ts';
import { EngineUnavailableError } from '../engine.ts';
import { has, members } from './bitset.ts';
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
import { Reader, type SearchPlan } from './reader.ts';
import {
  actorFacet,
  dateFacet,
  FacetCounter,
  keepNamesContaining,
  outletFacet,
  type Evaluation,
} from './facet-counter.ts';
import { catchUp, ChangeLog, loadVocabulary, saveVocabulary } from './replica.ts';

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

/** Matches beyond this many are ranked in bounded tiers instead of all by BM25 (see pageRows). */
const RANK_ALL_UP_TO = 500;
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

  const counter = new FacetCounter();

  // Scratch marks reused across queries: stamp[r] === current stamp means "r is in the set".
  let stamp = new Uint32Array(0);
  let stampValue = 0;
  let storyStamp = new Uint32Array(0);
  let storyStampValue = 0;
  function nextStamp(capacity: number): number {
    if (stamp.length < capacity || stampValue >= 0xfffffff0) {
      stamp = new Uint32Array(Math.max(capacity, stamp.length));
      stampValue = 0;
    }
    return ++stampValue;
  }
  function nextStoryStamp(stories: number): number {
    if (storyStamp.length < stories || storyStampValue >= 0xfffffff0) {
      storyStamp = new Uint32Array(Math.max(stories + 1024, storyStamp.length));
      storyStampValue = 0;
    }
    return ++storyStampValue;
  }

  /**
   * The page of rowids in the requested order. Date orders walk a precomputed newest-first
   * list; relevance asks FTS5 for the best rows by BM25 inside the MATCH subquery with a
   * LIMIT, widening it until the page is full after filters. When a query matches more than
   * RANK_ALL_UP_TO documents, BM25 over all of them would dominate the time, so ranking is
   * bounded the way Meilisearch's attribute rule orders results: documents with every word in
   * the title come first (ranked by BM25), then the rest, newest first.
   */
  function pageRows(
    r: Reader,
    ev: Evaluation,
    request: SearchRequest,
    p: SearchPlan,
    matched: number,
  ): { rows: number[]; total: number } {
    const store = r.store;
    const mark = nextStamp(store.capacity);
    for (let i = 0; i < ev.finalCount; i++) stamp[ev.final[i]!] = mark;
    const grouped = request.group === 'story';
    let total = ev.finalCount;
    if (grouped) {
      const s = nextStoryStamp(store.storyIndex.size);
      total = 0;
      for (let i = 0; i < ev.finalCount; i++) {
        const st = store.story[ev.final[i]!]!;
        if (storyStamp[st] !== s) {
          storyStamp[st] = s;
          total++;
        }
      }
    }
    const skip = (request.page - 1) * request.perPage;
    const need = skip + request.perPage;
    if (skip >= total) return { rows: [], total };

    const rows: number[] = [];
    let storySeen = grouped ? nextStoryStamp(store.storyIndex.size) : 0;
    const used = new Set<number>();
    let seen = 0;
    /** Feeds rows in order; returns true when the page is full. */
    const feed = (row: number): boolean => {
      if (stamp[row] !== mark || used.has(row)) return false;
      if (grouped) {
        const st = store.story[row]!;
        if (storyStamp[st] === storySeen) return false;
        storyStamp[st] = storySeen;
      }
      used.add(row);
      if (seen++ >= skip) rows.push(row);
      return rows.length >= request.perPage;
    };

    const byDate = (newest: boolean) => {
      const order = store.newestFirst();
      if (newest) {
        for (let i = 0; i < order.length; i++) if (feed(order[i]!)) return;
      } else {
        // Oldest first, undated still last.
        let firstUndated = order.length;
        while (firstUndated > 0 && store.day[order[firstUndated - 1]!] === 0) firstUndated--;
        for (let i = firstUndated - 1; i >= 0; i--) if (feed(order[i]!)) return;
        for (let i = firstUndated; i < order.length; i++) if (feed(order[i]!)) return;
      }
    };

    if (request.sort === 'newest' || !p.rankExpr) {
      byDate(true);
      return { rows, total };
    }
    if (request.sort === 'oldest') {
      byDate(false);
      return { rows, total };
    }

    /** Feeds the best `limit` rows of a MATCH by BM25: 'full' page, 'exhausted' list, or 'more'. */
    const ranked = (
      stmt: Statement,
      expr: string,
      limit: number,
    ): 'full' | 'exhausted' | 'more' => {
      const list = stmt.all(expr, limit) as number[];
      for (const row of list) if (feed(row)) return 'full';
      return list.length < limit ? 'exhausted' : 'more';
    };
    const typos = p.exactRankExpr !== p.rankExpr;
    if (matched <= RANK_ALL_UP_TO) {
      // Expect the filters to thin the ranked list in proportion; widen when they thin it more.
      const ratio = matched / Math.max(1, ev.finalCount);
      let limit = Math.ceil(need * Math.min(ratio, 50) * (grouped ? 3 : 1.5)) + 10;
      for (;;) {
        used.clear();
        seen = 0;
        rows.length = 0;
        if (grouped) storySeen = nextStoryStamp(store.storyIndex.size);
        // Exact words first, then the typo neighbours.
        const exact = typos ? ranked(r.ranked, p.exactRankExpr!, limit) : 'exhausted';
        if (exact === 'full') break;
        const all = ranked(r.ranked, p.rankExpr, limit);
        if (all === 'full' || (all === 'exhausted' && exact === 'exhausted') || limit >= matched)
          break;
        limit *= 4;
      }
      return { rows, total };
    }
    // Broad query: documents with every word (as typed) in the title first, then the rest
    // newest first.
    const inTitle = r.exprSet(p.exactRankExpr!, 'titles');
    if (inTitle.count > 0 && inTitle.count <= RANK_ALL_UP_TO) {
      if (ranked(r.titleRanked, p.exactRankExpr!, inTitle.count + 1) === 'full') {
        return { rows, total };
      }
    } else if (inTitle.count > 0) {
      // Even the titles are too many to rank: newest first among them.
      const order = store.newestFirst();
      for (let i = 0; i < order.length; i++) {
        const row = order[i]!;
        if (has(inTitle.set, row) && feed(row)) return { rows, total };
      }
    }
    byDate(true);
    return { rows, total };
  }

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
    const { rows, total } = pageRows(r, ev, request, p, candidates?.length ?? store.count);
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
      if (building) throw new Error('a rebuild is already running');
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
          })();
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
