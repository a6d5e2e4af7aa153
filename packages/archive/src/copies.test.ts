import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ExtractedArticle } from '@newsarchive/core';
import { openArchive } from './archive.ts';
import {
  decodeMinhash,
  MAX_BAND_MEMBERS,
  bandKeys,
  BANDS,
  NUM_HASHES,
  outsideDateWindow,
  sameCopy,
  shareBand,
  signatureSimilarity,
} from './copies.ts';
import type { Archive } from './types.ts';

/** A signature sharing the first `shared` of NUM_HASHES positions with `base` (similarity = shared / NUM_HASHES). */
function variant(base: number[], shared: number, salt: number): number[] {
  return base.map((v, i) => (i < shared ? v : (v ^ (salt * 2654435761)) >>> 0));
}
const base = Array.from({ length: NUM_HASHES }, (_, i) => (i * 2246822519 + 374761393) >>> 0);

function article(id: string, minhash: number[], publishedAt: string | null): ExtractedArticle {
  return {
    id,
    url: null,
    title: `Article ${id}`,
    titleDerived: false,
    body: `Body of ${id}.`,
    outlet: null,
    byline: null,
    publishedAt,
    actors: [],
    collections: [],
    source: { format: 'txt', origin: `${id}.txt`, line: null },
    fingerprint: { contentHash: `${id}-${minhash[NUM_HASHES - 1] ?? 0}`, minhash },
  };
}

describe('the story rule', () => {
  it('estimates similarity from equal positions and bands signatures', () => {
    expect(signatureSimilarity(base, variant(base, NUM_HASHES / 2, 1))).toBe(0.5);
    expect(bandKeys(base)).toHaveLength(BANDS);
    expect(bandKeys([])).toEqual([]);
    expect(shareBand(base, variant(base, 3, 1))).toBe(true);
    expect(shareBand(base, variant(base, 0, 1))).toBe(false);
  });

  it('reads signatures stored as float64s or as uint32s', () => {
    expect(decodeMinhash(Buffer.from(new Float64Array(base).buffer))).toEqual(base);
    expect(decodeMinhash(Buffer.from(new Uint32Array(base).buffer))).toEqual(base);
    expect(decodeMinhash(null)).toEqual([]);
  });

  it('joins similar articles only inside the date window', () => {
    const copy = { minhash: variant(base, 200, 1), publishedAt: '2024-08-20' };
    expect(sameCopy({ minhash: base, publishedAt: '2024-08-18' }, copy)).toBe(true);
    expect(sameCopy({ minhash: base, publishedAt: null }, copy)).toBe(true);
    expect(sameCopy({ minhash: base, publishedAt: '2024-06-01' }, copy)).toBe(false);
    expect(
      sameCopy(
        { minhash: base, publishedAt: '2024-08-18' },
        { minhash: variant(base, 30, 2), publishedAt: '2024-08-18' },
      ),
    ).toBe(false);
    expect(outsideDateWindow('2024-08-01', '2024-08-08')).toBe(false);
    expect(outsideDateWindow('2024-08-01', '2024-08-09')).toBe(true);
  });
});

let dir: string;
let archive: Archive;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'stories-test-'));
  archive = openArchive({ path: join(dir, 'archive.db') });
});
afterEach(() => {
  archive.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('story assignment in the archive', () => {
  it('puts copies and updates in one story and keeps other reports apart', () => {
    archive.upsertArticles([
      article('wire', base, '2024-08-18'),
      article('copy', variant(base, 230, 1), '2024-08-18'),
      article('update', variant(base, 120, 2), '2024-08-19'),
      article('other', variant(base, 10, 3), '2024-08-18'),
      article('months-later', variant(base, 240, 4), '2024-11-30'),
      article('undated-copy', variant(base, 250, 5), null),
      article('no-signature', [], '2024-08-18'),
    ]);
    const story = (id: string) => archive.getArticle(id)!.storyId;
    expect(story('copy')).toBe(story('wire'));
    expect(story('update')).toBe(story('wire'));
    expect(story('undated-copy')).toBe(story('wire'));
    const alone = ['other', 'months-later', 'no-signature'].map(story);
    expect(new Set([story('wire'), ...alone]).size).toBe(4);
    // A story's id names none of its articles: hiding one must not leave its id on the others.
    const ids = ['wire', 'copy', 'update', 'other', 'months-later', 'undated-copy', 'no-signature'];
    for (const id of ids) {
      expect(ids).not.toContain(story(id));
      expect(story(id)).toMatch(/^st_[0-9a-f]{16}$/);
    }
    expect(archive.getArticle('wire')!.storySize).toBe(4);
    expect(
      archive
        .storyVersions(story('wire'))
        .map((v) => v.id)
        .sort(),
    ).toEqual(['copy', 'undated-copy', 'update', 'wire']);
  });

  it('still joins a story with hundreds of copies (oversized bands are sampled)', () => {
    const copies = Array.from({ length: MAX_BAND_MEMBERS + 5 }, (_, i) =>
      article(`copy${i}`, base, '2024-08-18'),
    );
    archive.upsertArticles(copies);
    archive.upsertArticles([article('late-copy', variant(base, 250, 7), '2024-08-19')]);
    expect(archive.getArticle('late-copy')!.storyId).toBe(archive.getArticle('copy0')!.storyId);
    expect(archive.getArticle('copy0')!.storySize).toBe(MAX_BAND_MEMBERS + 6);
  });

  it('moves an article out of its story when a new version no longer matches', () => {
    archive.upsertArticles([
      article('wire', base, '2024-08-18'),
      article('copy', variant(base, 230, 1), '2024-08-18'),
    ]);
    const story = archive.getArticle('wire')!.storyId;
    expect(archive.getArticle('copy')!.storyId).toBe(story);
    archive.upsertArticles([article('copy', variant(base, 5, 9), '2024-08-18')]);
    expect(archive.getArticle('copy')!.storyId).not.toBe(story);
    expect(archive.getArticle('wire')!.storyId).toBe(story);
    expect(archive.getArticle('wire')!.storySize).toBe(1);
    // Alone in its new story, it keeps that story when it changes again.
    const own = archive.getArticle('copy')!.storyId;
    archive.upsertArticles([article('copy', variant(base, 6, 10), '2024-08-18')]);
    expect(archive.getArticle('copy')!.storyId).toBe(own);
  });
});
