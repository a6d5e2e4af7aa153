import { describe, expect, it } from 'vitest';
import { article, librarian, useArchive } from './test-archive.ts';

const t = useArchive();

describe('read model', () => {
  it('answers a hidden article and a missing one alike to readers, and both to librarians', () => {
    t.archive.upsertArticles([article(), article({ id: 'a2', url: null })]);
    t.archive.patchArticle('a2', { status: 'hidden', reason: 'duplicate' }, librarian);
    expect(t.archive.isVisible('a1')).toBe(true);
    expect(t.archive.isVisible('a2')).toBe(false);
    expect(t.archive.getArticle('a2')).toBeNull();
    expect(t.archive.getArticle('missing')).toBeNull();
    expect(t.archive.getArticle('a2', { includeHidden: true })).toMatchObject({
      status: 'hidden',
      hiddenReason: 'duplicate',
    });
    expect(t.archive.countArticles()).toBe(1);
    expect(t.archive.countArticles({ includeHidden: true })).toBe(2);
    expect([...t.archive.articles()].map((a) => a.id)).toEqual(['a1']);
    expect([...t.archive.articles({ includeHidden: true })].map((a) => a.id)).toEqual(['a1', 'a2']);
  });

  it('lays overrides over the extracted row and names the curated fields', () => {
    t.archive.upsertArticles([article()]);
    t.archive.patchArticle('a1', { title: 'Cairo talks resume', byline: null }, librarian);
    const a = t.archive.getArticle('a1')!;
    expect(a).toMatchObject({ title: 'Cairo talks resume', byline: null, titleDerived: false });
    expect(a.curated.sort()).toEqual(['byline', 'title']);
    expect(a.source).toMatchObject({ format: 'txt', origin: 'seeds/a1.txt', contentHash: 'h1' });
  });

  it('lists a story’s versions oldest first, undated last, hidden ones only for librarians', () => {
    t.archive.upsertArticles([article()]);
    const { storyId } = t.archive.getArticle('a1')!;
    // Stories are assigned by the archive; the read model only groups by story_id.
    t.archive.db
      .prepare("UPDATE articles SET story_id = ?, status = 'visible' WHERE id = ?")
      .run(storyId, 'a1');
    t.archive.upsertArticles([
      article({
        id: 'a0',
        publishedAt: '2024-08-01',
        fingerprint: { contentHash: 'h0', minhash: [] },
      }),
      article({ id: 'a9', publishedAt: null, fingerprint: { contentHash: 'h9', minhash: [] } }),
    ]);
    t.archive.db.prepare("UPDATE articles SET story_id = ? WHERE id IN ('a0', 'a9')").run(storyId);
    t.archive.patchArticle('a0', { status: 'hidden', reason: 'spam' }, librarian);
    expect(t.archive.storyVersions(storyId).map((v) => v.id)).toEqual(['a1', 'a9']);
    expect(
      t.archive.storyVersions(storyId, { includeHidden: true }).map((v) => [v.id, v.status]),
    ).toEqual([
      ['a0', 'hidden'],
      ['a1', 'visible'],
      ['a9', 'visible'],
    ]);
  });
});
