import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ActorMention, Curator, ExtractedArticle, SearchDocument } from '@newsarchive/core';
import { openArchive } from './archive.ts';
import type { Archive } from './types.ts';

const librarian: Curator = { tokenId: 'tok_1', name: 'Ada', role: 'librarian' };

let hash = 0;
function article(
  id: string,
  actors: ActorMention[],
  extra: Partial<ExtractedArticle> = {},
): ExtractedArticle {
  return {
    id,
    url: `https://example.org/${id}`,
    title: `Article ${id}`,
    titleDerived: false,
    body: `Body of ${id}.`,
    outlet: { id: 'example-news', name: 'Example News' },
    byline: null,
    publishedAt: '2024-08-12',
    actors,
    collections: [],
    source: { format: 'txt', origin: `${id}.txt`, line: null },
    fingerprint: { contentHash: `h${++hash}`, minhash: [] },
    ...extra,
  };
}

const netanyahu: ActorMention = {
  name: 'Benjamin Netanyahu',
  type: 'person',
  id: 'benjamin-netanyahu',
  aliases: ['Netanyahu'],
};
const bibi: ActorMention = { name: 'Bibi', type: 'person' };
const egypt: ActorMention = { name: 'Egypt', type: 'state', id: 'egypt', aliases: ['Egyptian'] };
const junk: ActorMention = { name: 'Constructive Dialogue', type: 'organization' };

const actorIds = (a: Archive, id: string) =>
  a
    .getArticle(id)!
    .actors.map((x) => x.id)
    .sort();

async function drained(a: Archive) {
  const docs = new Map<string, SearchDocument>();
  await a.drainOutbox({
    async index(batch) {
      for (const d of batch) docs.set(d.id, d);
    },
    async remove(ids) {
      for (const id of ids) docs.delete(id);
    },
  });
  return docs;
}

