import { describe, expect, it } from 'vitest';
import { article, librarian, recordingTarget, useArchive } from './test-archive.ts';

const t = useArchive();

describe('librarian overrides', () => {
  it('win over extracted values and survive re-ingest of a changed version', () => {
    t.archive.upsertArticles([article()]);
    t.archive.patchArticle(
      'a1',
      { title: 'Ceasefire talks resume', byline: null, outlet: 'Al Example' },
      librarian,
    );
    t.archive.upsertArticles([
      article({
        title: 'Other title',
        byline: 'Someone',
        fingerprint: { contentHash: 'h3', minhash: [] },
      }),
    ]);
    const a = t.archive.getArticle('a1')!;
    expect(a.title).toBe('Ceasefire talks resume');
    expect(a.byline).toBeNull();
    expect(a.outlet).toEqual({ id: 'al-example', name: 'Al Example' });
    expect(a.curated.sort()).toEqual(['byline', 'outlet', 'title']);
  });

  it('adds and removes actors as overrides that survive re-ingest', () => {
    t.archive.upsertArticles([article()]);
    t.archive.patchArticle(
      'a1',
      { actors: { add: [{ name: 'Qatar', type: 'state' }], remove: ['egypt'] } },
      librarian,
    );
    t.archive.upsertArticles([article({ fingerprint: { contentHash: 'h4', minhash: [] } })]);
    expect(t.archive.getArticle('a1')!.actors.map((x) => x.id)).toEqual(['qatar']);
  });

  it('rejects an unknown actor id with a clear error', () => {
    t.archive.upsertArticles([article()]);
    expect(() =>
      t.archive.patchArticle('a1', { actors: { add: ['nobody'], remove: [] } }, librarian),
    ).toThrow(/no actor with id nobody/);
  });

  it('hides an article from readers, audits why, and restores it', () => {
    t.archive.upsertArticles([article()]);
    t.archive.patchArticle('a1', { status: 'hidden', reason: 'duplicate wire copy' }, librarian);
    expect(t.archive.getArticle('a1')).toBeNull();
    expect(t.archive.getArticle('a1', { includeHidden: true })!.hiddenReason).toBe(
      'duplicate wire copy',
    );
    expect(t.archive.countArticles()).toBe(0);
    expect([...t.archive.articles()]).toHaveLength(0);
    t.archive.patchArticle('a1', { status: 'visible' }, librarian);
    expect(t.archive.getArticle('a1')).not.toBeNull();
    const history = t.archive.history('article', 'a1');
    expect(history.map((h) => h.action)).toEqual(['article.restore', 'article.hide']);
    expect(history[1]).toMatchObject({
      who: 'Ada',
      reason: 'duplicate wire copy',
      before: { status: 'visible' },
      after: { status: 'hidden' },
    });
  });

  it('keeps an actor named only in a hidden article out of what readers see', () => {
    t.archive.upsertArticles([article()]);
    t.archive.patchArticle('a1', { status: 'hidden', reason: 'spam' }, librarian);
    expect(t.archive.actors.list({ includeHidden: false }).map((a) => a.id)).not.toContain('egypt');
    expect(t.archive.actors.get('egypt', { includeHidden: false })).toBeNull();
    expect(t.archive.actors.list().map((a) => a.id)).toContain('egypt');
  });

  it('re-applies an added or removed actor spelling to articles already stored', async () => {
    t.archive.upsertArticles([
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
    await t.archive.drainOutbox(target);
    t.archive.actors.update('hamas', { addAliases: ['Islamic Resistance Movement'] }, librarian);
    expect(t.archive.getArticle('b1')!.actors.map((a) => a.id)).toEqual(['hamas']);
    await t.archive.drainOutbox(target);
    expect(target.docs.get('b1')!.actors.map((a) => a.id)).toEqual(['hamas']);

    t.archive.actors.update('hamas', { removeAliases: ['Islamic Resistance Movement'] }, librarian);
    expect(t.archive.getArticle('b1')!.actors).toEqual([]);
    // a1 never contained the removed spelling: its link (from extraction) stays.
    expect(t.archive.getArticle('a1')!.actors.map((a) => a.id)).toEqual(['hamas']);
  });

  it('reverts an override so the extracted value shows again', () => {
    t.archive.upsertArticles([article()]);
    t.archive.patchArticle('a1', { title: 'Fixed' }, librarian);
    t.archive.patchArticle('a1', { revert: ['title'] }, librarian);
    expect(t.archive.getArticle('a1')!.title).toBe('Talks resume in Cairo');
  });

  it('refuses to patch an article that does not exist', () => {
    expect(() => t.archive.patchArticle('nope', { title: 'x' }, librarian)).toThrow(/no article/);
  });
});
