import type { SearchResponse as MeiliSearchResponse } from 'meilisearch';
import { describe, expect, it } from 'vitest';
import { normalizeSearchRequest } from '../request.ts';
import { dateFacetOf, emptyResponse, facetFields } from './search.ts';

const request = normalizeSearchRequest({ q: 'ceasefire' });

function facetAnswer(
  years: Record<string, number>,
  min: number,
  max: number,
  totalHits: number,
): MeiliSearchResponse {
  return {
    hits: [],
    totalHits,
    facetDistribution: { year: years },
    facetStats: { date: { min, max } },
    processingTimeMs: 0,
    query: '',
  } as unknown as MeiliSearchResponse;
}

describe('the Meilisearch date facet', () => {
  it('asks for day or month keys only when the range already says they are the interval', () => {
    expect(facetFields('outlet', request)).toEqual(['outletKey']);
    expect(facetFields('actor', request)).toEqual(['actorKeys']);
    expect(facetFields('date', request)).toEqual(['year', 'date']);
    const week = { ...request, from: '2024-03-01', to: '2024-03-07' };
    expect(facetFields('date', week)).toEqual(['year', 'date', 'day']);
  });

  it('counts undated matches as the ones no year holds, and reads min/max from the stats', () => {
    const res = facetAnswer({ '2019': 2, '2023': 3 }, 20190105, 20231231, 7);
    expect(dateFacetOf(res, request, undefined)).toEqual({
      interval: 'year',
      buckets: [
        { key: '2019', count: 2 },
        { key: '2023', count: 3 },
      ],
      min: '2019-01-05',
      max: '2023-12-31',
      undated: 2,
    });
  });

  it('uses the day keys it is given when the matches span days', () => {
    const res = facetAnswer({ '2024': 3 }, 20240301, 20240303, 3);
    const facet = dateFacetOf(res, request, { '2024-03-03': 1, '2024-03-01': 2 });
    expect(facet.interval).toBe('day');
    expect(facet.buckets.map((b) => b.key)).toEqual(['2024-03-01', '2024-03-03']);
  });

  it('answers no matches with an empty year facet', () => {
    const empty = emptyResponse(request, performance.now());
    expect(empty).toMatchObject({ engine: 'meilisearch', totalHits: 0, hits: [] });
    expect(empty.facets.date).toEqual({
      interval: 'year',
      buckets: [],
      min: null,
      max: null,
      undated: 0,
    });
  });
});