let dir: string;
let archive: Archive;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'actors-test-'));
  archive = openArchive({ path: join(dir, 'archive.db') });
  archive.upsertArticles([
    article('a1', [netanyahu, egypt]),
    article('a2', [bibi, junk]),
    article('a3', [egypt]),
  ]);
});
afterEach(() => {
  archive.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('actor registry', () => {
  it('lists actors with their spellings and article counts', () => {
    const egyptRow = archive.actors.get('egypt')!;
    expect(egyptRow).toMatchObject({ id: 'egypt', name: 'Egypt', type: 'state', articles: 2 });
    expect(egyptRow.aliases).toContain('Egyptian');
    expect(archive.actors.list({ q: 'netanyahu' }).map((a) => a.id)).toEqual([
      'benjamin-netanyahu',
    ]);
    expect(archive.actors.dictionary()).toContainEqual({
      alias: 'Netanyahu',
      id: 'benjamin-netanyahu',
      name: 'Benjamin Netanyahu',
      type: 'person',
    });
  });

  it('merges: articles and aliases follow the survivor, the old id redirects, all audited and queued', async () => {
    await drained(archive);
    const survivor = archive.actors.merge(
      { from: ['bibi'], into: 'benjamin-netanyahu' },
      librarian,
    );
    expect(survivor.aliases).toEqual(expect.arrayContaining(['Bibi', 'Netanyahu']));
    expect(survivor.articles).toBe(2);
    expect(archive.actors.get('bibi')!.id).toBe('benjamin-netanyahu');
    expect(actorIds(archive, 'a2')).toEqual(['benjamin-netanyahu', 'constructive-dialogue']);

    const entry = archive.history('actor', 'benjamin-netanyahu')[0]!;
    expect(entry).toMatchObject({ action: 'actor.merge', who: 'Ada' });
    expect(archive.history('actor', 'bibi')[0]!.action).toBe('actor.merged-into');

    const docs = await drained(archive);
    expect([...docs.keys()].sort()).toEqual(['a1', 'a2']);
    expect(docs.get('a2')!.actors.map((x) => x.id)).toContain('benjamin-netanyahu');

    // Later extraction of the merged spelling lands on the survivor.
    archive.upsertArticles([article('a4', [bibi])]);
    expect(actorIds(archive, 'a4')).toEqual(['benjamin-netanyahu']);
  });

  it('undoes a merge: the actor, its spellings and its articles come back; the survivor keeps its own', async () => {
    // a1 names both, so it keeps the survivor after the undo; a2 named only Bibi.
    archive.upsertArticles([article('a5', [netanyahu, bibi])]);
    await drained(archive);
    archive.actors.merge({ from: ['bibi'], into: 'benjamin-netanyahu' }, librarian);
    expect(archive.actors.canonicalId('bibi')).toBe('benjamin-netanyahu');
    await drained(archive);

    const back = archive.actors.unmerge('bibi', librarian);
    expect(back).toMatchObject({ id: 'bibi', name: 'Bibi', type: 'person', articles: 2 });
    expect(archive.actors.canonicalId('bibi')).toBe('bibi');
    expect(actorIds(archive, 'a2')).toEqual(['bibi', 'constructive-dialogue']);
    expect(actorIds(archive, 'a5')).toEqual(['benjamin-netanyahu', 'bibi']);
    const survivor = archive.actors.get('benjamin-netanyahu')!;
    expect(survivor.aliases).not.toContain('Bibi');
    expect(survivor.articles).toBe(2); // a1 and a5, as before the merge
    expect(archive.history('actor', 'bibi')[0]).toMatchObject({ action: 'actor.unmerge' });
    // The search index hears of every article whose actors changed back.
    expect([...(await drained(archive)).keys()].sort()).toEqual(['a2', 'a5']);
    // Extraction of the spelling lands on the restored actor again.
    archive.upsertArticles([article('a6', [bibi])]);
    expect(actorIds(archive, 'a6')).toEqual(['bibi']);
    // Nothing left to undo.
    expect(() => archive.actors.unmerge('bibi', librarian)).toThrow(/not merged away/);
    expect(() => archive.actors.unmerge('nobody', librarian)).toThrow(/no merge/);
  });

  it('suggests likely duplicates, and not again once a librarian says they differ', () => {
    const person = (name: string): ActorMention => ({ name, type: 'person' });
    archive.upsertArticles([
      article('d1', [person('Antony Blinken'), person('Samer Abu Daqqa')]),
      article('d2', [person('Antony Blinken'), person('John Kirby')]),
      article('d3', [person('Antony J. Blinken'), person('Abu Daqqa'), person('J. Kirby')]),
      article('d4', [
        { name: 'Al Qassam Brigades', type: 'group' },
        { name: 'Qassam Brigades', type: 'group' },
        person('Maria Lopez'),
        person('Mark Lopez'),
        person('M. Lopez'),
      ]),
    ]);
    const pairs = () =>
      archive.actors
        .suggestDuplicates()
        .map((s) => `${s.actor.id} -> ${s.duplicateOf.id} (${s.reason})`)
        .sort();
    expect(pairs()).toEqual([
      'abu-daqqa -> samer-abu-daqqa (part-of-name)',
      'antony-j-blinken -> antony-blinken (middle-initial)',
      'j-kirby -> john-kirby (initial)',
      'qassam-brigades -> al-qassam-brigades (article)',
      // "M. Lopez" could be Maria or Mark: not suggested.
    ]);
    archive.actors.markDistinct('j-kirby', 'john-kirby', librarian);
    expect(pairs()).not.toContain('j-kirby -> john-kirby (initial)');
    expect(archive.history('actor', 'j-kirby')[0]).toMatchObject({ action: 'actor.distinct' });
    // A merge answers the suggestion, and later extraction of the spelling lands on the survivor.
    archive.actors.merge({ from: ['antony-j-blinken'], into: 'antony-blinken' }, librarian);
    expect(pairs().some((p) => p.startsWith('antony-j-blinken'))).toBe(false);
    archive.upsertArticles([article('d5', [person('Antony J. Blinken')])]);
    expect(actorIds(archive, 'd5')).toEqual(['antony-blinken']);
  });

  it('renames and retypes: the id stays, the old name stays a spelling, articles are re-indexed', async () => {
    await drained(archive);
    const after = archive.actors.update('egypt', { name: 'Arab Republic of Egypt' }, librarian);
    expect(after).toMatchObject({ id: 'egypt', name: 'Arab Republic of Egypt' });
    expect(after.aliases).toContain('Egypt');
    expect(archive.getArticle('a3')!.actors).toEqual([
      { id: 'egypt', name: 'Arab Republic of Egypt', type: 'state' },
    ]);
    const entry = archive.history('actor', 'egypt')[0]!;
    expect(entry).toMatchObject({
      action: 'actor.update',
      before: { name: 'Egypt' },
      after: { name: 'Arab Republic of Egypt' },
    });
    expect([...(await drained(archive)).keys()].sort()).toEqual(['a1', 'a3']);

    archive.actors.update('constructive-dialogue', { type: 'group' }, librarian);
    expect(
      archive.getArticle('a2')!.actors.find((a) => a.id === 'constructive-dialogue')!.type,
    ).toBe('group');
  });

  it('adds and removes aliases; a removed spelling is not learnt again; conflicts are refused', () => {
    archive.actors.update('benjamin-netanyahu', { addAliases: ['Bibi Netanyahu'] }, librarian);
    expect(archive.actors.get('benjamin-netanyahu')!.aliases).toContain('Bibi Netanyahu');
    expect(() => archive.actors.update('egypt', { addAliases: ['Netanyahu'] }, librarian)).toThrow(
      /merge/,
    );
    expect(() => archive.actors.update('egypt', { removeAliases: ['Egypt'] }, librarian)).toThrow(
      /name/,
    );

    archive.actors.update('egypt', { removeAliases: ['Egyptian'] }, librarian);
    expect(archive.actors.get('egypt')!.aliases).not.toContain('Egyptian');
    archive.upsertArticles([article('a5', [egypt])]);
    expect(archive.actors.get('egypt')!.aliases).not.toContain('Egyptian');
    expect(actorIds(archive, 'a5')).toEqual(['egypt']);
  });

  it('deletes a false actor: gone from its articles, audited, queued, and not brought back by re-ingest', async () => {
    await drained(archive);
    archive.actors.delete('constructive-dialogue', librarian);
    expect(archive.actors.get('constructive-dialogue')).toBeNull();
    expect(actorIds(archive, 'a2')).toEqual(['bibi']);
    expect(archive.history('actor', 'constructive-dialogue')[0]).toMatchObject({
      action: 'actor.delete',
      after: null,
    });
    expect([...(await drained(archive)).keys()]).toEqual(['a2']);

    archive.upsertArticles([article('a2', [bibi, junk], { body: 'Body of a2, updated.' })]);
    expect(actorIds(archive, 'a2')).toEqual(['bibi']);
    expect(archive.actors.get('constructive-dialogue')).toBeNull();
  });

  it('unknown actors are not found', () => {
    expect(() => archive.actors.update('nobody', { name: 'X' }, librarian)).toThrow(/no actor/);
    expect(() => archive.actors.merge({ from: ['nobody'], into: 'egypt' }, librarian)).toThrow(
      /no actor/,
    );
    expect(() => archive.actors.delete('nobody', librarian)).toThrow(/no actor/);
  });
});

describe('per-article actor corrections', () => {
  it('survive re-ingest and follow a later merge', () => {
    archive.patchArticle(
      'a3',
      { actors: { add: ['benjamin-netanyahu'], remove: ['egypt'] } },
      librarian,
    );
    expect(actorIds(archive, 'a3')).toEqual(['benjamin-netanyahu']);

    // The same article arrives again with a changed body and the same extracted actors.
    archive.upsertArticles([article('a3', [egypt], { body: 'Body of a3, second version.' })]);
    expect(actorIds(archive, 'a3')).toEqual(['benjamin-netanyahu']);

    // A merge of the added actor into another keeps the correction pointing at the survivor.
    archive.actors.merge({ from: ['benjamin-netanyahu'], into: 'bibi' }, librarian);
    expect(actorIds(archive, 'a3')).toEqual(['bibi']);
  });
});
