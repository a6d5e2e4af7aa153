import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import type { Curator, ExtractedArticle, SearchDocument } from '@newsarchive/core';
import { openArchive } from './archive.ts';
import type { Archive } from './types.ts';

/* What the archive's tests share: a librarian, an extracted article, a recording target. */

export const librarian: Curator = { tokenId: 'tok_1', name: 'Ada', role: 'librarian' };

export function article(overrides: Partial<ExtractedArticle> = {}): ExtractedArticle {
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
export function recordingTarget() {
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

/**
 * A fresh archive file per test, closed and removed after it. `archive` may be reassigned (a
 * test that reopens the file).
 */
export function useArchive(): { archive: Archive; dir: string } {
  const state = {} as { archive: Archive; dir: string };
  beforeEach(() => {
    state.dir = mkdtempSync(join(tmpdir(), 'archive-test-'));
    state.archive = openArchive({ path: join(state.dir, 'archive.db') });
  });
  afterEach(() => {
    state.archive.close();
    rmSync(state.dir, { recursive: true, force: true });
  });
  return state;
}
