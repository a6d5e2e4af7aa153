import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openArchive } from '@newsarchive/archive';
import { SearchRequest, type ExtractedArticle } from '@newsarchive/core';
import { createEngine } from '@newsarchive/search';

const root = resolve(import.meta.dirname, '..', '..');
let dir: string;
let db: string;

function article(n: number): ExtractedArticle {
  return {
    id: `reindex-${n}`,
    url: `https://example.org/reindex-${n}`,
    title: `Lighthouse keeper log ${n}`,
    titleDerived: false,
    body: `The lighthouse keeper wrote entry ${n} about the storm.`,
    outlet: { id: 'coast-gazette', name: 'Coast Gazette' },
    byline: null,
    publishedAt: '2024-05-01',
    actors: [],
    collections: [],
    source: { format: 'json', origin: 'test', line: n },
    fingerprint: { contentHash: `reindex-hash-${n}`, minhash: [] },
  };
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'reindex-cli-'));
  db = join(dir, 'archive.db');
  const archive = openArchive({ path: db });
  archive.upsertArticles(Array.from({ length: 25 }, (_, i) => article(i + 1)));
  archive.close();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function reindex(...args: string[]) {
  const r = spawnSync(
    process.execPath,
    ['--import', 'tsx', join(root, 'scripts', 'src', 'reindex.ts'), ...args],
    {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, ARCHIVE_DB: db, SEARCH_ENGINE: 'embedded', MEILI_URL: '' },
      timeout: 60_000,
    },
  );
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('npm run reindex', () => {
  it('rebuilds the embedded index from the archive and clears the outbox', async () => {
    const r = reindex('--batch-size', '10', '--compact');
    expect(r.stderr).toContain('25 articles indexed');
    expect(r.stderr).toMatch(/archive file \d+ MiB -> \d+ MiB/);
    expect(r.code).toBe(0);
    const archive = openArchive({ path: db });
    try {
      expect(archive.pendingIndexOps()).toBe(0);
      const engine = await createEngine({
        engine: 'embedded',
        meiliIndex: 'articles',
        db: archive.db,
      });
      const res = await engine.search(SearchRequest.parse({ q: 'lighthouse' }));
      expect(res.totalHits).toBe(25);
      // Twice is the same as once.
      expect(reindex().code).toBe(0);
      expect((await engine.search(SearchRequest.parse({ q: 'lighthouse' }))).totalHits).toBe(25);
    } finally {
      archive.close();
    }
  });

  it('prints help and rejects bad options with exit code 2', () => {
    const help = reindex('--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('zero downtime');
    const bad = reindex('--batch-size', 'lots');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--batch-size');
    expect(reindex('--nope').code).toBe(2);
  });
});
