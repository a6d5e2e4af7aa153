import { FacetSearchRequest, MAX_QUERY_LENGTH, SearchRequest } from '@newsarchive/core';
import { describe, expect, it } from 'vitest';
import { normalizeFacetRequest, normalizeSearchRequest } from './request.ts';

describe('normalizeSearchRequest', () => {
  it('fills the same defaults as the schema', () => {
    expect(normalizeSearchRequest({})).toEqual(SearchRequest.parse({}));
    expect(normalizeFacetRequest({ facet: 'actor' })).toEqual(
      FacetSearchRequest.parse({ facet: 'actor' }),
    );
  });

  it('keeps what the caller set, and only the request’s own fields', () => {
    const request = SearchRequest.parse({
      q: 'ceasefire',
      outlet: ['a'],
      actor: ['x'],
      excludeOutlet: ['b'],
      excludeActor: ['y'],
      from: '2024-01-01',
      to: '2024-02-01',
      includeHidden: true,
      sort: 'oldest',
      page: 3,
      perPage: 50,
      group: 'story',
    });
    expect(normalizeSearchRequest(request)).toEqual(request);
    const extra = { ...request, token: 'secret' } as SearchRequest;
    expect(normalizeSearchRequest(extra)).not.toHaveProperty('token');
    const facet = FacetSearchRequest.parse({
      facet: 'outlet',
      facetQuery: 'gam',
      limit: 5,
      q: 'x',
    });
    expect(normalizeFacetRequest(facet)).toEqual(facet);
  });

  it('takes any text, however long, and reads missing text as a browse', () => {
    const long = 'word '.repeat(MAX_QUERY_LENGTH);
    expect(normalizeSearchRequest({ q: long }).q).toBe(long);
    expect(normalizeSearchRequest({ q: undefined }).q).toBe('');
    expect(normalizeSearchRequest({ q: 42 as unknown as string }).q).toBe('');
    expect(
      normalizeFacetRequest({ facet: 'actor', facetQuery: null as unknown as string }).facetQuery,
    ).toBe('');
  });
});
