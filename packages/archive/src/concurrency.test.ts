import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Curator, ExtractedArticle } from '@newsarchive/core';
import { openArchive } from './archive.ts';
import type { Archive } from './types.ts';

// Another process (an ingest command beside the server) holding the write lock must make this
// one's writes wait, not fail with "database is locked".

const librarian: Curator = { tokenId: 'tok_1', name: 'Ada', role: 'librarian' };

function article(id: string): ExtractedArticle {
  return {
    id,
    url: `https://example.org/${id}`,
    title: `Talks resume ${id}`,
    titleDerived: false,
    body: 'Negotiators met in Cairo on Monday.',
    outlet: { id: 'example-news', name: 'Example News' },
    byline: null,
    publishedAt: '2024-08-12',
    actors: [{ name: 'Egypt', type: 'state', id: 'egypt' }],
    collections: [],
    source: { format: 'txt', origin: `${id}.txt`, line: null },
    fingerprint: { contentHash: `h-${id}`, minhash: [] },
  };
}

/**
 * A second process takes the archive's write lock, writes, and holds it for `ms` before
 * committing. Resolves once the lock is held; `done` resolves when the process has ended.
 */
async function holdWriteLock(path: string, ms: number) {
  const script = `
    const Database = require('better-sqlite3');
    const db = new Database(${JSON.stringify(path)});
    db.exec('BEGIN IMMEDIATE');
    db.prepare("INSERT INTO ingest_runs (started_at) VALUES ('2024-01-01')").run();
    process.stdout.write('locked\\n');
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ${ms});
    db.exec('COMMIT');
    db.close();`;
  const child = spawn(process.execPath, ['-e', script], {
    cwd: import.meta.dirname,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const done = new Promise<number | null>((resolve) => child.on('close', resolve));
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => d.toString().includes('locked') && resolve());
    void done.then(() => reject(new Error(`the lock holder ended early: ${stderr}`)));
  });
  return { done };
}

let dir: string;
let path: string;
let archive: Archive;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'archive-lock-test-'));
  path = join(dir, 'archive.db');
  archive = openArchive({ path });
  archive.upsertArticles([article('a0')]);
});
afterEach(() => {
  archive.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('writes while another process holds the write lock', () => {
  it('an ingest batch waits for the lock and is stored', async () => {
    const lock = await holdWriteLock(path, 1000);
    expect(archive.upsertArticles([article('a1'), article('a2')]).map((r) => r.outcome)).toEqual([
      'new',
      'new',
    ]);
    expect(await lock.done).toBe(0);
    expect(archive.countArticles()).toBe(3);
  });

  it("a librarian's correction waits for the lock and is applied", async () => {
    const lock = await holdWriteLock(path, 1000);
    expect(archive.patchArticle('a0', { title: 'Corrected' }, librarian).title).toBe('Corrected');
    expect(await lock.done).toBe(0);
  });

  it('an actor change waits for the lock and is applied', async () => {
    const lock = await holdWriteLock(path, 1000);
    expect(
      archive.actors.update('egypt', { addAliases: ['Arab Republic of Egypt'] }, librarian),
    ).toMatchObject({ id: 'egypt' });
    expect(await lock.done).toBe(0);
  });

  it('fails with "database is locked" only after its busy timeout', async () => {
    const impatient = openArchive({ path, busyTimeoutMs: 50 });
    try {
      const lock = await holdWriteLock(path, 3000);
      expect(() => impatient.upsertArticles([article('a3')])).toThrow(/database is locked/);
      expect(await lock.done).toBe(0);
      expect(impatient.getArticle('a3')).toBeNull();
    } finally {
      impatient.close();
    }
  });
});
