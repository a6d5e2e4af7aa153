import type { Database } from 'better-sqlite3';
import type { SearchDocument } from '@newsarchive/core';
import { extractUnits } from '../query/analysis.ts';
import { slimFacets } from './store.ts';

/** The layout of the engine's tables; another value in an archive means they are rebuilt. */
export const SCHEMA = 2;
/** BM25 column weights: title, body, names (actors, outlet, byline). */
export const RANK = 'bm25(8.0, 1.0, 2.0)';

/** The table names of one generation of the engine's tables. */
export interface Tables {
  generation: number;
  docs: string;
  fts: string;
  titles: string;
  vocab: string;
  names: string;
  words: string;
  units: string;
}

export function tablesOf(prefix: string, generation: number): Tables {
  return {
    generation,
    docs: `${prefix}_docs_${generation}`,
    fts: `${prefix}_fts_${generation}`,
    titles: `${prefix}_titles_${generation}`,
    vocab: `${prefix}_vocab_${generation}`,
    names: `${prefix}_names_${generation}`,
    words: `${prefix}_words_${generation}`,
    units: `${prefix}_units_${generation}`,
  };
}

/** The generations that have tables in the file (of any layout). */
export function storedGenerations(db: Database, prefix: string): number[] {
  const names = db
    .prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`)
    .pluck()
    .all() as string[];
  const pattern = new RegExp(`^${prefix}_(?:docs|fts|titles|vocab|names|words)_(\\d+)$`);
  const generations = new Set(
    names.map((n) => pattern.exec(n)?.[1]).filter((g) => g !== undefined),
  );
  return [...generations].map(Number);
}

/**
 * Creates the tables of a generation that are missing; the indexes an earlier release did not
 * have are filled from the documents.
 */
export function createTables(db: Database, t: Tables): void {
  const exists = (name: string) =>
    db.prepare(`SELECT 1 FROM sqlite_master WHERE name = ?`).get(name) !== undefined;
  const hadDocs = exists(t.docs);
  const hadTitles = exists(t.titles);
  const hadUnits = exists(t.units);
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
    -- Symbol names (S&P, C++, 9/11) as single tokens, beside their parts in the main index.
    CREATE VIRTUAL TABLE IF NOT EXISTS ${t.units} USING fts5(
      units, content='', contentless_delete=1,
      tokenize="unicode61 remove_diacritics 2 tokenchars '&+/.@#'"
    );
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
  // ... and the units index.
  if (hadDocs && !hadUnits) {
    const insert = db.prepare(`INSERT INTO ${t.units} (rowid, units) VALUES (?, ?)`);
    const rows = db.prepare(`SELECT rowid, title, body, names FROM ${t.docs}`).raw().all() as [
      number,
      string,
      string,
      string,
    ][];
    for (const [rowid, title, body, names] of rows) {
      const units = unitsOf({ title, body, names });
      if (units) insert.run(rowid, units);
    }
  }
}

export function dropTables(db: Database, t: Tables): void {
  db.exec(
    `DROP TABLE IF EXISTS ${t.vocab}; DROP TABLE IF EXISTS ${t.fts}; DROP TABLE IF EXISTS ${t.titles}; DROP TABLE IF EXISTS ${t.names}; DROP TABLE IF EXISTS ${t.words}; DROP TABLE IF EXISTS ${t.units}; DROP TABLE IF EXISTS ${t.docs};`,
  );
}

/** Merges the full-text indexes' segments once a generation is filled (a rebuild). */
export function optimizeTables(db: Database, t: Tables): void {
  db.prepare(`INSERT INTO ${t.fts}(${t.fts}) VALUES ('optimize')`).run();
  db.prepare(`INSERT INTO ${t.titles}(${t.titles}) VALUES ('optimize')`).run();
}

/**
 * A word between two names in the names column, so a phrase cannot run from one name into the
 * next ("nuclear war" and "trade deficits" are not "war trade"): a private-use character, which
 * FTS5 indexes as a word of its own and no article's text holds.
 */
export const NAME_BREAK = '\n\uE000\n';

/** The text a document is found by, as stored. */
export function docRow(doc: SearchDocument) {
  const names = [...doc.actors.map((a) => a.name), doc.outlet?.name ?? '', doc.byline ?? '']
    .filter((n) => n !== '')
    .join(NAME_BREAK);
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

/** One row of the documents table. */
export type DocRow = ReturnType<typeof docRow>;

/** The searchable text of a row, as the vocabulary learns it. */
export function textOf(row: { title: string; body: string; names: string }): string {
  return `${row.title}\n${row.body}\n${row.names}`;
}

/** The units index's text for a document: its symbol names, space-separated. */
export function unitsOf(row: { title: string; body: string; names: string }): string {
  return extractUnits(textOf(row)).join(' ');
}
