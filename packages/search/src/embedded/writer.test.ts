import { describe, expect, it } from 'vitest';
import { docRow } from './tables.ts';
import { doc, memoryTables } from './test-docs.ts';
import { Writer } from './writer.ts';

function setup() {
  const { db, t } = memoryTables();
  const w = new Writer(db, t);
  const match = (table: string, expr: string) =>
    db
      .prepare(`SELECT rowid FROM ${table} WHERE ${table} MATCH ? ORDER BY rowid`)
      .pluck()
      .all(expr);
  const count = (table: string) => db.prepare(`SELECT count(*) FROM ${table}`).pluck().get();
  return { db, t, w, match, count };
}

describe('Writer', () => {
  it('inserts a document into the documents table and every index', () => {
    const { t, w, match, count } = setup();
    const rowid = w.put(docRow(doc({ id: 'a', title: 'Ceasefire in Cairo', body: 'S&P fell.' })));
    expect(rowid).toBe(1);
    expect(count(t.docs)).toBe(1);
    expect(match(t.fts, 'ceasefire')).toEqual([1]);
    expect(match(t.titles, 'cairo')).toEqual([1]);
    expect(match(t.units, '"s&p"')).toEqual([1]);
  });

  it('updates in place and keeps the indexes in step; an unchanged document costs nothing', () => {
    const { t, w, match, count } = setup();
    const a = doc({ id: 'a', title: 'Ceasefire in Cairo', body: 'S&P fell.' });
    w.put(docRow(a));
    w.put(docRow(doc({ id: 'b', title: 'Other', body: 'Words' })));
    expect(w.put(docRow(a))).toBeNull();
    expect(w.put(docRow({ ...a, title: 'Truce in Doha', body: 'AT&T rose.' }))).toBe(1);
    expect(count(t.docs)).toBe(2);
    expect(match(t.fts, 'ceasefire')).toEqual([]);
    expect(match(t.fts, 'truce')).toEqual([1]);
    expect(match(t.titles, 'cairo')).toEqual([]);
    expect(match(t.titles, 'doha')).toEqual([1]);
    expect(match(t.units, '"s&p"')).toEqual([]);
    expect(match(t.units, '"at&t"')).toEqual([1]);
    // Facets only: the row changes, the text indexes stay.
    expect(
      w.put(docRow({ ...a, title: 'Truce in Doha', body: 'AT&T rose.', status: 'hidden' })),
    ).toBe(1);
    expect(match(t.fts, 'truce')).toEqual([1]);
  });

  it('drops a document from every index, and says when it was not there', () => {
    const { t, w, match, count } = setup();
    w.put(docRow(doc({ id: 'a', title: 'Ceasefire', body: 'C++ news' })));
    expect(w.drop('a')).toBe(1);
    expect(w.drop('a')).toBeNull();
    expect(count(t.docs)).toBe(0);
    expect(match(t.fts, 'ceasefire')).toEqual([]);
    expect(match(t.titles, 'ceasefire')).toEqual([]);
    expect(match(t.units, '"c++"')).toEqual([]);
  });

  it('records outlet and actor names, the latest spelling winning', () => {
    const { db, t, w } = setup();
    const names = () =>
      db.prepare(`SELECT kind, id, name, type FROM ${t.names} ORDER BY kind, id`).raw().all();
    w.names(
      doc({
        id: 'a',
        title: 'T',
        body: 'B',
        outlet: { id: 'o1', name: 'Outlet' },
        actors: [{ id: 'x', name: 'X', type: 'person' }],
      }),
    );
    // Another writer (another process) spells the outlet anew.
    new Writer(db, t).names(
      doc({ id: 'b', title: 'T', body: 'B', outlet: { id: 'o1', name: 'The Outlet' } }),
    );
    expect(names()).toEqual([
      ['a', 'x', 'X', 'person'],
      ['o', 'o1', 'The Outlet', null],
    ]);
  });
});
