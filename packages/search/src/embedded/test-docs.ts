import Database from 'better-sqlite3';
import type { SearchDocument } from '@newsarchive/core';
import { createTables, tablesOf, type Tables } from './tables.ts';

/** A search document with every field the tests do not care about filled in. */
export function doc(
  d: Partial<SearchDocument> & Pick<SearchDocument, 'id' | 'title' | 'body'>,
): SearchDocument {
  return {
    url: null,
    outlet: null,
    byline: null,
    publishedAt: null,
    actors: [],
    storyId: d.id,
    storySize: 1,
    status: 'visible',
    hiddenReason: null,
    collections: [],
    ...d,
  };
}

/** A fresh in-memory database holding generation 1 of the engine's tables. */
export function memoryTables(): { db: Database.Database; t: Tables } {
  const db = new Database(':memory:');
  const t = tablesOf('search', 1);
  createTables(db, t);
  return { db, t };
}
