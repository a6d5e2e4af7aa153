import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { SearchRequest } from '@newsarchive/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { contractDocuments } from '../contract/fixtures.ts';
import { createEmbeddedEngine } from './engine.ts';

describe('embedded engine in the archive file', () => {
  let dir: string;
  let path: string;
  const open: Database.Database[] = [];
  const connect = () => {
    const db = new Database(path);
    db.pragma('journal_mode = WAL');
    open.push(db);
    return db;
  };
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'search-embedded-'));
    path = join(dir, 'archive.db');
  });
  afterEach(() => {
    for (const db of open.splice(0)) db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('creates its tables once and leaves other tables alone', async () => {
    const db = connect();
    db.exec('CREATE TABLE articles (id TEXT PRIMARY KEY)');
    const a = createEmbeddedEngine({ db });
    await a.index(contractDocuments());
    const b = createEmbeddedEngine({ db });
    expect((await b.stats()).documents).toBe(contractDocuments().length);
    const tables = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'search_%'")
      .pluck()
      .all();
    expect(tables).toEqual(['articles']);
  });

  it('starts empty, without stale tables, when the stored layout is of another release', async () => {
    const db = connect();
    await createEmbeddedEngine({ db }).index(contractDocuments());
    db.prepare("UPDATE search_meta SET value = 1 WHERE key = 'schema'").run();
    const fresh = createEmbeddedEngine({ db });
    expect((await fresh.stats()).documents).toBe(0);
    const docsTables = db
      .prepare("SELECT name FROM sqlite_master WHERE name LIKE 'search_docs_%'")
      .pluck()
      .all();
    expect(docsTables).toHaveLength(1);
    await fresh.index(contractDocuments());
    expect((await fresh.search(SearchRequest.parse({ q: 'ceasefire' }))).totalHits).toBe(4);
  });

  it('sees writes made through another connection (another process)', async () => {
    const reader = createEmbeddedEngine({ db: connect() });
    const writer = createEmbeddedEngine({ db: connect() });
    expect((await reader.search(SearchRequest.parse({ q: 'ceasefire' }))).totalHits).toBe(0);
    await writer.index(contractDocuments());
    expect((await reader.search(SearchRequest.parse({ q: 'ceasefire' }))).totalHits).toBe(4);
    await writer.remove(['cairo-talks']);
    expect((await reader.search(SearchRequest.parse({ q: 'ceasefire' }))).totalHits).toBe(3);
    // A typo needs the other connection's new words too.
    await writer.index([
      { ...contractDocuments()[0]!, id: 'zep', title: 'Zeppelins over the harbour' },
    ]);
    expect(
      (await reader.search(SearchRequest.parse({ q: 'zepelins ' }))).hits.map((h) => h.id),
    ).toEqual(['zep']);
  });

  it('swaps in a rebuild made by another connection and drops the old tables', async () => {
    const db = connect();
    const reader = createEmbeddedEngine({ db });
    await reader.index(contractDocuments());
    const before = db
      .prepare("SELECT count(*) FROM sqlite_master WHERE name LIKE 'search_%'")
      .pluck()
      .get();
    const rebuilder = createEmbeddedEngine({ db: connect() });
    await rebuilder.rebuild([contractDocuments().slice(0, 3)]);
    expect((await reader.stats()).documents).toBe(3);
    expect((await reader.search(SearchRequest.parse({ q: '' }))).totalHits).toBe(3);
    expect(
      db.prepare("SELECT count(*) FROM sqlite_master WHERE name LIKE 'search_%'").pluck().get(),
    ).toBe(before);
  });

  it('sends writes made during a rebuild in another process to both generations', async () => {
    const api = createEmbeddedEngine({ db: connect() });
    await api.index(contractDocuments());
    const rebuilder = createEmbeddedEngine({ db: connect() });
    const docs = contractDocuments();
    async function* slowly() {
      yield docs.slice(0, 10);
      // Meanwhile the API drains the outbox: one new article, one removal.
      await api.index([{ ...docs[0]!, id: 'late-arrival', title: 'Late arrival of the zeppelin' }]);
      await api.remove(['weather-12']);
      yield docs.slice(10);
    }
    await rebuilder.rebuild(slowly());
    expect(
      (await api.search(SearchRequest.parse({ q: 'zeppelin' }))).hits.map((h) => h.id),
    ).toEqual(['late-arrival']);
    // The rebuild's own later batch brings weather-12 back: it read the archive before the removal.
    expect((await api.stats()).documents).toBe(docs.length + 1);
  });

  it('gives the old generation back to the file system after a rebuild', async () => {
    // As an archive opens its file: incremental auto-vacuum, set before WAL and any table.
    const db = new Database(path);
    open.push(db);
    db.pragma('auto_vacuum = INCREMENTAL');
    db.pragma('journal_mode = WAL');
    expect(db.pragma('auto_vacuum', { simple: true })).toBe(2);
    const engine = createEmbeddedEngine({ db });
    const paragraph = 'The harbour authority met the dockers union about the ferry timetable. ';
    const docs = Array.from({ length: 400 }, (_, i) => ({
      ...contractDocuments()[i % contractDocuments().length]!,
      id: `long-${i}`,
      body: `${paragraph.repeat(40)} Entry ${i}.`,
    }));
    await engine.index(docs);
    const pages = () => db.pragma('page_count', { simple: true }) as number;
    const oneIndex = pages();
    const timetable = async () =>
      (await engine.search(SearchRequest.parse({ q: 'timetable' }))).totalHits;
    const found = await timetable();
    expect(found).toBeGreaterThan(300);
    await engine.rebuild([docs.slice(0, 200), docs.slice(200)]);
    expect(db.pragma('freelist_count', { simple: true })).toBe(0);
    // Without giving pages back the file holds both generations (about twice the pages).
    expect(pages()).toBeLessThan(oneIndex * 1.3);
    expect(await timetable()).toBe(found);
  });

  it('keeps the old index when a rebuild fails', async () => {
    const engine = createEmbeddedEngine({ db: connect() });
    await engine.index(contractDocuments());
    function* broken() {
      yield contractDocuments().slice(0, 2);
      throw new Error('the archive went away');
    }
    await expect(engine.rebuild(broken())).rejects.toThrow('the archive went away');
    expect((await engine.stats()).documents).toBe(contractDocuments().length);
    expect((await engine.search(SearchRequest.parse({ q: 'ceasefire' }))).totalHits).toBe(4);
  });
});
