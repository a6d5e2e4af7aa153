import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Curator, ExtractedArticle, SearchDocument } from '@newsarchive/core';
import { openArchive } from './archive.ts';
import type { Archive } from './types.ts';

const librarian: Curator = { tokenId: 'tok_1', name: 'Ada', role: 'librarian' };

function article(overrides: Partial<ExtractedArticle> = {}): ExtractedArticle {
  return {
    id: 'a1',
    url: 'https://example.org/a1',
    title: 'Talks resume in Cairo',
    titleDerived: false,
    body: 'Negotiators met in Cairo on Monday.\n\nThey will meet again.',
    outlet: { id: 'example-news', name: 'Example News' },
    byline: 'Jane Roe',
    publishedAt: '2024-08-12',
    actors: [{ name: 'Egypt', type: 'state', id: 'egypt' }],
    collections: [],
    source: { format: 'txt', origin: 'seeds/a1.txt', line: null },
    fingerprint: { contentHash: 'h1', minhash: [1, 2, 3] },
    ...overrides,
  };
}

/** A real in-memory index target that records what the outbox delivered. */
function recordingTarget() {
  const docs = new Map<string, SearchDocument>();
  return {
    docs,
    async index(batch: SearchDocument[]) {
      for (const d of batch) docs.set(d.id, d);
    },
    async remove(ids: string[]) {
      for (const id of ids) docs.delete(id);
    },
  };
}

