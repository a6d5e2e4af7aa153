import { z } from 'zod';
import { ActorType, ArticleStatus, CuratedField, Id, IsoDay } from './article.ts';
import { Role } from './ingest.ts';

/** A new actor named by a librarian while correcting an article. */
export const NewActor = z.object({ name: z.string().trim().min(1).max(200), type: ActorType });
export type NewActor = z.infer<typeof NewActor>;

/**
 * A librarian's correction of one article. Every field is optional; `null` clears a value
 * (e.g. an article with no byline). `revert` drops overrides so the extracted value shows again.
 */
export const ArticlePatch = z
  .object({
    title: z.string().trim().min(1).max(1000).optional(),
    /** An outlet name; the archive maps it to an outlet id (existing or new). */
    outlet: z.string().trim().min(1).max(200).nullable().optional(),
    byline: z.string().trim().min(1).max(500).nullable().optional(),
    publishedAt: IsoDay.nullable().optional(),
    actors: z
      .object({
        add: z
          .array(z.union([Id, NewActor]))
          .max(100)
          .default([]),
        remove: z.array(Id).max(100).default([]),
      })
      .optional(),
    status: ArticleStatus.optional(),
    /** Required when hiding: why the article is hidden. */
    reason: z.string().trim().min(1).max(1000).optional(),
    collections: z.array(z.string().trim().min(1).max(100)).max(50).optional(),
    revert: z.array(CuratedField).optional(),
  })
  .strict()
  .refine((p) => p.status !== 'hidden' || p.reason !== undefined, {
    message: 'a reason is required to hide an article',
    path: ['reason'],
  });
export type ArticlePatch = z.infer<typeof ArticlePatch>;
export type ArticlePatchInput = z.input<typeof ArticlePatch>;

/** Who made a change: a token's holder, or a command run on the archive's machine. */
export const Curator = z.object({
  tokenId: z.string().nullable(),
  name: z.string(),
  role: z.union([Role, z.literal('cli')]),
});
export type Curator = z.infer<typeof Curator>;

export const AuditEntry = z.object({
  id: z.number().int(),
  at: z.string(),
  who: z.string(),
  action: z.string(),
  entityType: z.enum(['article', 'actor', 'token']),
  entityId: z.string(),
  before: z.unknown(),
  after: z.unknown(),
  reason: z.string().nullable(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

export const ActorPatch = z
  .object({
    name: z.string().trim().min(1).max(200).optional(),
    type: ActorType.optional(),
    addAliases: z.array(z.string().trim().min(1).max(200)).max(50).optional(),
    removeAliases: z.array(z.string().trim().min(1).max(200)).max(50).optional(),
  })
  .strict();
export type ActorPatch = z.infer<typeof ActorPatch>;

export const ActorMerge = z
  .object({ from: z.array(Id).min(1).max(50), into: Id })
  .strict()
  .refine((m) => !m.from.includes(m.into), {
    message: 'cannot merge an actor into itself',
    path: ['from'],
  });
export type ActorMerge = z.infer<typeof ActorMerge>;

/** An actor as the registry keeps it, with how many articles name it. */
export const RegistryActor = z.object({
  id: Id,
  name: z.string(),
  type: ActorType,
  aliases: z.array(z.string()),
  articles: z.number().int().nonnegative(),
});
export type RegistryActor = z.infer<typeof RegistryActor>;
