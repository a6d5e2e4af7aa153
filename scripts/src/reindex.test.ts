import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openArchive } from '@newsarchive/archive';
import { SearchRequest, type ExtractedArticle } from '@newsarchive/core';
import { createEngine } from '@newsarchive/search';
import { inProcess } from './in-process.ts';
import { main } from './reindex.ts';

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

function bridge(outlet: string, title: string): ExtractedArticle {
  return {
    ...article(0),
    id: `bridge-${outlet}`,
    url: `https://${outlet}.example/bridge`,
    outlet: { id: outlet, name: outlet },
    title,
    body: `Mayor Elena Voss closed the Tamsin Reef Bridge on Monday after inspectors found a 40-centimetre crack in a girder of the main span. About 38,000 vehicles cross it each day.`,
    publishedAt: '2024-03-11',
    fingerprint: { contentHash: `bridge-${outlet}`, minhash: [] },
  };
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'reindex-cli-'));
  db = join(dir, 'archive.db');
  const archive = openArchive({ path: db });
  archive.upsertArticles(Array.from({ length: 25 }, (_, i) => article(i + 1)));
  // Two outlets' reports of one event, stored as an archive from before coverage profiles.
  archive.upsertArticles([
    bridge('harbour-gazette', 'Tamsin Reef Bridge closed after engineers find crack in main span'),
    bridge('bay-herald', 'Crack in girder shuts Tamsin Reef Bridge; Voss orders inspection'),
  ]);
  archive.close();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The reindex command in this process (see in-process.ts). */
const reindex = (...args: string[]) =>
  inProcess('reindex', main, args, { ARCHIVE_DB: db, SEARCH_ENGINE: 'embedded', MEILI_URL: '' });

/** The reindex command as a user runs it: a real process (the smoke test). */
function reindexProcess(...args: string[]) {
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
    const r = await reindex('--batch-size', '10', '--compact');
    expect(r.stderr).toContain('27 articles profiled for stories');
    expect(r.stderr).toContain('27 articles indexed');
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
      // The two outlets' reports became one story, indexed as such.
      const bridge = await engine.search(SearchRequest.parse({ q: 'bridge' }));
      expect(new Set(bridge.hits.map((h) => h.storyId)).size).toBe(1);
      expect(bridge.hits[0]!.storyOutlets).toBe(2);
      // Twice is the same as once (nothing left to profile).
      const again = await reindex();
      expect(again.code).toBe(0);
      expect(again.stderr).not.toContain('profiled');
      expect((await engine.search(SearchRequest.parse({ q: 'lighthouse' }))).totalHits).toBe(25);
    } finally {
      archive.close();
    }
  });

  it('prints help as a real process, and rejects bad options with exit code 2', async () => {
    const help = reindexProcess('--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('zero downtime');
    const bad = await reindex('--batch-size', 'lots');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--batch-size');
    expect((await reindex('--nope')).code).toBe(2);
  });
});
