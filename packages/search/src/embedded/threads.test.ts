import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { DomainError, SearchRequest, type SearchDocument } from '@newsarchive/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmbeddedEngine } from './engine.ts';
import { withSearchThreads, type ThreadedEngine } from './threads.ts';

const doc = (id: string, title: string): SearchDocument => ({
  id,
  url: `https://news.example.org/${id}`,
  title,
  body: `${title}. The council met on Tuesday.`,
  outlet: { id: 'example-news', name: 'Example News' },
  byline: null,
  publishedAt: '2024-05-01',
  actors: [],
  storyId: id,
  storySize: 1,
  storyOutlets: 1,
  copyId: 'cp_fixture',
  copies: 1,
  status: 'visible',
  hiddenReason: null,
  collections: [],
});

let dir: string;
let db: Database.Database;
let engine: ThreadedEngine;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'search-threads-'));
  const path = join(dir, 'archive.db');
  db = new Database(path);
  db.pragma('journal_mode = WAL');
  engine = withSearchThreads(createEmbeddedEngine({ db }), { path, threads: 2 });
});
afterAll(async () => {
  await engine.close();
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('search threads', () => {
  it('see every write made in-process, on every thread', async () => {
    await engine.index([doc('a', 'Harbour strike ends')]);
    // Four searches at once spread over both threads: each must see the document.
    const first = await Promise.all(
      Array.from({ length: 4 }, () => engine.search(SearchRequest.parse({ q: 'harbour' }))),
    );
    for (const r of first) expect(r.hits.map((h) => h.id)).toEqual(['a']);
    await engine.remove(['a']);
    const after = await Promise.all(
      Array.from({ length: 4 }, () => engine.search(SearchRequest.parse({ q: 'harbour' }))),
    );
    for (const r of after) expect(r.totalHits).toBe(0);
  });

  it('serialise on the thread: searchJson is the same answer as search', async () => {
    await engine.index([doc('b', 'Council budget vote')]);
    const request = SearchRequest.parse({ q: 'council' });
    const [object, bytes] = [await engine.search(request), await engine.searchJson(request)];
    const text = new TextDecoder().decode(bytes);
    expect({ ...JSON.parse(text), processingTimeMs: 0 }).toEqual({
      ...object,
      processingTimeMs: 0,
    });
    expect(await engine.healthy()).toBe(true);
  });

  it('fill given-back buffers again without stale bytes from a longer answer', async () => {
    await engine.index(
      Array.from({ length: 12 }, (_, i) => doc(`r${i}`, `Rail timetable change ${i}`)),
    );
    const long = SearchRequest.parse({ q: 'rail' });
    const short = SearchRequest.parse({ q: 'nothing-matches-this' });
    const decode = (bytes: Uint8Array) => {
      const answer = JSON.parse(new TextDecoder().decode(bytes)) as { hits: { id: string }[] };
      return answer.hits.map((h) => h.id).sort();
    };
    const expected = (await engine.search(long)).hits.map((h) => h.id).sort();
    expect(expected).toHaveLength(12);
    for (let round = 0; round < 3; round++) {
      // Many at once, long and short answers mixed, every buffer given back as soon as read:
      // each answer must still be exactly its own.
      const answers = await Promise.all(
        Array.from({ length: 8 }, (_, i) => engine.searchJson(i % 2 ? short : long)),
      );
      answers.forEach((bytes, i) => {
        expect(decode(bytes)).toEqual(i % 2 ? [] : expected);
        engine.recycle(bytes);
        // Moved back to a search thread: this side can no longer read or change it.
        expect(bytes.byteLength).toBe(0);
      });
    }
    engine.recycle(new Uint8Array(0));
  });

  it('turn an archive they cannot open into engine_unavailable, not a hang or a crash', async () => {
    const broken = withSearchThreads(createEmbeddedEngine({ db }), {
      path: join(dir, 'missing', 'archive.db'),
      threads: 1,
    });
    const err = await broken.search(SearchRequest.parse({ q: 'council' })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DomainError);
    expect((err as DomainError).code).toBe('engine_unavailable');
    expect(await broken.healthy()).toBe(false);
    await broken.close();
  });

  it('refuse searches once closed', async () => {
    const other = withSearchThreads(createEmbeddedEngine({ db }), {
      path: join(dir, 'archive.db'),
      threads: 1,
    });
    await other.close();
    const err = await other.search(SearchRequest.parse({ q: 'council' })).catch((e: unknown) => e);
    expect((err as DomainError).code).toBe('engine_unavailable');
  });
});
