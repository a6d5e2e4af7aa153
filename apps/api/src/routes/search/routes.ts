import { createRoute, z } from '@hono/zod-openapi';
import { FacetName, FacetSearchResponse, SearchQuery, SearchResponse } from '@newsarchive/core';
import { errors, queryLanguage, queryReadingDescription } from '../../openapi.ts';

/** The search parameters, as validated, with the query language documented on `q`. */
const SearchParameters = SearchQuery.safeExtend({
  q: SearchQuery.shape.q.describe(queryLanguage),
});

/** The search response, with `query` documented. */
const SearchAnswer = SearchResponse.safeExtend({
  query: SearchResponse.shape.query.describe(queryReadingDescription),
});

export const FacetQuery = SearchQuery.safeExtend({
  /** Text to find inside the facet's values; `q` stays the search's own text. */
  facetQuery: z.string().max(200, 'facetQuery must be at most 200 characters').optional(),
  limit: z
    .string()
    .regex(/^\d{1,3}$/, 'limit must be a whole number')
    .transform(Number)
    .pipe(z.number().min(1).max(100))
    .meta({ description: 'a whole number from 1 to 100' })
    .optional(),
});

export const search = createRoute({
  method: 'get',
  path: '/api/search',
  tags: ['search'],
  summary: 'Faceted full-text search',
  description:
    '`q` takes the query language: words (all required), `"phrases"`, `-word` or `NOT word` to leave out, `OR` or `|` for either, parentheses to group, `word*` for prefixes. Repeatable parameters (outlet, actor, excludeOutlet, excludeActor) may be given several times. Unknown parameters are ignored. With a librarian token, hidden articles are included.',
  request: { query: SearchParameters },
  responses: {
    200: {
      content: { 'application/json': { schema: SearchAnswer } },
      description: 'Hits, facets and paging',
    },
    400: errors[400],
    401: errors[401],
    429: errors[429],
    503: errors[503],
  },
});

export const facet = createRoute({
  method: 'get',
  path: '/api/facets/{facet}',
  tags: ['search'],
  summary: "Search inside one facet's values",
  description:
    '`facetQuery` is the text to look for among the values; the other parameters are the search filters.',
  request: { params: z.object({ facet: FacetName }), query: FacetQuery },
  responses: {
    200: {
      content: { 'application/json': { schema: FacetSearchResponse } },
      description: 'Matching facet values with counts',
    },
    400: errors[400],
    401: errors[401],
    404: errors[404],
    429: errors[429],
    503: errors[503],
  },
});
