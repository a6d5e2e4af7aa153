import { describe, expect, it } from 'vitest';
import {
  createTables,
  docRow,
  dropTables,
  NAME_BREAK,
  storedGenerations,
  tablesOf,
  unitsOf,
  type Tables,
} from './tables.ts';
import { doc, memoryTables } from './test-docs.ts';
import type Database from 'better-sqlite3';

const tableNames = (db: Database.Database) =>
  db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`).pluck().all();

/** Stores a row in the documents table and the main index only, as an older release did. */
function insertBare(db: Database.Database, t: Tables, row: ReturnType<typeof docRow>): number {
  const rowid = Number(
    db
      .prepare(
        `INSERT INTO ${t.docs} (id, title, body, names, facets, hit) VALUES (@id, @title, @body, @names, @facets, @hit)`,
      )
      .run(row).lastInsertRowid,
  );
  db.prepare(`INSERT INTO ${t.fts} (rowid, title, body, names) VALUES (?, ?, ?, ?)`).run(
    rowid,
    row.title,
    row.body,
    row.names,
  );
  return rowid;
}

describe('tables', () => {
  it('creates and drops a generation idempotently, leaving other generations alone', () => {
    const { db, t } = memoryTables();
    const before = tableNames(db);
    createTables(db, t);
    expect(tableNames(db)).toEqual(before);
    const next = tablesOf('search', 2);
    createTables(db, next);
    expect(storedGenerations(db, 'search').sort()).toEqual([1, 2]);
    dropTables(db, t);
    dropTables(db, t);
    expect(storedGenerations(db, 'search')).toEqual([2]);
    expect(tableNames(db).every((n) => String(n).includes('_2'))).toBe(true);
    dropTables(db, next);
    expect(tableNames(db)).toEqual([]);
  });

  it('fills the titles and units indexes of tables made before they existed', () => {
    const { db, t } = memoryTables();
    const rowid = insertBare(
      db,
      t,
      docRow(doc({ id: 'a', title: 'S&P rallies', body: 'Stocks rose; C++ jobs too.' })),
    );
    db.exec(`DROP TABLE ${t.titles}; DROP TABLE ${t.units};`);
    createTables(db, t);
    const match = (table: string, expr: string) =>
      db.prepare(`SELECT rowid FROM ${table} WHERE ${table} MATCH ?`).pluck().all(expr);
    expect(match(t.titles, 'rallies')).toEqual([rowid]);
    expect(match(t.units, '"s&p"')).toEqual([rowid]);
    expect(match(t.units, '"c++"')).toEqual([rowid]);
    expect(match(t.units, 'stocks')).toEqual([]);
  });

  it('stores a document as its searchable text, slim facets and the rest of the hit', () => {
    const row = docRow(
      doc({
        id: 'a',
        title: 'T',
        body: 'B',
        byline: 'Ada',
        outlet: { id: 'o1', name: 'Outlet One' },
        actors: [{ id: 'x', name: 'Xavier', type: 'person' }],
        publishedAt: '2024-01-05',
      }),
    );
    expect(row.names).toBe(['Xavier', 'Outlet One', 'Ada'].join(NAME_BREAK));
    expect(JSON.parse(row.facets)).toEqual({ h: 0, d: '2024-01-05', o: 'o1', a: ['x'], s: 'a' });
    const hit = JSON.parse(row.hit) as Record<string, unknown>;
    expect(hit).not.toHaveProperty('title');
    expect(hit).not.toHaveProperty('body');
    expect(hit.byline).toBe('Ada');
  });

  it('lists a text’s symbol names for the units index', () => {
    expect(unitsOf({ title: 'AT&T and S&P', body: '', names: 'nytimes.com' })).toBe(
      'at&t s&p nytimes.com',
    );
    expect(unitsOf({ title: 'Plain words', body: 'version 3.5', names: '' })).toBe('');
  });
});
