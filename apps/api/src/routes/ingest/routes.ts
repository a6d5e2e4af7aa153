import { createRoute, z } from '@hono/zod-openapi';
import { requireRole } from '../../middleware/auth.ts';
import { bearer, errors } from '../../openapi.ts';
import { IngestResponse } from '../../schemas.ts';

export const IngestQuery = z.object({
  /** Outlet to use for items that name none. */
  outlet: z.string().trim().min(1).max(200).optional(),
  /** Collection every item is added to. */
  collection: z.string().trim().min(1).max(100).optional(),
});

export const ingest = createRoute({
  method: 'post',
  path: '/api/ingest',
  tags: ['ingest'],
  summary:
    'Store articles sent as a JSON array (or one object) or as NDJSON (ingest or librarian token)',
  description:
    'Field names are mapped as by `npm run ingest` (title/headline, body/content/text, outlet/source, date/published, author/byline, url/link). Every item gets a result; a bad item never costs a good one. Bodies over MAX_INGEST_BYTES are refused with 413; a body with no article at all (an empty array, blank NDJSON) with 400.',
  security: bearer,
  middleware: [requireRole('ingest', 'librarian')] as const,
  request: {
    query: IngestQuery,
    body: {
      // Items are checked one by one in the handler, so one bad item cannot sink the batch.
      content: {
        'application/json': {
          schema: z.union([z.array(z.unknown()).min(1), z.record(z.string(), z.unknown())]),
        },
        'application/x-ndjson': {
          schema: z.string().min(1).meta({ description: 'one article per line; at least one' }),
        },
      },
      required: true,
    },
  },
  responses: {
    200: {
      content: { 'application/json': { schema: IngestResponse } },
      description: 'A result per item and the run summary',
    },
    400: errors[400],
    401: errors[401],
    403: errors[403],
    413: errors[413],
  },
});
