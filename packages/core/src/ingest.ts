import { z } from 'zod';

export const IngestError = z.object({
  /** The file, feed or input the failure came from. */
  source: z.string(),
  /** 1-based line (NDJSON, CSV) or item number (JSON array, feed), when known. */
  line: z.number().int().positive().optional(),
  reason: z.string(),
});
export type IngestError = z.infer<typeof IngestError>;

/** Counts are of articles, so one NDJSON file can count many. */
export const IngestSummary = z.object({
  new: z.number().int().nonnegative(),
  updated: z.number().int().nonnegative(),
  unchanged: z.number().int().nonnegative(),
  failed: z.number().int().nonnegative(),
  skipped: z.number().int().nonnegative(),
  errors: z.array(IngestError),
  /**
   * Per CSV/JSON/NDJSON file: which column fed which field (`{outlet: 'journal', body: 'text'}`),
   * recognised by name or mapped by the librarian.
   */
  columns: z
    .array(z.object({ source: z.string(), fields: z.record(z.string(), z.string()) }))
    .optional(),
});
export type IngestSummary = z.infer<typeof IngestSummary>;

export const UpsertOutcome = z.enum(['new', 'updated', 'unchanged']);
export type UpsertOutcome = z.infer<typeof UpsertOutcome>;

export const Role = z.enum(['librarian', 'ingest']);
export type Role = z.infer<typeof Role>;
