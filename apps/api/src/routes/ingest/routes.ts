import { createRoute, z } from '@hono/zod-openapi';
import { fieldMappingFrom, MAPPABLE_FIELDS } from '@newsarchive/ingest';
import { requireRole } from '../../middleware/auth.ts';
import { bearer, errors } from '../../openapi.ts';
import { IngestResponse } from '../../schemas.ts';

export const IngestQuery = z.object({
  /** Outlet to use for items that name none. */
  outlet: z.string().trim().min(1).max(200).optional(),
  /** Collection every item is added to. */
  collection: z.string().trim().min(1).max(100).optional(),
  /** `field:column` (repeatable): take the field from that key, whatever its name. */
  map: z
    .union([z.string(), z.array(z.string())])
    .optional()
    .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]))
    .pipe(
      z
        .array(
          z
            .string()
            .max(200)
            .regex(/^[^:]+:.+$/, 'map takes field:column, e.g. outlet:journal'),
        )
        .max(MAPPABLE_FIELDS.length * 2),
    )
    .transform((list, ctx) => {
      const checked = fieldMappingFrom(
        list.map((m) => [m.slice(0, m.indexOf(':')), m.slice(m.indexOf(':') + 1)] as const),
      );
      if (checked.ok) return checked.mapping;
      ctx.addIssue({ code: 'custom', message: `map: ${checked.reason}`, input: list });
      return z.NEVER;
    })
    .meta({
      description: `Repeatable \`field:column\`: take the field from that key of each item (e.g. \`map=outlet:journal\`); fields: ${MAPPABLE_FIELDS.join(', ')}. A mapped key that no item has is a 400.`,
    }),
});

export const ingest = createRoute({
  method: 'post',
  path: '/api/ingest',
  tags: ['ingest'],
  summary:
    'Store articles sent as a JSON array (or one object) or as NDJSON (ingest or librarian token)',
  description:
    "Field names are mapped as by `npm run ingest` (title/headline, body/content/text/article text/full text, outlet/journal/newspaper/publication, date/published/pub date, author/byline, url/link), or as `map` says; the summary's `columns` says which key fed which field; a value that looks like a file name is never taken as the outlet. Every item gets a result; a bad item never costs a good one. Bodies over MAX_INGEST_BYTES are refused with 413; a body with no article at all (an empty array, blank NDJSON) with 400.",
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
