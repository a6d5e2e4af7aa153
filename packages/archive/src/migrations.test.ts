import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import DatabaseConstructor from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ExtractedArticle } from '@newsarchive/core';
import { openArchive } from './archive.ts';
import { migrations } from './migrations.ts';
import { bandKeys, NUM_HASHES } from './copies.ts';

const base = Array.from({ length: NUM_HASHES }, (_, i) => (i * 2246822519 + 374761393) >>> 0);
const other = base.map((v) => (v ^ 0x5bd1e995) >>> 0);

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'migrations-test-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** An archive file as release 3 left it: text band keys, articles without story_ref. */
function version3Archive(path: string): void {
  const db = new DatabaseConstructor(path);
  for (const m of migrations.filter((x) => x.version <= 3)) db.exec(m.sql);
  db.pragma('user_version = 3');
  const insert = db.prepare(
    `INSERT INTO articles (id, title, body, story_id, format, origin, content_hash, minhash,
       ingested_at, updated_at, published_at)
     VALUES (?, ?, 'Body.', ?, 'txt', ?, ?, ?, '2024-08-18T00:00:00Z', '2024-08-18T00:00:00Z',
       '2024-08-18')`,
  );
  insert.run(
    'wire',
    'Wire',
    'wire',
    'wire.txt',
    'h-wire',
    Buffer.from(new Uint32Array(base).buffer),
  );
  // Signatures from before uint32 storage were float64s: both must convert.
  insert.run(
    'other',
    'Other',
    'other',
    'other.txt',
    'h-other',
    Buffer.from(new Float64Array(other).buffer),
  );
  insert.run('short', 'Short', 'short', 'short.txt', 'h-short', null);
  const band = db.prepare('INSERT INTO story_bands (band_key, article_id) VALUES (?, ?)');
  band.run('0:abc', 'wire');
  band.run('0:def', 'other');
  db.close();
}

function article(id: string, minhash: number[]): ExtractedArticle {
  return {
    id,
    url: null,
    title: `Article ${id}`,
    titleDerived: false,
    body: `Body of ${id}.`,
    outlet: null,
    byline: null,
    publishedAt: '2024-08-19',
    actors: [],
    collections: [],
    source: { format: 'txt', origin: `${id}.txt`, line: null },
    fingerprint: { contentHash: `h-${id}`, minhash },
  };
}

describe('migration 4: integer story bands', () => {
  it("recomputes an existing archive's bands from the stored signatures", () => {
    const path = join(dir, 'archive.db');
    version3Archive(path);
    const archive = openArchive({ path });
    try {
      const db = archive.db;
      expect(db.pragma('user_version', { simple: true })).toBe(migrations.at(-1)!.version);
      const refs = db.prepare('SELECT id, story_ref FROM articles ORDER BY story_ref').all() as {
        id: string;
        story_ref: number;
      }[];
      expect(refs.map((r) => r.id)).toEqual(['wire', 'other', 'short']);
      expect(new Set(refs.map((r) => r.story_ref)).size).toBe(3);
      const bandsOf = (id: string) =>
        db
          .prepare(
            `SELECT band_key FROM story_bands
             WHERE article_ref = (SELECT story_ref FROM articles WHERE id = ?) ORDER BY band_key`,
          )
          .pluck()
          .all(id);
      expect(bandsOf('wire')).toEqual(bandKeys(base));
      expect(bandsOf('other')).toEqual(bandKeys(other));
      expect(bandsOf('short')).toEqual([]);
      expect(db.prepare('SELECT count(*) FROM story_bands').pluck().get()).toBe(170);

      // The converted bands are found: a copy of the old wire story joins it, a new article
      // gets the next ref.
      expect(archive.upsertArticles([article('copy', base)])[0]!.outcome).toBe('new');
      expect(archive.getArticle('copy')!.storyId).toBe(archive.getArticle('wire')!.storyId);
      expect(db.prepare("SELECT story_ref FROM articles WHERE id = 'copy'").pluck().get()).toBe(
        Math.max(...refs.map((r) => r.story_ref)) + 1,
      );
    } finally {
      archive.close();
    }
  });
});

