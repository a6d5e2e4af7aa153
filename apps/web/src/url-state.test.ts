import { describe, expect, it } from 'vitest';
import {
  bucketRange,
  EMPTY_SEARCH,
  parseSearchState,
  searchHref,
  toggleIn,
  toSearchParams,
  type SearchState,
} from './url-state.ts';

const full: SearchState = {
  q: 'ceasefire talks "Gaza"',
  outlet: ['bbc', 'al-jazeera'],
  actor: ['hamas', 'benjamin-netanyahu'],
  excludeOutlet: ['fox-news'],
  excludeActor: ['x_1'],
  from: '2023-10-07',
  to: '2024-01-31',
  sort: 'newest',
  page: 3,
  group: true,
};

describe('search state in the URL', () => {
  it('round-trips every field through the query string', () => {
    const url = searchHref(full);
    const back = parseSearchState(new URL(url, 'http://x').searchParams);
    expect(back).toEqual(full);
  });

  it('gives the empty search the bare path and leaves defaults out', () => {
    expect(searchHref(EMPTY_SEARCH)).toBe('/');
    expect(toSearchParams({ ...EMPTY_SEARCH, q: 'gaza' }).toString()).toBe('q=gaza');
    expect(parseSearchState(new URLSearchParams(''))).toEqual(EMPTY_SEARCH);
  });

  it('uses the API parameter names, repeated keys for lists', () => {
    const p = toSearchParams(full);
    expect(p.getAll('outlet')).toEqual(['bbc', 'al-jazeera']);
    expect(p.get('group')).toBe('story');
    expect(p.get('page')).toBe('3');
  });

  it('drops bad values from hand-edited links instead of failing', () => {
    const s = parseSearchState(
      new URLSearchParams(
        'outlet=ok&outlet=bad%20id&from=2024-02-30&to=2024-13-01&sort=random&page=-2&group=yes',
      ),
    );
    expect(s).toEqual({ ...EMPTY_SEARCH, outlet: ['ok'] });
  });

  it('swaps a reversed date range', () => {
    const s = parseSearchState(new URLSearchParams('from=2024-05-01&to=2024-01-01'));
    expect([s.from, s.to]).toEqual(['2024-01-01', '2024-05-01']);
  });

  it('moves an id between include and exclude, and back to page 1', () => {
    const s = toggleIn({ ...EMPTY_SEARCH, outlet: ['bbc'], page: 4 }, 'excludeOutlet', 'bbc', true);
    expect(s.outlet).toEqual([]);
    expect(s.excludeOutlet).toEqual(['bbc']);
    expect(s.page).toBe(1);
  });

  it('turns date buckets into inclusive day ranges', () => {
    expect(bucketRange('2024')).toEqual({ from: '2024-01-01', to: '2024-12-31' });
    expect(bucketRange('2024-02')).toEqual({ from: '2024-02-01', to: '2024-02-29' });
    expect(bucketRange('2023-11')).toEqual({ from: '2023-11-01', to: '2023-11-30' });
    expect(bucketRange('2024-05-06')).toEqual({ from: '2024-05-06', to: '2024-05-06' });
  });
});
