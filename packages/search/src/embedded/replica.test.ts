import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { Reader } from './reader.ts';
import { catchUp, ChangeLog, loadVocabulary, saveVocabulary } from './replica.ts';
import { loadFacetStore } from './store.ts';
import { createTables, docRow, tablesOf } from './tables.ts';
import { doc, memoryTables } from './test-docs.ts';
import { Writer } from './writer.ts';

describe('ChangeLog', () => {
  it('lists each document changed after a version once, and forgets pruned writes', () => {
    const db = new Database(':memory:');
    const log = new ChangeLog(db, 'search');
    new ChangeLog(db, 'search'); // a second process opening the same file
    log.log(1, 10);
    log.log(2, 11);
    log.log(3, 10);
    expect(log.changedSince(0).sort()).toEqual([10, 11]);
    expect(log.changedSince(2)).toEqual([10]);
    log.prune(2);
    expect(log.changedSince(0)).toEqual([10]);
    log.clear();
    expect(log.changedSince(0)).toEqual([]);
  });
});

describe('typo vocabulary', () => {
  it('loads the saved snapshot plus the words of documents written since', () => {
    const { db, t } = memoryTables();
    const w = new Writer(db, t);
    const log = new ChangeLog(db, 'search');
    w.put(docRow(doc({ id: 'a', title: 'Ceasefire talks', body: 'in Cairo' })));
    saveVocabulary(db, t, 1);
    const rowid = w.put(docRow(doc({ id: 'b', title: 'Referendum', body: 'in Doha' })))!;
    log.log(2, rowid);
    const store = loadFacetStore(db, t.docs, t.names);
    loadVocabulary(db, store, t, 2, log, 0);
    expect(store.vocabulary.count('ceasefire')).toBe(1);
    expect(store.vocabulary.count('referendum')).toBeGreaterThan(0);
    expect(store.typoCandidates('referendun')).toContain('referendum');
  });

  it('saves a fresh snapshot when there is none, or the change log no longer reaches it', () => {
    const { db, t } = memoryTables();
    const w = new Writer(db, t);
    const log = new ChangeLog(db, 'search');
    w.put(docRow(doc({ id: 'a', title: 'Ceasefire', body: 'talks' })));
    const snapshot = () => db.prepare(`SELECT version FROM ${t.words}`).pluck().all();
    loadVocabulary(db, loadFacetStore(db, t.docs, t.names), t, 3, log, 0);
    expect(snapshot()).toEqual([3]);
    w.put(docRow(doc({ id: 'b', title: 'Referendum', body: 'vote' })));
    const store = loadFacetStore(db, t.docs, t.names);
    loadVocabulary(db, store, t, 9, log, 5);
    expect(snapshot()).toEqual([9]);
    expect(store.vocabulary.count('referendum')).toBe(1);
  });
});

describe('catchUp', () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = undefined;
  });

  /** Two connections to one archive file: a searching one and a writing one. */
  function twoConnections() {
    dir = mkdtempSync(join(tmpdir(), 'search-replica-'));
    const path = join(dir, 'archive.db');
    const a = new Database(path);
    a.pragma('journal_mode = WAL');
    const t = tablesOf('search', 1);
    createTables(a, t);
    const b = new Database(path);
    const writer = new Writer(b, t);
    const log = new ChangeLog(b, 'search');
    writer.put(docRow(doc({ id: 'old', title: 'Ceasefire talks', body: 'in Cairo' })));
    const store = loadFacetStore(a, t.docs, t.names);
    loadVocabulary(a, store, t, 1, new ChangeLog(a, 'search'), 0);
    const reader = new Reader(a, t, store, 1, 1 << 20);
    return { a, b, t, writer, log, reader, changes: new ChangeLog(a, 'search') };
  }

  it('takes in another connection’s writes: facets, names and new words', () => {
    const { a, b, writer, log, reader, changes } = twoConnections();
    const added = doc({
      id: 'new',
      title: 'Referendum in Doha',
      body: 'Voters turned out.',
      outlet: { id: 'gulf', name: 'Gulf Times' },
      actors: [{ id: 'un', name: 'United Nations', type: 'organization' }],
      publishedAt: '2024-03-01',
    });
    const rowid = writer.put(docRow(added))!;
    writer.names(added);
    log.log(2, rowid);
    log.log(2, writer.drop('old')!);
    reader.exprSet('"ceasefire"', 'all');
    expect(catchUp(reader, 2, changes, 0)).toBe(true);
    expect(reader.version).toBe(2);
    expect(reader.store.count).toBe(1);
    expect(reader.store.outlets).toContainEqual({ id: 'gulf', name: 'Gulf Times' });
    expect(reader.store.actors).toContainEqual({
      id: 'un',
      name: 'United Nations',
      type: 'organization',
    });
    expect(reader.store.vocabulary.count('referendum')).toBeGreaterThan(0);
    // The typo reading of a word only the other connection wrote.
    expect(reader.plan('referendun', false).suggestion).toBe('referendum');
    const matched = reader.match(reader.plan('referendum', false))!;
    expect(matched.count).toBe(1);
    a.close();
    b.close();
  });

  it('asks for a reload when the change log no longer reaches back to the reader', () => {
    const { a, b, reader, changes } = twoConnections();
    expect(catchUp(reader, 7, changes, 5)).toBe(false);
    expect(catchUp(reader, 0, changes, 0)).toBe(false);
    expect(reader.version).toBe(1);
    a.close();
    b.close();
  });
});
