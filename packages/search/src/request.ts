import type { FacetSearchRequest, SearchFilters, SearchRequest } from '@newsarchive/core';

/*
 * Engines receive requests that are already typed: the API validated them against the zod
 * schemas in @newsarchive/core, once. Here only the defaults a caller may have left out are
 * filled in (tests and scripts pass partial objects); nothing is validated again, and the free
 * text has no length cap: an engine answers whatever text it is given.
 */

/** The filters of a request with their defaults, and nothing else of it. */
function filtersOf(input: Partial<SearchFilters>): SearchFilters {
  return {
    q: typeof input.q === 'string' ? input.q : '',
    outlet: input.outlet ?? [],
    actor: input.actor ?? [],
    excludeOutlet: input.excludeOutlet ?? [],
    excludeActor: input.excludeActor ?? [],
    ...(input.from !== undefined ? { from: input.from } : {}),
    ...(input.to !== undefined ? { to: input.to } : {}),
    includeHidden: input.includeHidden ?? false,
  };
}

/** A search request with its defaults filled in (the schema's defaults, without a parse). */
export function normalizeSearchRequest(input: Partial<SearchRequest>): SearchRequest {
  return {
    ...filtersOf(input),
    sort: input.sort ?? 'relevance',
    page: input.page ?? 1,
    perPage: input.perPage ?? 20,
    ...(input.group !== undefined ? { group: input.group } : {}),
  };
}

/** As normalizeSearchRequest, for facet searches. */
export function normalizeFacetRequest(
  input: Partial<FacetSearchRequest> & Pick<FacetSearchRequest, 'facet'>,
): FacetSearchRequest {
  return {
    ...filtersOf(input),
    facet: input.facet,
    facetQuery: typeof input.facetQuery === 'string' ? input.facetQuery : '',
    limit: input.limit ?? 20,
  };
}
