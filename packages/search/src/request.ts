import { FacetSearchRequest, SearchRequest } from '@newsarchive/core';

/**
 * Fills defaults of a search request without the API's length caps on the free text: the API
 * validates what readers send, and an engine answers whatever text it is given.
 */
export function normalizeSearchRequest(input: SearchRequest): SearchRequest {
  const { q, ...rest } = input;
  return { ...SearchRequest.parse(rest), q: typeof q === 'string' ? q : '' };
}

/** As normalizeSearchRequest, for facet searches. */
export function normalizeFacetRequest(input: FacetSearchRequest): FacetSearchRequest {
  const { q, facetQuery, ...rest } = input;
  return {
    ...FacetSearchRequest.parse(rest),
    q: typeof q === 'string' ? q : '',
    facetQuery: typeof facetQuery === 'string' ? facetQuery : '',
  };
}
