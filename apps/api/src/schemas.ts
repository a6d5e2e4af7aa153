import { z } from '@hono/zod-openapi';
import {
  Article,
  AuditEntry,
  EngineName,
  Id,
  IngestSummary,
  Provenance,
  RegistryActor,
  StoryVersion,
  UpsertOutcome,
} from '@newsarchive/core';

/** Response shapes that only the HTTP API has; shared domain shapes live in @newsarchive/core. */

export const IdParam = z.object({ id: Id });

export const ArticlePage = z.object({
  article: Article,
  /** The story's other versions (other outlets, other dates), oldest first; never the article itself. */
  otherVersions: z.array(StoryVersion),
  provenance: Provenance,
});
export type ArticlePage = z.infer<typeof ArticlePage>;

export const ArticleHistory = z.object({ id: Id, entries: z.array(AuditEntry) });

export const ActorList = z.object({
  actors: z.array(RegistryActor),
  limit: z.number().int(),
  offset: z.number().int(),
  /** True when a further page exists. */
  hasMore: z.boolean(),
});

export const Health = z.object({
  /** ok: archive and engine answer; degraded: the engine does not (searches fail, writes queue). */
  status: z.enum(['ok', 'degraded']),
  engine: EngineName,
  engineReachable: z.boolean(),
  articles: z.number().int().nonnegative(),
  pendingIndexOps: z.number().int().nonnegative(),
});

export const IngestItemResult = z.object({
  /** 1-based position of the item in the array, or line in the NDJSON body. */
  item: z.number().int().positive(),
  ok: z.boolean(),
  id: Id.optional(),
  outcome: UpsertOutcome.optional(),
  error: z.string().optional(),
});

export const IngestResponse = z.object({
  summary: IngestSummary.omit({ errors: true }),
  results: z.array(IngestItemResult),
});
export type IngestResponse = z.infer<typeof IngestResponse>;