let dir: string;
let archive: Archive;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'archive-test-'));
  archive = openArchive({ path: join(dir, 'archive.db') });
});
afterEach(() => {
  archive.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('upsertArticles', () => {
  it('stores new articles, reports unchanged on identical re-ingest and writes nothing', () => {
    expect(archive.upsertArticles([article()])).toEqual([{ id: 'a1', outcome: 'new' }]);
    const pending = archive.pendingIndexOps();
    const updatedAt = archive.getArticle('a1')!.updatedAt;
    expect(archive.upsertArticles([article()])).toEqual([{ id: 'a1', outcome: 'unchanged' }]);
    expect(archive.pendingIndexOps()).toBe(pending);
    expect(archive.getArticle('a1')!.updatedAt).toBe(updatedAt);
  });

  it('updates a changed version in place', () => {
    archive.upsertArticles([article()]);
    const result = archive.upsertArticles([
      article({
        title: 'Talks resume in Cairo (updated)',
        fingerprint: { contentHash: 'h2', minhash: [] },
      }),
    ]);
    expect(result[0]!.outcome).toBe('updated');
    expect(archive.getArticle('a1')!.title).toBe('Talks resume in Cairo (updated)');
    expect(archive.countArticles()).toBe(1);
  });

  it('resolves actors into the registry and shows them on the article', () => {
    archive.upsertArticles([article()]);
    expect(archive.getArticle('a1')!.actors).toEqual([
      { id: 'egypt', name: 'Egypt', type: 'state' },
    ]);
    expect(archive.actors.get('egypt')).toMatchObject({ name: 'Egypt', articles: 1 });
  });

  it("replaces an updated article's story bands: the old version's bands are gone", () => {
    const first = Array.from({ length: 256 }, (_, i) => i * 7919);
    const second = Array.from({ length: 256 }, (_, i) => i * 104729 + 1);
    archive.upsertArticles([article({ fingerprint: { contentHash: 'v1', minhash: first } })]);
    archive.upsertArticles([article({ fingerprint: { contentHash: 'v2', minhash: second } })]);
    const bands = archive.db
      .prepare(
        'SELECT count(*) FROM story_bands WHERE article_ref = (SELECT story_ref FROM articles WHERE id = ?)',
      )
      .pluck()
      .get('a1');
    expect(bands).toBe(85);
  });

  it('counts a new collection as an update but keeps the old ones', () => {
    archive.upsertArticles([article({ collections: ['gaza'] })]);
    expect(archive.upsertArticles([article({ collections: ['talks'] })])[0]!.outcome).toBe(
      'updated',
    );
    expect(archive.getArticle('a1')!.collections).toEqual(['gaza', 'talks']);
  });

  it('keeps a press-database envelope as metadata: stored, read back, updated, never indexed', async () => {
    const metadata = {
      section: 'NEWS',
      page: '3',
      language: 'ENGLISH',
      subjects: [{ name: 'PORTS', score: 92 }],
    };
    archive.upsertArticles([article({ metadata })]);
    expect(archive.getArticle('a1')!.metadata).toEqual(metadata);
    expect(archive.upsertArticles([article({ metadata })])[0]!.outcome).toBe('unchanged');
    // A re-export that says more about the same text updates the article.
    const more = { ...metadata, loadDate: 'October 19, 2023' };
    expect(archive.upsertArticles([article({ metadata: more })])[0]!.outcome).toBe('updated');
    expect(archive.getArticle('a1')!.metadata).toEqual(more);
    const target = recordingTarget();
    await archive.drainOutbox(target);
    expect(target.docs.get('a1')).not.toHaveProperty('metadata');
    // An article from any other source has none.
    archive.upsertArticles([article({ id: 'a2', url: 'https://example.org/a2' })]);
    expect(archive.getArticle('a2')).not.toHaveProperty('metadata');
  });
});

describe('librarian overrides', () => {
  it('win over extracted values and survive re-ingest of a changed version', () => {
    archive.upsertArticles([article()]);
    archive.patchArticle(
      'a1',
      { title: 'Ceasefire talks resume', byline: null, outlet: 'Al Example' },
      librarian,
    );
    archive.upsertArticles([
      article({
        title: 'Other title',
        byline: 'Someone',
        fingerprint: { contentHash: 'h3', minhash: [] },
      }),
    ]);
    const a = archive.getArticle('a1')!;
    expect(a.title).toBe('Ceasefire talks resume');
    expect(a.byline).toBeNull();
    expect(a.outlet).toEqual({ id: 'al-example', name: 'Al Example' });
    expect(a.curated.sort()).toEqual(['byline', 'outlet', 'title']);
  });

  it('adds and removes actors as overrides that survive re-ingest', () => {
    archive.upsertArticles([article()]);
    archive.patchArticle(
      'a1',
      { actors: { add: [{ name: 'Qatar', type: 'state' }], remove: ['egypt'] } },
      librarian,
    );
    archive.upsertArticles([article({ fingerprint: { contentHash: 'h4', minhash: [] } })]);
    expect(archive.getArticle('a1')!.actors.map((x) => x.id)).toEqual(['qatar']);
  });

  it('rejects an unknown actor id with a clear error', () => {
    archive.upsertArticles([article()]);
    expect(() =>
      archive.patchArticle('a1', { actors: { add: ['nobody'], remove: [] } }, librarian),
    ).toThrow(/no actor with id nobody/);
  });

  it('hides an article from readers, audits why, and restores it', () => {
    archive.upsertArticles([article()]);
    archive.patchArticle('a1', { status: 'hidden', reason: 'duplicate wire copy' }, librarian);
    expect(archive.getArticle('a1')).toBeNull();
    expect(archive.getArticle('a1', { includeHidden: true })!.hiddenReason).toBe(
      'duplicate wire copy',
    );
    expect(archive.countArticles()).toBe(0);
    expect([...archive.articles()]).toHaveLength(0);
    archive.patchArticle('a1', { status: 'visible' }, librarian);
    expect(archive.getArticle('a1')).not.toBeNull();
    const history = archive.history('article', 'a1');
    expect(history.map((h) => h.action)).toEqual(['article.restore', 'article.hide']);
    expect(history[1]).toMatchObject({
      who: 'Ada',
      reason: 'duplicate wire copy',
      before: { status: 'visible' },
      after: { status: 'hidden' },
    });
  });

  it('keeps an actor named only in a hidden article out of what readers see', () => {
    archive.upsertArticles([article()]);
    archive.patchArticle('a1', { status: 'hidden', reason: 'spam' }, librarian);
    expect(archive.actors.list({ includeHidden: false }).map((a) => a.id)).not.toContain('egypt');
    expect(archive.actors.get('egypt', { includeHidden: false })).toBeNull();
    expect(archive.actors.list().map((a) => a.id)).toContain('egypt');
  });

  it('re-applies an added or removed actor spelling to articles already stored', async () => {
    archive.upsertArticles([
      article({ actors: [{ name: 'Hamas', type: 'group', id: 'hamas' }] }),
      article({
        id: 'b1',
        url: null,
        body: 'Officials of the Islamic Resistance Movement said talks would go on.',
        actors: [],
        fingerprint: { contentHash: 'b1', minhash: [] },
      }),
    ]);
    const target = recordingTarget();
    await archive.drainOutbox(target);
    archive.actors.update('hamas', { addAliases: ['Islamic Resistance Movement'] }, librarian);
    expect(archive.getArticle('b1')!.actors.map((a) => a.id)).toEqual(['hamas']);
    await archive.drainOutbox(target);
    expect(target.docs.get('b1')!.actors.map((a) => a.id)).toEqual(['hamas']);

    archive.actors.update('hamas', { removeAliases: ['Islamic Resistance Movement'] }, librarian);
    expect(archive.getArticle('b1')!.actors).toEqual([]);
    // a1 never contained the removed spelling: its link (from extraction) stays.
    expect(archive.getArticle('a1')!.actors.map((a) => a.id)).toEqual(['hamas']);
  });

  it('reverts an override so the extracted value shows again', () => {
    archive.upsertArticles([article()]);
    archive.patchArticle('a1', { title: 'Fixed' }, librarian);
    archive.patchArticle('a1', { revert: ['title'] }, librarian);
    expect(archive.getArticle('a1')!.title).toBe('Talks resume in Cairo');
  });

  it('refuses to patch an article that does not exist', () => {
    expect(() => archive.patchArticle('nope', { title: 'x' }, librarian)).toThrow(/no article/);
  });
});

describe('index outbox', () => {
  it('drains pending operations into the engine and empties', async () => {
    archive.upsertArticles([
      article(),
      article({ id: 'a2', url: null, fingerprint: { contentHash: 'x', minhash: [] } }),
    ]);
    const target = recordingTarget();
    const result = await archive.drainOutbox(target);
    expect(result.indexed).toBe(2);
    expect(archive.pendingIndexOps()).toBe(0);
    expect(target.docs.get('a1')).toMatchObject({
      title: 'Talks resume in Cairo',
      status: 'visible',
    });
  });

  it('keeps operations when the engine fails and delivers them once it is back', async () => {
    archive.upsertArticles([article()]);
    const down = {
      index: async () => {
        throw new Error('connection refused');
      },
      remove: async () => {},
    };
    await expect(archive.drainOutbox(down)).rejects.toThrow('connection refused');
    expect(archive.pendingIndexOps()).toBeGreaterThan(0);
    const target = recordingTarget();
    await archive.drainOutbox(target);
    expect(archive.pendingIndexOps()).toBe(0);
    expect(target.docs.has('a1')).toBe(true);
  });

  it('sends a curated change with the override applied', async () => {
    archive.upsertArticles([article()]);
    const target = recordingTarget();
    await archive.drainOutbox(target);
    archive.patchArticle('a1', { status: 'hidden', reason: 'spam' }, librarian);
    await archive.drainOutbox(target);
    expect(target.docs.get('a1')!.status).toBe('hidden');
  });

  it('keeps one pending operation per article, however large a story grows', () => {
    // 60 versions of one report: each new version changes every member's storySize.
    const signature = Array.from({ length: 256 }, (_, i) => i * 7919);
    const versions = Array.from({ length: 60 }, (_, i) =>
      article({
        id: `v${i}`,
        url: null,
        fingerprint: { contentHash: `hash-${i}`, minhash: signature },
      }),
    );
    for (const v of versions) archive.upsertArticles([v]);
    expect(new Set(versions.map((v) => archive.getArticle(v.id)!.storyId)).size).toBe(1);
    expect(archive.pendingIndexOps()).toBe(60);
  });

  it('does not lose a change made while the engine call is in flight', async () => {
    archive.upsertArticles([article()]);
    const target = recordingTarget();
    let changedMidFlight = false;
    const slow = {
      async index(batch: SearchDocument[]) {
        if (!changedMidFlight) {
          changedMidFlight = true;
          archive.patchArticle('a1', { title: 'Changed during the drain' }, librarian);
        }
        await target.index(batch);
      },
      remove: target.remove,
    };
    await archive.drainOutbox(slow);
    expect(archive.pendingIndexOps()).toBe(0);
    expect(target.docs.get('a1')!.title).toBe('Changed during the drain');
  });

  it('lists every article, hidden ones too, as search documents for a rebuild', () => {
    archive.upsertArticles([article()]);
    archive.patchArticle('a1', { status: 'hidden', reason: 'spam' }, librarian);
    const docs = [...archive.searchDocuments()].flat();
    expect(docs.map((d) => [d.id, d.status])).toEqual([['a1', 'hidden']]);
  });
});

describe('tokens', () => {
  it('stores only a hash, verifies, and refuses revoked tokens', () => {
    const { id, token } = archive.tokens.create('librarian', 'ada');
    const stored = archive.db.prepare('SELECT hash FROM tokens WHERE id = ?').pluck().get(id);
    expect(stored).not.toContain(token);
    expect(archive.tokens.verify(token)).toMatchObject({ id, role: 'librarian', name: 'ada' });
    expect(archive.tokens.verify(`${token}x`)).toBeNull();
    expect(archive.tokens.revoke(id)).toBe(true);
    expect(archive.tokens.verify(token)).toBeNull();
  });
});

describe('schema', () => {
  it('reopens an existing file without re-running migrations', () => {
    archive.upsertArticles([article()]);
    archive.close();
    archive = openArchive({ path: join(dir, 'archive.db') });
    expect(archive.countArticles()).toBe(1);
    expect(archive.db.pragma('journal_mode', { simple: true })).toBe('wal');
  });
});

describe('the archive file after a re-index', () => {
  it('is made in incremental auto-vacuum mode, and compact() converts an older one', () => {
    const dir = mkdtempSync(join(tmpdir(), 'archive-compact-'));
    try {
      const fresh = openArchive({ path: join(dir, 'new.db') });
      expect(fresh.db.pragma('auto_vacuum', { simple: true })).toBe(2);
      fresh.close();

      // An archive made before: its tables exist before the mode could be set.
      const oldPath = join(dir, 'old.db');
      const raw = new Database(oldPath);
      raw.exec('CREATE TABLE leftover (x TEXT)');
      raw.close();
      const old = openArchive({ path: oldPath });
      expect(old.db.pragma('auto_vacuum', { simple: true })).toBe(0);
      // A dropped index generation leaves its pages in the file.
      old.db.exec('CREATE TABLE dropped (x TEXT)');
      const fill = old.db.prepare('INSERT INTO dropped VALUES (?)');
      old.db.transaction(() => {
        for (let i = 0; i < 2000; i++) fill.run('x'.repeat(2000));
      })();
      old.db.exec('DROP TABLE dropped');
      const { before, after } = old.compact();
      expect(after).toBeLessThan(before / 2);
      expect(old.db.pragma('auto_vacuum', { simple: true })).toBe(2);
      expect(old.countArticles()).toBe(0);
      old.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
