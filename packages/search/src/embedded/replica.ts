import type { Database, Statement } from 'better-sqlite3';
import type { ActorType } from '@newsarchive/core';
import type { Reader } from './reader.ts';
import type { FacetStore, SlimFacets } from './store.ts';
import { textOf, type Tables } from './tables.ts';

/** More changed documents than this since a reader looked: reloading is cheaper than catching up. */
const CATCH_UP_AT_MOST = 50_000;

/**
 * Which documents each write transaction touched (by version), so other processes and search
 * threads catch up with a write without reloading everything.
 */
export class ChangeLog {
  private readonly insert: Statement;
  private readonly since: Statement;
  private readonly deleteUpTo: Statement;
  private readonly deleteAll: Statement;

  constructor(db: Database, prefix: string) {
    const table = `${prefix}_changes`;
    db.exec(`CREATE TABLE IF NOT EXISTS ${table} (version INTEGER NOT NULL, doc INTEGER NOT NULL);
      CREATE INDEX IF NOT EXISTS ${table}_version ON ${table}(version);`);
    this.insert = db.prepare(`INSERT INTO ${table} (version, doc) VALUES (?, ?)`);
    this.since = db.prepare(`SELECT DISTINCT doc FROM ${table} WHERE version > ?`).pluck();
    this.deleteUpTo = db.prepare(`DELETE FROM ${table} WHERE version <= ?`);
    this.deleteAll = db.prepare(`DELETE FROM ${table}`);
  }

  /** Notes that the write of `version` touched document `rowid`. */
  log(version: number, rowid: number): void {
    this.insert.run(version, rowid);
  }

  /** The documents touched by writes after `version`, each once. */
  changedSince(version: number): number[] {
    return this.since.all(version) as number[];
  }

  /** Forgets the writes up to `version`: readers older than that reload instead. */
  prune(version: number): void {
    this.deleteUpTo.run(version);
  }

  clear(): void {
    this.deleteAll.run();
  }
}

/** Saves the index's words as the typo vocabulary snapshot of `version`. */
export function saveVocabulary(db: Database, t: Tables, version: number): void {
  const terms = db.prepare(`SELECT term, doc FROM ${t.vocab}`).raw().all() as [string, number][];
  const data = terms.map(([term, docs]) => `${term}\t${docs}`).join('\n');
  db.transaction(() => {
    db.prepare(`DELETE FROM ${t.words}`).run();
    db.prepare(`INSERT INTO ${t.words} (version, data) VALUES (?, ?)`).run(version, data);
  })();
}

/**
 * Fills the store's typo vocabulary: the snapshot saved at the last rebuild (reading fts5vocab
 * walks the whole index), plus the words of documents written since. A snapshot older than the
 * change log reaches (`pruned`) is saved afresh first.
 */
export function loadVocabulary(
  db: Database,
  store: FacetStore,
  t: Tables,
  version: number,
  changes: ChangeLog,
  pruned: number,
): void {
  const snap = db.prepare(`SELECT version, data FROM ${t.words}`).get() as
    { version: number; data: string } | undefined;
  if (!snap || snap.version < pruned) {
    // Saved only when that costs no wait: a search must not queue behind another process's
    // write (an ingest), nor fail on a read-only archive. Either way this load has the words.
    const saved = db.pragma('busy_timeout', { simple: true }) as number;
    db.pragma('busy_timeout = 0');
    try {
      saveVocabulary(db, t, version);
    } catch {
      const terms = db
        .prepare(`SELECT term, doc FROM ${t.vocab}`)
        .raw()
        .iterate() as IterableIterator<[string, number]>;
      for (const [term, docs] of terms) store.vocabulary.add(term, docs);
      return;
    } finally {
      db.pragma(`busy_timeout = ${saved}`);
    }
    return loadVocabulary(db, store, t, version, changes, pruned);
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
    const textRow = db.prepare(`SELECT title, body, names FROM ${t.docs} WHERE rowid = ?`);
    for (const rowid of changes.changedSince(snap.version)) {
      const row = textRow.get(rowid) as { title: string; body: string; names: string } | undefined;
      if (row) store.learnWords(textOf(row));
    }
  }
}

/**
 * Applies the writes other connections made since the reader's version to its in-memory store
 * (facets, names, words); false when the change log no longer reaches back that far, or the
 * changes are too many, and the store must be loaded afresh.
 */
export function catchUp(r: Reader, version: number, changes: ChangeLog, pruned: number): boolean {
  if (r.version < pruned || version < r.version) return false;
  const docs = changes.changedSince(r.version);
  if (docs.length > CATCH_UP_AT_MOST) return false;
  for (const rowid of docs) {
    const row = r.facetRow.get(rowid) as
      { facets: string; title: string; body: string; names: string } | undefined;
    if (row) {
      const f = JSON.parse(row.facets) as SlimFacets;
      if (f.o !== null) defineName(r, 'o', f.o);
      for (const a of f.a) defineName(r, 'a', a);
      r.store.setSlim(rowid, f);
      r.store.learnWords(textOf(row));
    } else r.store.delete(rowid);
  }
  r.version = version;
  r.cache.clear();
  return true;
}

function defineName(r: Reader, kind: 'o' | 'a', id: string): void {
  const row = r.nameRow.get(kind, id) as { name: string; type: string | null } | undefined;
  if (!row) return;
  if (kind === 'o') r.store.defineOutlet(id, row.name);
  else r.store.defineActor(id, row.name, (row.type ?? 'person') as ActorType);
}
