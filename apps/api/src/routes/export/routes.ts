import { createRoute, z } from '@hono/zod-openapi';
import { SearchQuery } from '@newsarchive/core';
import { errors } from '../../openapi.ts';

export const ExportQuery = SearchQuery.safeExtend({
  format: z.enum(['ndjson', 'csv']).optional(),
  /** Only articles in this collection. */
  collection: z.string().min(1).max(100).optional(),
});

export const exportArticles = createRoute({
  method: 'get',
  path: '/api/export',
  tags: ['articles'],
  summary: 'Articles as NDJSON (one Article per line) or CSV, narrowed by the search filters',
  description:
    "Hidden articles are exported only to librarians. With `q`, the export holds the search's matches (at most 10,000); without it, every article passing the filters, in id order.",
  request: { query: ExportQuery },
  responses: {
    200: {
      content: {
        'application/x-ndjson': { schema: z.string() },
        'text/csv': { schema: z.string() },
      },
      description: 'The export, streamed',
    },
    400: errors[400],
    401: errors[401],
    503: errors[503],
  },
});
