import type { Database, Statement } from 'better-sqlite3';
import type {
  ActorCount,
  ActorType,
  DateFacet,
  FacetSearchRequest,
  FacetSearchResponse,
  OutletCount,
  SearchDocument,
  SearchFilters,
  SearchHit,
  SearchRequest,
  SearchResponse,
} from '@newsarchive/core';
import { normalizeFacetRequest, normalizeSearchRequest } from '../request.ts';
import { bucketKey, chooseInterval, dayNumber, dayString } from '../dates.ts';
import type { SearchEngine } from '../engine.ts';
import { EngineUnavailableError } from '../engine.ts';
import { FACET_LIMIT } from '../facets.ts';
import { topCounts } from '../top.ts';
import { createTermMatcher, highlightText, snippetText, type TermMatcher } from './highlight.ts';
import { buildMatchExpression, parseQuery, type TermAlternatives } from './query.ts';
import {
  and,
  bitsetFor,
  has,
  members,
  parseRowidList,
  popcount,
  SetCache,
  type Bitset,
} from './bitset.ts';
import {
  loadFacetStore,
  slimFacets,
  type BaseCounts,
  type FacetStore,
  type SlimFacets,
} from './store.ts';

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

/** The layout of the engine's tables; another value in an archive means they are rebuilt. */
const SCHEMA = 2;
/** BM25 column weights: title, body, names (actors, outlet, byline). */
const RANK = 'bm25(8.0, 1.0, 2.0)';
/** Matches beyond this many are ranked in bounded tiers instead of all by BM25 (see pageRows). */
const RANK_ALL_UP_TO = 500;
/** Word groups matching at least this many documents keep their set in memory until the next write. */
const CACHE_FROM = 500;

interface Tables {
  generation: number;
  docs: string;
  fts: string;
  titles: string;
  vocab: string;
  names: string;
  words: string;
}

function tablesOf(prefix: string, generation: number): Tables {
  return {
    generation,
    docs: `${prefix}_docs_${generation}`,
    fts: `${prefix}_fts_${generation}`,
    titles: `${prefix}_titles_${generation}`,
    vocab: `${prefix}_vocab_${generation}`,
    names: `${prefix}_names_${generation}`,
    words: `${prefix}_words_${generation}`,
  };
}

function createTables(db: Database, t: Tables): void {
  const hadDocs =
    db.prepare(`SELECT 1 FROM sqlite_master WHERE name = ?`).get(t.docs) !== undefined;
  const hadTitles =
    db.prepare(`SELECT 1 FROM sqlite_master WHERE name = ?`).get(t.titles) !== undefined;
  db.exec(`
    CREATE TABLE IF NOT EXISTS ${t.docs} (
      rowid  INTEGER PRIMARY KEY,
      id     TEXT NOT NULL UNIQUE,
      title  TEXT NOT NULL,
      body   TEXT NOT NULL,
      names  TEXT NOT NULL,
      facets TEXT NOT NULL,
      hit    TEXT NOT NULL
    );
    CREATE VIRTUAL TABLE IF NOT EXISTS ${t.fts} USING fts5(
      title, body, names,
      content='${t.docs}', content_rowid='rowid',
      tokenize='unicode61 remove_diacritics 2', prefix='2 3'
    );
    -- Titles alone: the first relevance tier of broad queries reads short doclists.
    CREATE VIRTUAL TABLE IF NOT EXISTS ${t.titles} USING fts5(
      title, content='${t.docs}', content_rowid='rowid', tokenize='unicode61 remove_diacritics 2'
    );
    CREATE VIRTUAL TABLE IF NOT EXISTS ${t.vocab} USING fts5vocab(${t.fts}, 'row');
    -- Outlet and actor names by id (kind o or a), so per-document facets hold ids only.
    CREATE TABLE IF NOT EXISTS ${t.names} (
      kind TEXT NOT NULL, id TEXT NOT NULL, name TEXT NOT NULL, type TEXT,
      PRIMARY KEY (kind, id)
    ) WITHOUT ROWID;
    -- The vocabulary as of a version ("term<TAB>documents" lines), for typo tolerance.
    CREATE TABLE IF NOT EXISTS ${t.words} (version INTEGER NOT NULL, data TEXT NOT NULL);
  `);
  db.prepare(`INSERT INTO ${t.fts}(${t.fts}, rank) VALUES ('rank', ?)`).run(RANK);
  // Tables made by an earlier release lack the titles index: fill it from the documents.
  if (hadDocs && !hadTitles)
    db.prepare(`INSERT INTO ${t.titles}(${t.titles}) VALUES ('rebuild')`).run();
}

