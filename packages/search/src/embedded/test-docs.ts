import Database from 'better-sqlite3';
import type { SearchDocument } from '@newsarchive/core';
import { Reader } from './reader.ts';
import { loadFacetStore } from './store.ts';
import { createTables, docRow, tablesOf, textOf, type Tables } from './tables.ts';
import { Writer } from './writer.ts';

export { searchDocument as doc } from '../contract/fixtures.ts';

/** A fresh in-memory database holding generation 1 of the engine's tables. */
export function memoryTables(): { db: Database.Database; t: Tables } {
  const db = new Database(':memory:');
  const t = tablesOf('search', 1);
  createTables(db, t);
  return { db, t };
}

/** An in-memory generation holding `docs`, and a Reader over it with a loaded facet store. */
export function readerOver(docs: SearchDocument[], cacheBytes = 1 << 20) {
  const { db, t } = memoryTables();
  const w = new Writer(db, t);
  for (const d of docs) {
    w.put(docRow(d));
    w.names(d);
  }
  const store = loadFacetStore(db, t.docs, t.names);
  for (const d of docs) store.learnWords(textOf(docRow(d)));
  return { db, t, w, reader: new Reader(db, t, store, 1, cacheBytes) };
}
