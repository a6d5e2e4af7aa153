import { SearchRequest, type SearchDocument } from '@newsarchive/core';
import { describe, expect, it } from 'vitest';
import { members } from './bitset.ts';
import { FacetCounter } from './facet-counter.ts';
import { Ranker, RANK_ALL_UP_TO } from './ranker.ts';
import { doc, readerOver } from './test-docs.ts';

/** The ids of one page for `q` and the total, through the real reader, counter and ranker. */
function pager(docs: SearchDocument[]) {
  const { reader } = readerOver(docs);
  const counter = new FacetCounter();
  const ranker = new Ranker();
  return (q: string, options: Partial<SearchRequest> = {}) => {
    const request = { ...SearchRequest.parse({}), q, ...options };
    const p = reader.plan(q, false);
    const matched = reader.match(p);
    const candidates = matched ? members(matched.set, matched.count) : null;
    const want = { outlet: false, actor: false, date: false };
    const ev = counter.evaluate(reader.store, candidates, request, want, matched?.set ?? null);
    const page = ranker.page(reader, ev, request, p, candidates?.length ?? reader.store.count);
    return { ids: page.rows.map((r) => docs[r - 1]!.id), total: page.total };
  };
}

const dated = [
  doc({ id: 'mid', title: 'Talks', body: 'x', publishedAt: '2024-02-01', storyId: 's1' }),
  doc({ id: 'undated', title: 'Talks', body: 'x' }),
  doc({ id: 'new', title: 'Talks', body: 'x', publishedAt: '2024-03-01', storyId: 's1' }),
  doc({ id: 'old', title: 'Talks', body: 'x', publishedAt: '2023-01-01' }),
  doc({ id: 'hidden', title: 'Talks', body: 'x', publishedAt: '2025-01-01', status: 'hidden' }),
];

describe('Ranker', () => {
  it('orders by date either way, undated documents last in both', () => {
    const page = pager(dated);
    expect(page('talks', { sort: 'newest' })).toEqual({
      ids: ['new', 'mid', 'old', 'undated'],
      total: 4,
    });
    expect(page('talks', { sort: 'oldest' }).ids).toEqual(['old', 'mid', 'new', 'undated']);
    // A browse has no relevance: newest first.
    expect(page('').ids).toEqual(['new', 'mid', 'old', 'undated']);
  });

  it('cuts pages, and answers an empty page past the end', () => {
    const page = pager(dated);
    expect(page('talks', { sort: 'newest', perPage: 3, page: 2 })).toEqual({
      ids: ['undated'],
      total: 4,
    });
    expect(page('talks', { sort: 'newest', perPage: 3, page: 3 })).toEqual({ ids: [], total: 4 });
  });

  it('groups by story: one hit per story, the first in order, and stories counted', () => {
    const page = pager(dated);
    expect(page('talks', { sort: 'newest', group: 'story' })).toEqual({
      ids: ['new', 'old', 'undated'],
      total: 3,
    });
    expect(page('talks', { sort: 'oldest', group: 'story' }).ids).toEqual([
      'old',
      'mid',
      'undated',
    ]);
  });

  it('ranks by BM25 with the title weighing most', () => {
    const page = pager([
      doc({ id: 'body', title: 'Regional news', body: 'The ceasefire was discussed.' }),
      doc({ id: 'title', title: 'Ceasefire agreed', body: 'Officials met.' }),
      doc({ id: 'none', title: 'Weather', body: 'Mild.' }),
    ]);
    expect(page('ceasefire')).toEqual({ ids: ['title', 'body'], total: 2 });
  });

  it('ranks a broad query in tiers: every word in the title first, then newest first', () => {
    const many = Array.from({ length: RANK_ALL_UP_TO + 100 }, (_, i) =>
      doc({
        id: `b${i}`,
        title: i % 300 === 7 ? 'Bulletin of the week' : `Item ${i}`,
        body: 'A bulletin follows.',
        publishedAt: `2020-01-${String((i % 28) + 1).padStart(2, '0')}`,
      }),
    );
    const { ids, total } = pager(many)('bulletin', { perPage: 4 });
    expect(total).toBe(many.length);
    expect(ids.slice(0, 2).sort()).toEqual(['b307', 'b7']);
    // Then the newest of the rest: the 28th of the month, latest insert first.
    expect(ids.slice(2)).toEqual(['b587', 'b559']);
  });
});