function dropTables(db: Database, t: Tables): void {
  db.exec(
    `DROP TABLE IF EXISTS ${t.vocab}; DROP TABLE IF EXISTS ${t.fts}; DROP TABLE IF EXISTS ${t.titles}; DROP TABLE IF EXISTS ${t.names}; DROP TABLE IF EXISTS ${t.words}; DROP TABLE IF EXISTS ${t.docs};`,
  );
}

/** The text a document is found by, as stored (private-use markers cannot sneak in). */
function docRow(doc: SearchDocument) {
  const names = [...doc.actors.map((a) => a.name), doc.outlet?.name ?? '', doc.byline ?? ''].join(
    '\n',
  );
  const facets = slimFacets(doc);
  const { title: _t, body: _b, ...hit } = doc;
  return {
    id: doc.id,
    title: doc.title,
    body: doc.body,
    names,
    facets: JSON.stringify(facets),
    hit: JSON.stringify(hit),
  };
}

type Row = ReturnType<typeof docRow>;

/** Prepared statements of one generation. */
class Writer {
  readonly find: Statement;
  readonly insertDoc: Statement;
  readonly updateDoc: Statement;
  readonly deleteDoc: Statement;
  readonly ftsInsert: Statement;
  readonly ftsDelete: Statement;
  readonly titleInsert: Statement;
  readonly titleDelete: Statement;
  readonly putName: Statement;
  /** Names already written by this writer, so unchanged ones cost no write. */
  private readonly knownNames = new Map<string, string>();
  constructor(
    db: Database,
    readonly t: Tables,
  ) {
    this.find = db.prepare(
      `SELECT rowid, title, body, names, facets, hit FROM ${t.docs} WHERE id = ?`,
    );
    this.insertDoc = db.prepare(
      `INSERT INTO ${t.docs} (id, title, body, names, facets, hit) VALUES (@id, @title, @body, @names, @facets, @hit)`,
    );
    this.updateDoc = db.prepare(
      `UPDATE ${t.docs} SET title = @title, body = @body, names = @names, facets = @facets, hit = @hit WHERE rowid = @rowid`,
    );
    this.deleteDoc = db.prepare(`DELETE FROM ${t.docs} WHERE rowid = ?`);
    this.ftsInsert = db.prepare(
      `INSERT INTO ${t.fts} (rowid, title, body, names) VALUES (?, ?, ?, ?)`,
    );
    this.ftsDelete = db.prepare(
      `INSERT INTO ${t.fts} (${t.fts}, rowid, title, body, names) VALUES ('delete', ?, ?, ?, ?)`,
    );
    this.titleInsert = db.prepare(`INSERT INTO ${t.titles} (rowid, title) VALUES (?, ?)`);
    this.titleDelete = db.prepare(
      `INSERT INTO ${t.titles} (${t.titles}, rowid, title) VALUES ('delete', ?, ?)`,
    );
    this.putName = db.prepare(
      `INSERT INTO ${t.names} (kind, id, name, type) VALUES (?, ?, ?, ?)
       ON CONFLICT (kind, id) DO UPDATE SET name = excluded.name, type = excluded.type
       WHERE name IS NOT excluded.name OR type IS NOT excluded.type`,
    );
  }

  /** Records the outlet and actor names a document carries (the latest spelling wins). */
  names(doc: SearchDocument): void {
    const put = (kind: string, id: string, name: string, type: string | null) => {
      const key = `${kind}:${id}`;
      const value = `${type}\t${name}`;
      if (this.knownNames.get(key) === value) return;
      this.putName.run(kind, id, name, type);
      this.knownNames.set(key, value);
    };
    if (doc.outlet) put('o', doc.outlet.id, doc.outlet.name, null);
    for (const a of doc.actors) put('a', a.id, a.name, a.type);
  }

