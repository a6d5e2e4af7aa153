import { describe, expect, it } from 'vitest';
import { article, recordingTarget, useArchive } from './test-archive.ts';

const t = useArchive();

describe('upsertArticles', () => {
  it('stores new articles, reports unchanged on identical re-ingest and writes nothing', () => {
    expect(t.archive.upsertArticles([article()])).toEqual([{ id: 'a1', outcome: 'new' }]);
    const pending = t.archive.pendingIndexOps();
    const updatedAt = t.archive.getArticle('a1')!.updatedAt;
    expect(t.archive.upsertArticles([article()])).toEqual([{ id: 'a1', outcome: 'unchanged' }]);
    expect(t.archive.pendingIndexOps()).toBe(pending);
    expect(t.archive.getArticle('a1')!.updatedAt).toBe(updatedAt);
  });

  it('updates a changed version in place', () => {
    t.archive.upsertArticles([article()]);
    const result = t.archive.upsertArticles([
      article({
        title: 'Talks resume in Cairo (updated)',
        fingerprint: { contentHash: 'h2', minhash: [] },
      }),
    ]);
    expect(result[0]!.outcome).toBe('updated');
    expect(t.archive.getArticle('a1')!.title).toBe('Talks resume in Cairo (updated)');
    expect(t.archive.countArticles()).toBe(1);
  });

  it('resolves actors into the registry and shows them on the article', () => {
    t.archive.upsertArticles([article()]);
    expect(t.archive.getArticle('a1')!.actors).toEqual([
      { id: 'egypt', name: 'Egypt', type: 'state' },
    ]);
    expect(t.archive.actors.get('egypt')).toMatchObject({ name: 'Egypt', articles: 1 });
  });

  it("replaces an updated article's story bands: the old version's bands are gone", () => {
    const first = Array.from({ length: 256 }, (_, i) => i * 7919);
    const second = Array.from({ length: 256 }, (_, i) => i * 104729 + 1);
    t.archive.upsertArticles([article({ fingerprint: { contentHash: 'v1', minhash: first } })]);
    t.archive.upsertArticles([article({ fingerprint: { contentHash: 'v2', minhash: second } })]);
    const bands = t.archive.db
      .prepare(
        'SELECT count(*) FROM story_bands WHERE article_ref = (SELECT story_ref FROM articles WHERE id = ?)',
      )
      .pluck()
      .get('a1');
    expect(bands).toBe(85);
  });

  it('counts a new collection as an update but keeps the old ones', () => {
    t.archive.upsertArticles([article({ collections: ['gaza'] })]);
    expect(t.archive.upsertArticles([article({ collections: ['talks'] })])[0]!.outcome).toBe(
      'updated',
    );
    expect(t.archive.getArticle('a1')!.collections).toEqual(['gaza', 'talks']);
  });
});

describe('press-database metadata', () => {
  it('keeps a press-database envelope as metadata: stored, read back, updated, never indexed', async () => {
    const archive = t.archive;
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
