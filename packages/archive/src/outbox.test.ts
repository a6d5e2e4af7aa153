import { describe, expect, it } from 'vitest';
import type { SearchDocument } from '@newsarchive/core';
import { article, librarian, recordingTarget, useArchive } from './test-archive.ts';

const t = useArchive();

describe('index outbox', () => {
  it('drains pending operations into the engine and empties', async () => {
    t.archive.upsertArticles([
      article(),
      article({ id: 'a2', url: null, fingerprint: { contentHash: 'x', minhash: [] } }),
    ]);
    const target = recordingTarget();
    const result = await t.archive.drainOutbox(target);
    expect(result.indexed).toBe(2);
    expect(t.archive.pendingIndexOps()).toBe(0);
    expect(target.docs.get('a1')).toMatchObject({
      title: 'Talks resume in Cairo',
      status: 'visible',
    });
  });

  it('keeps operations when the engine fails and delivers them once it is back', async () => {
    t.archive.upsertArticles([article()]);
    const down = {
      index: async () => {
        throw new Error('connection refused');
      },
      remove: async () => {},
    };
    await expect(t.archive.drainOutbox(down)).rejects.toThrow('connection refused');
    expect(t.archive.pendingIndexOps()).toBeGreaterThan(0);
    const target = recordingTarget();
    await t.archive.drainOutbox(target);
    expect(t.archive.pendingIndexOps()).toBe(0);
    expect(target.docs.has('a1')).toBe(true);
  });

  it('sends a curated change with the override applied', async () => {
    t.archive.upsertArticles([article()]);
    const target = recordingTarget();
    await t.archive.drainOutbox(target);
    t.archive.patchArticle('a1', { status: 'hidden', reason: 'spam' }, librarian);
    await t.archive.drainOutbox(target);
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
    for (const v of versions) t.archive.upsertArticles([v]);
    expect(new Set(versions.map((v) => t.archive.getArticle(v.id)!.storyId)).size).toBe(1);
    expect(t.archive.pendingIndexOps()).toBe(60);
  });

  it('does not lose a change made while the engine call is in flight', async () => {
    t.archive.upsertArticles([article()]);
    const target = recordingTarget();
    let changedMidFlight = false;
    const slow = {
      async index(batch: SearchDocument[]) {
        if (!changedMidFlight) {
          changedMidFlight = true;
          t.archive.patchArticle('a1', { title: 'Changed during the drain' }, librarian);
        }
        await target.index(batch);
      },
      remove: target.remove,
    };
    await t.archive.drainOutbox(slow);
    expect(t.archive.pendingIndexOps()).toBe(0);
    expect(target.docs.get('a1')!.title).toBe('Changed during the drain');
  });

  it('lists every article, hidden ones too, as search documents for a rebuild', () => {
    t.archive.upsertArticles([article()]);
    t.archive.patchArticle('a1', { status: 'hidden', reason: 'spam' }, librarian);
    const docs = [...t.archive.searchDocuments()].flat();
    expect(docs.map((d) => [d.id, d.status])).toEqual([['a1', 'hidden']]);
  });
});