  /** Upserts one document; returns its rowid, or null when nothing changed. */
  put(row: Row): number | null {
    const old = this.find.get(row.id) as (Row & { rowid: number }) | undefined;
    if (!old) {
      const rowid = Number(this.insertDoc.run(row).lastInsertRowid);
      this.ftsInsert.run(rowid, row.title, row.body, row.names);
      this.titleInsert.run(rowid, row.title);
      return rowid;
    }
    const textSame = old.title === row.title && old.body === row.body && old.names === row.names;
    if (textSame && old.facets === row.facets && old.hit === row.hit) return null;
    if (!textSame) {
      this.ftsDelete.run(old.rowid, old.title, old.body, old.names);
      this.titleDelete.run(old.rowid, old.title);
    }
    this.updateDoc.run({ ...row, rowid: old.rowid });
    if (!textSame) {
      this.ftsInsert.run(old.rowid, row.title, row.body, row.names);
      this.titleInsert.run(old.rowid, row.title);
    }
    return old.rowid;
  }

  /** Deletes one document; returns its rowid, or null when it was not there. */
  drop(id: string): number | null {
    const old = this.find.get(id) as (Row & { rowid: number }) | undefined;
    if (!old) return null;
    this.ftsDelete.run(old.rowid, old.title, old.body, old.names);
    this.titleDelete.run(old.rowid, old.title);
    this.deleteDoc.run(old.rowid);
    return old.rowid;
  }
}

/** One generation as searched: tables, statements and the in-memory facet store. */
class Reader {
  readonly matchAll: Statement;
  readonly titleMatchAll: Statement;
  readonly ranked: Statement;
  readonly titleRanked: Statement;
  readonly hitRow: Statement;
  readonly facetRow: Statement;
  readonly nameRow: Statement;
  readonly cache: SetCache;
  constructor(
    db: Database,
    readonly t: Tables,
    readonly store: FacetStore,
    public version: number,
    cacheBytes: number,
  ) {
    this.matchAll = db
      .prepare(`SELECT group_concat(rowid) FROM ${t.fts} WHERE ${t.fts} MATCH ?`)
      .pluck();
    this.titleMatchAll = db
      .prepare(`SELECT group_concat(rowid) FROM ${t.titles} WHERE ${t.titles} MATCH ?`)
      .pluck();
    // Rank and limit inside the FTS query: no join before the top rows are known.
    this.ranked = db
      .prepare(`SELECT rowid FROM ${t.fts} WHERE ${t.fts} MATCH ? ORDER BY rank LIMIT ?`)
      .pluck();
    this.titleRanked = db
      .prepare(`SELECT rowid FROM ${t.titles} WHERE ${t.titles} MATCH ? ORDER BY rank LIMIT ?`)
      .pluck();
    this.cache = new SetCache(cacheBytes);
    this.hitRow = db.prepare(`SELECT id, title, body, hit FROM ${t.docs} WHERE rowid = ?`);
    this.facetRow = db.prepare(`SELECT facets, title, body, names FROM ${t.docs} WHERE rowid = ?`);
    this.nameRow = db.prepare(`SELECT name, type FROM ${t.names} WHERE kind = ? AND id = ?`);
  }
}

interface Plan {
  expr: string | null;
  /** The words as typed (no typo alternatives): ranked first, as Meilisearch's typo rule does. */
  exactExpr: string | null;
  exactGroups: string[];
  /** One MATCH expression per query word (the word, its typo neighbours, its prefix). */
  groups: string[];
  matcher: TermMatcher | null;
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
  const changes = `${prefix}_changes`;
  db.exec(`CREATE TABLE IF NOT EXISTS ${changes} (version INTEGER NOT NULL, doc INTEGER NOT NULL);
    CREATE INDEX IF NOT EXISTS ${changes}_version ON ${changes}(version);`);
  const logChange = db.prepare(`INSERT INTO ${changes} (version, doc) VALUES (?, ?)`);
  const changedSince = db.prepare(`SELECT DISTINCT doc FROM ${changes} WHERE version > ?`).pluck();
  const pruneChanges = db.prepare(`DELETE FROM ${changes} WHERE version <= ?`);