describe('migration 7: story ids that name no article', () => {
  it("renames every story whose id is an article's id and queues every article for the engine", () => {
    const path = join(dir, 'archive.db');
    version3Archive(path);
    const archive = openArchive({ path });
    try {
      const ids = ['wire', 'other', 'short'];
      const stories = ids.map((id) => archive.getArticle(id)!.storyId);
      for (const s of stories) expect(s).toMatch(/^st_[0-9a-f]{16}$/);
      expect(new Set(stories).size).toBe(3);
      expect(
        archive.db.prepare('SELECT article_id FROM outbox ORDER BY article_id').pluck().all(),
      ).toEqual(['other', 'short', 'wire']);
    } finally {
      archive.close();
    }
  });
});

/** Opens the archive in a child process (as the API and a command would at the same time). */
function openInChild(path: string): Promise<{ code: number | null; stderr: string }> {
  const archiveModule = resolve(import.meta.dirname, 'archive.ts');
  const script = `import { openArchive } from ${JSON.stringify(archiveModule)}; openArchive({ path: ${JSON.stringify(path)} }).close();`;
  return new Promise((done) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', '--input-type=module', '-e', script],
      {
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    );
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => done({ code, stderr }));
  });
}

describe('migrating one file from two processes at once', () => {
  it('runs each migration once; the second process waits and finds it done', async () => {
    const path = join(dir, 'archive.db');
    version3Archive(path);
    // Enough signatures that migration 4 takes a while, so the two openings overlap.
    const db = new DatabaseConstructor(path);
    db.pragma('journal_mode = WAL');
    const insert = db.prepare(
      `INSERT INTO articles (id, title, body, story_id, format, origin, content_hash, minhash,
         ingested_at, updated_at)
       VALUES (?, 'T', 'Body.', ?, 'txt', 'x.txt', ?, ?, '2024-08-18T00:00:00Z', '2024-08-18T00:00:00Z')`,
    );
    db.transaction(() => {
      for (let i = 0; i < 8000; i++) {
        const sig = base.map((v) => (v ^ Math.imul(i + 1, 2654435761)) >>> 0);
        insert.run(`a${i}`, `a${i}`, `h${i}`, Buffer.from(new Uint32Array(sig).buffer));
      }
    })();
    db.close();

    const results = await Promise.all([openInChild(path), openInChild(path)]);
    for (const r of results) expect(r.code, r.stderr).toBe(0);
    const archive = openArchive({ path });
    try {
      expect(archive.db.pragma('user_version', { simple: true })).toBe(migrations.at(-1)!.version);
      expect(archive.db.prepare('SELECT count(*) FROM story_bands').pluck().get()).toBe(
        (8000 + 2) * 85,
      );
    } finally {
      archive.close();
    }
  }, 60_000);
});

describe('migration 5: articles by status', () => {
  it('lets the health check count visible articles without reading them', () => {
    const archive = openArchive({ path: join(dir, 'archive.db') });
    try {
      const plan = archive.db
        .prepare("EXPLAIN QUERY PLAN SELECT count(*) FROM articles WHERE status = 'visible'")
        .all() as { detail: string }[];
      expect(plan.map((p) => p.detail).join(' ')).toMatch(/USING COVERING INDEX articles_status/);
    } finally {
      archive.close();
    }
  });
});

describe('migration 8: articles by story and status', () => {
  it("finds a story's visible versions and counts them with a seek, not a walk of the visible rows", () => {
    const archive = openArchive({ path: join(dir, 'archive.db') });
    try {
      const plan = (sql: string) =>
        (archive.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all('st_x') as { detail: string }[])
          .map((p) => p.detail)
          .join(' ');
      const versions = plan(
        "SELECT a.id, a.title FROM articles a LEFT JOIN outlets o ON o.id = a.outlet_id WHERE a.story_id = ? AND a.status = 'visible'",
      );
      expect(versions).toMatch(
        /SEARCH a USING INDEX articles_story_status \(story_id=\? AND status=\?\)/,
      );
      const sizes = plan(
        "SELECT story_id, count(*) FROM articles WHERE status = 'visible' AND story_id IN (SELECT value FROM json_each(json_array(?))) GROUP BY story_id",
      );
      expect(sizes).toMatch(/USING COVERING INDEX articles_story_status/);
      expect(plan('SELECT id FROM articles WHERE story_id = ?')).toMatch(/articles_story_status/);
    } finally {
      archive.close();
    }
  });
});
