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
});
export type IngestSummary = z.infer<typeof IngestSummary>;

export const UpsertOutcome = z.enum(['new', 'updated', 'unchanged']);
export type UpsertOutcome = z.infer<typeof UpsertOutcome>;

export const Role = z.enum(['librarian', 'ingest']);
export type Role = z.infer<typeof Role>;