  db.transaction(() => {
    if (getMeta.get('schema') !== SCHEMA) {
      // Tables of another layout cannot be read: start empty (npm run reindex fills them).
      const names = db
        .prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`)
        .pluck()
        .all() as string[];
      const pattern = new RegExp(`^${prefix}_(?:docs|fts|titles|vocab|names|words)_(\\d+)$`);
      const generations = new Set(
        names.map((n) => pattern.exec(n)?.[1]).filter((g) => g !== undefined),
      );
      for (const g of generations) dropTables(db, tablesOf(prefix, Number(g)));
      const generation = ((getMeta.get('generation') as number | undefined) ?? 0) + 1;
      setMeta.run('generation', generation);
      setMeta.run('version', ((getMeta.get('version') as number | undefined) ?? 0) + 1);
      setMeta.run('schema', SCHEMA);
      db.exec(`DELETE FROM ${changes}`);
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
      if (reader.version === version || catchUp(reader, version)) return reader;
    }
    const t = tablesOf(prefix, generation);
    const store = loadFacetStore(db, t.docs, t.names);
    loadVocabulary(store, t, version);
    reader = new Reader(db, t, store, version, cacheBytes);
    writer = new Writer(db, t);
    return reader;
  }

  function defineName(r: Reader, kind: 'o' | 'a', id: string): void {
    const row = r.nameRow.get(kind, id) as { name: string; type: string | null } | undefined;
    if (!row) return;
    if (kind === 'o') r.store.defineOutlet(id, row.name);
    else r.store.defineActor(id, row.name, (row.type ?? 'person') as ActorType);
  }

  /**
   * The typo vocabulary: a snapshot of the index's words saved at the last rebuild (reading
   * fts5vocab walks the whole index), plus the words of documents written since.
   */
  function loadVocabulary(store: FacetStore, t: Tables, version: number): void {
    const snap = db.prepare(`SELECT version, data FROM ${t.words}`).get() as
      { version: number; data: string } | undefined;
    const pruned = (getMeta.get('pruned') as number | undefined) ?? 0;
    if (!snap || snap.version < pruned) {
      try {
        saveVocabulary(t, version);
      } catch {
        // A read-only archive: read the words straight from the index this time.
        const terms = db
          .prepare(`SELECT term, doc FROM ${t.vocab}`)
          .raw()
          .iterate() as IterableIterator<[string, number]>;
        for (const [term, docs] of terms) store.vocabulary.add(term, docs);
        return;
      }
      return loadVocabulary(store, t, version);
    }
    const data = snap.data;
    let start = 0;
    while (start < data.length) {
      let end = data.indexOf('\n', start);
      if (end < 0) end = data.length;
      const tab = data.indexOf('\t', start);
      if (tab > start && tab < end)
        store.vocabulary.add(data.slice(start, tab), Number(data.slice(tab + 1, end)));
      start = end + 1;
    }
    if (snap.version < version) {
      const facetRow = db.prepare(`SELECT title, body, names FROM ${t.docs} WHERE rowid = ?`);
      for (const rowid of changedSince.all(snap.version) as number[]) {
        const row = facetRow.get(rowid) as
          { title: string; body: string; names: string } | undefined;
        if (row) store.learnWords(`${row.title}\n${row.body}\n${row.names}`);
      }
    }
  }

  function saveVocabulary(t: Tables, version: number): void {
    const terms = db.prepare(`SELECT term, doc FROM ${t.vocab}`).raw().all() as [string, number][];
    const data = terms.map(([term, docs]) => `${term}\t${docs}`).join('\n');
    db.transaction(() => {
      db.prepare(`DELETE FROM ${t.words}`).run();
      db.prepare(`INSERT INTO ${t.words} (version, data) VALUES (?, ?)`).run(version, data);
    })();
  }

  /** Applies other processes' changes to the in-memory store; false when a reload is needed. */
  function catchUp(r: Reader, version: number): boolean {
    const pruned = (getMeta.get('pruned') as number | undefined) ?? 0;
    if (r.version < pruned || version < r.version) return false;
    const docs = changedSince.all(r.version) as number[];
    if (docs.length > 50_000) return false;
    for (const rowid of docs) {
      const row = r.facetRow.get(rowid) as
        { facets: string; title: string; body: string; names: string } | undefined;
      if (row) {
        const f = JSON.parse(row.facets) as SlimFacets;
        if (f.o !== null) defineName(r, 'o', f.o);
        for (const a of f.a) defineName(r, 'a', a);
        r.store.setSlim(rowid, f);
        r.store.learnWords(`${row.title}\n${row.body}\n${row.names}`);
      } else r.store.delete(rowid);
    }
    r.version = version;
    r.cache.clear();
    return true;
  }

  /** Plans the MATCH expression for user text: exact words, typo alternatives, last-word prefix. */
  function plan(q: string, store: FacetStore): Plan {
    const { words, lastIsPrefix } = parseQuery(q);
    if (words.length === 0)
      return { expr: null, exactExpr: null, exactGroups: [], groups: [], matcher: null };
    const alternatives: TermAlternatives[] = words.map((w, i) => {
      const prefix = lastIsPrefix && i === words.length - 1;
      // Like Meilisearch, a long enough word also matches its neighbours, even when it is a
      // word of its own (a corpus holds its typos too); exact matches still rank first.
      return { exact: w, typos: store.typoCandidates(w), prefix };
    });
    const exactOnly = alternatives.map((a) => ({ ...a, typos: [] }));
    const exact = alternatives.flatMap((a) => [a.exact, ...a.typos]);
    const prefixes = alternatives.filter((a) => a.prefix).map((a) => a.exact);
    return {
      expr: buildMatchExpression(alternatives),
      exactExpr: buildMatchExpression(exactOnly),
      exactGroups: exactOnly.map((a) => buildMatchExpression([a])!),
      groups: alternatives.map((a) => buildMatchExpression([a])!),
      matcher: createTermMatcher(exact, prefixes),
    };
  }

  /** The documents matching one word group, from the cache or FTS5. */
  function groupSet(r: Reader, group: string, titles: boolean): { set: Bitset; count: number } {
    const key = `${titles ? 't' : 'a'}:${group}`;
    const cached = r.cache.get(key);
    if (cached) return cached;
    const list = (titles ? r.titleMatchAll : r.matchAll).get(group) as string | null;
    const result = parseRowidList(list, r.store.capacity);
    if (result.count >= CACHE_FROM) r.cache.put(key, result);
    return result;
  }

  /** Documents matching every word group (all words, in any column or in the title). */
  function matchSet(r: Reader, groups: string[], titles = false): { set: Bitset; count: number } {
    let acc: { set: Bitset; count: number } | null = null;
    for (const g of groups) {
      const next = groupSet(r, g, titles);
      acc = acc === null ? next : { set: and(acc.set, next.set), count: -1 };
    }
    if (!acc) return { set: bitsetFor(0), count: 0 };
    return acc.count >= 0 ? acc : { set: acc.set, count: popcount(acc.set) };
  }

  // Count arrays reused across queries (a search is synchronous, so one set is enough): tens of
  // thousands of actors would otherwise mean a fresh 200 KB array, and garbage, per query.
  const scratch = {
    arrays: new Map<string, Int32Array>(),
    get(name: string, length: number, zero = true): Int32Array {
      let a = this.arrays.get(name);
      if (!a || a.length < length) {
        a = new Int32Array(Math.max(length, Math.ceil((a?.length ?? 0) * 1.5)));
        this.arrays.set(name, a);
        return a.subarray(0, length);
      }
      const view = a.subarray(0, length);
      if (zero) view.fill(0);
      return view;
    },
    copy(name: string, from: Int32Array): Int32Array {
      const view = this.get(name, from.length, false);
      view.set(from);
      return view;
    },
  };

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

  interface Evaluation {
    /** Rowids passing every filter, in match order. */
    final: Int32Array;
    finalCount: number;
    outletCounts: Int32Array;
    actorCounts: Int32Array;
    dayCounts: Int32Array;
    undated: number;
  }

  /**
   * One pass over the candidates computes the final set and all three disjunctive facets:
   * each facet counts the documents passing every filter except its own.
   */
  function evaluate(
    store: FacetStore,
    candidates: Int32Array | null,
    f: SearchFilters,
    want: { outlet: boolean; actor: boolean; date: boolean },
    matched: Bitset | null,
  ): Evaluation {
    store.refreshDays();
    const unfiltered =
      f.outlet.length + f.actor.length + f.excludeOutlet.length + f.excludeActor.length === 0 &&
      f.from === undefined &&
      f.to === undefined;
    if (unfiltered && (candidates === null || candidates.length * 2 > store.count)) {
      return evaluateBroad(store, candidates, matched, f.includeHidden);
    }
    if (
      candidates === null &&
      f.actor.length > 0 &&
      f.outlet.length + f.excludeOutlet.length + f.excludeActor.length === 0 &&
      f.from === undefined &&
      f.to === undefined
    ) {
      // Browsing an actor: its documents come from the inverted index; the actor counts, which
      // ignore the actor filter, are the archive-wide ones.
      const rarest = f.actor
        .map((id) => store.actorIndex.get(id) ?? -1)
        .sort((a, b) => store.actorDocs(a).length - store.actorDocs(b).length)[0]!;
      const ev = evaluate(store, store.actorDocs(rarest), f, { ...want, actor: false }, null);
      if (want.actor) {
        const base = store.baseCounts(f.includeHidden);
        return { ...ev, actorCounts: scratch.copy('actor', base.actor) };
      }
      return ev;
    }
    const outletSet = new Set<number>();
    for (const id of f.outlet) outletSet.add(store.outletIndex.get(id) ?? -2);
    const actorList = f.actor.map((id) => store.actorIndex.get(id) ?? -2);
    const exOutlet = new Set<number>();
    for (const id of f.excludeOutlet) {
      const i = store.outletIndex.get(id);
      if (i !== undefined) exOutlet.add(i);
    }
    const exActor = new Set<number>();
    for (const id of f.excludeActor) {
      const i = store.actorIndex.get(id);
      if (i !== undefined) exActor.add(i);
    }
    const from = f.from ? dayNumber(f.from) : 0;
    const to = f.to ? dayNumber(f.to) : 99999999;
    const dated = f.from !== undefined || f.to !== undefined;
    const hasOutlet = outletSet.size > 0;
    const { alive, hidden, outlet, day, dayIdx, actorStart, actorLen, actorData } = store;
    const includeHidden = f.includeHidden;

    const outletCounts = scratch.get('outlet', want.outlet ? store.outlets.length : 0);
    const actorCounts = scratch.get('actor', want.actor ? store.actors.length : 0);
    const dayCounts = scratch.get('day', want.date ? store.days.length : 0);
    let undated = 0;
    const n = candidates ? candidates.length : store.capacity;
    const final = scratch.get('final', candidates ? candidates.length : store.count, false);
    let finalCount = 0;

    for (let i = 0; i < n; i++) {
      const r = candidates ? candidates[i]! : i;
      if (!alive[r] || (hidden[r] && !includeHidden)) continue;
      const o = outlet[r]!;
      if (exOutlet.size && exOutlet.has(o)) continue;
      const aStart = actorStart[r]!;
      const aEnd = aStart + actorLen[r]!;
      if (exActor.size && aEnd > aStart) {
        let out = false;
        for (let k = aStart; k < aEnd; k++) if (exActor.has(actorData[k]!)) out = true;
        if (out) continue;
      }
      const pO = !hasOutlet || outletSet.has(o);
      let pA = true;
      for (let k = 0; k < actorList.length && pA; k++) {
        const needed = actorList[k]!;
        let found = false;
        for (let m = aStart; m < aEnd; m++) if (actorData[m] === needed) found = true;
        if (!found) pA = false;
      }
      const d = day[r]!;
      const pD = !dated || (d !== 0 && d >= from && d <= to);
      if (want.outlet && pA && pD && o >= 0) outletCounts[o]!++;
      if (want.actor && pO && pD) for (let k = aStart; k < aEnd; k++) actorCounts[actorData[k]!]!++;
      if (want.date && pO && pA) {
        if (d === 0) undated++;
        else dayCounts[dayIdx[r]!]!++;
      }
      if (pO && pA && pD) final[finalCount++] = r;
    }
    return { final, finalCount, outletCounts, actorCounts, dayCounts, undated };
  }

  /**
   * No filters and most documents match: the facet counts are the archive-wide counts minus
   * those of the documents the query does not match, which are the fewer.
   */
  function evaluateBroad(
    store: FacetStore,
    candidates: Int32Array | null,
    matched: Bitset | null,
    includeHidden: boolean,
  ): Evaluation {
    const base = store.baseCounts(includeHidden);
    const counts: BaseCounts = {
      outlet: scratch.copy('outlet', base.outlet),
      actor: scratch.copy('actor', base.actor),
      day: scratch.copy('day', base.day),
      undated: base.undated,
    };
    const { alive, hidden } = store;
    const final = scratch.get('final', candidates ? candidates.length : store.count, false);
    let finalCount = 0;
    if (candidates && matched) {
      for (let r = 0; r < store.capacity; r++) {
        if (!alive[r] || (hidden[r] && !includeHidden) || has(matched, r)) continue;
        store.count1(counts, r, -1);
      }
      for (let i = 0; i < candidates.length; i++) {
        const r = candidates[i]!;
        if (alive[r] && (!hidden[r] || includeHidden)) final[finalCount++] = r;
      }
    } else {
      for (let r = 0; r < store.capacity; r++)
        if (alive[r] && (!hidden[r] || includeHidden)) final[finalCount++] = r;
    }
    return {
      final,
      finalCount,
      outletCounts: counts.outlet,
      actorCounts: counts.actor,
      dayCounts: counts.day,
      undated: counts.undated,
    };
  }

  function outletFacet(store: FacetStore, counts: Int32Array, limit = FACET_LIMIT): OutletCount[] {
    return topCounts(counts, limit, rankKey(store.nameRank('outlet'))).map((i) => ({
      ...store.outlets[i]!,
      count: counts[i]!,
    }));
  }

  function actorFacet(store: FacetStore, counts: Int32Array, limit = FACET_LIMIT): ActorCount[] {
    return topCounts(counts, limit, rankKey(store.nameRank('actor'))).map((i) => ({
      ...store.actors[i]!,
      count: counts[i]!,
    }));
  }

  function dateFacet(
    store: FacetStore,
    counts: Int32Array,
    undated: number,
    f: SearchFilters,
  ): DateFacet {
    let lo = -1;
    let hi = -1;
    for (let i = 0; i < counts.length; i++) {
      if (counts[i]! > 0) {
        if (lo < 0) lo = i;
        hi = i;
      }
    }
    const min = lo >= 0 ? dayString(store.days[lo]!) : null;
    const max = hi >= 0 ? dayString(store.days[hi]!) : null;
    const interval = chooseInterval(f.from ?? min, f.to ?? max);
    const buckets: { key: string; count: number }[] = [];
    for (let i = lo; i >= 0 && i <= hi; i++) {
      const c = counts[i]!;
      if (c === 0) continue;
      const key = bucketKey(dayString(store.days[i]!), interval);
      const last = buckets.at(-1);
      if (last && last.key === key) last.count += c;
      else buckets.push({ key, count: c });
    }
    return { interval, buckets, min, max, undated };
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
    p: Plan,
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

    if (request.sort === 'newest' || !p.expr) {
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
    const typos = p.exactExpr !== p.expr;
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
        const exact = typos ? ranked(r.ranked, p.exactExpr!, limit) : 'exhausted';
        if (exact === 'full') break;
        const all = ranked(r.ranked, p.expr, limit);
        if (all === 'full' || (all === 'exhausted' && exact === 'exhausted') || limit >= matched)
          break;
        limit *= 4;
      }
      return { rows, total };
    }
    // Broad query: documents with every word (as typed) in the title first, then the rest
    // newest first.
    const inTitle = matchSet(r, p.exactGroups, true);
    if (inTitle.count > 0 && inTitle.count <= RANK_ALL_UP_TO) {
      if (ranked(r.titleRanked, p.exactGroups.join(' AND '), inTitle.count + 1) === 'full') {
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

  function hitOf(
    r: Reader,
    rowid: number,
    p: Plan,
    storySize: Map<number, number> | null,
  ): SearchHit {
    const row = r.hitRow.get(rowid) as { id: string; title: string; body: string; hit: string };
    const hit = JSON.parse(row.hit) as Omit<SearchDocument, 'title' | 'body'>;
    return {
      id: row.id,
      url: hit.url,
      title: highlightText(row.title, p.matcher),
      snippet: snippetText(row.body, p.matcher),
      outlet: hit.outlet,
      byline: hit.byline,
      publishedAt: hit.publishedAt,
      actors: hit.actors,
      storyId: hit.storyId,
      storySize: storySize?.get(rowid) ?? hit.storySize,
      ...(hit.status === 'hidden' ? { hidden: true as const } : {}),
    };
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
    const p = plan(request.q, store);
    phase('plan');
    const matched = p.expr ? matchSet(r, p.groups) : null;
    const candidates = matched ? members(matched.set, matched.count) : null;
    phase('match');
    const ev = evaluate(
      store,
      candidates,
      request,
      { outlet: true, actor: true, date: true },
      matched?.set ?? null,
    );
    phase('filter+facets');
    const { rows, total } = pageRows(r, ev, request, p, candidates?.length ?? store.count);
    phase('order');
    const hits = rows.map((row) => hitOf(r, row, p, null));
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
    };
  }

  function runFacetSearch(input: FacetSearchRequest): FacetSearchResponse {
    const request = normalizeFacetRequest(input);
    const r = ensureReader();
    const store = r.store;
    const p = plan(request.q, store);
    const matched = p.expr ? matchSet(r, p.groups) : null;
    const candidates = matched ? members(matched.set, matched.count) : null;
    const ev = evaluate(
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
    const needle = foldName(request.facetQuery.trim());
    const names = request.facet === 'outlet' ? store.outlets : store.actors;
    const counts = request.facet === 'outlet' ? ev.outletCounts : ev.actorCounts;
    if (needle) {
      for (let k = 0; k < counts.length; k++) {
        if (counts[k]! > 0 && !foldName(names[k]!.name).includes(needle)) counts[k] = 0;
      }
    }
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
        fn(w, r?.store ?? null, (rowid) => logChange.run(version, rowid));
        // A rebuild in this or another process fills the next generation: it gets the write too.
        const next = getMeta.get('building') as number | undefined;
        if (next !== undefined && next !== w.t.generation) {
          if (buildingWriter?.t.generation !== next)
            buildingWriter = new Writer(db, tablesOf(prefix, next));
          fn(buildingWriter, null, () => {});
        }
        if (version % 512 === 0) {
          pruneChanges.run(version - 20_000);
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
            store.learnWords(`${row.title}\n${row.body}\n${row.names}`);
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
          }).immediate();
          documents += batch.length;
          onProgress?.(documents);
          // Let searches and other work in between batches.
          await new Promise<void>((resolve) => setImmediate(resolve));
        }
        db.prepare(`INSERT INTO ${next.fts}(${next.fts}) VALUES ('optimize')`).run();
        db.prepare(`INSERT INTO ${next.titles}(${next.titles}) VALUES ('optimize')`).run();
        const old = tablesOf(prefix, currentGeneration());
        db.transaction(() => {
          saveVocabulary(next, currentVersion() + 1);
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

function rankKey(rank: Int32Array): (i: number) => number {
  return (i) => rank[i] ?? i;
}

function foldName(s: string): string {
  return s.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}
