import { z } from 'zod';
import { ActorType, ArticleStatus, CuratedField, Id, IsoDay } from './article.ts';
import { Role } from './ingest.ts';

/** A lone UTF-16 surrogate: not text, and not storable as UTF-8. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
// eslint-disable-next-line no-control-regex -- control characters are what this refuses
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

/**
 * Text a librarian types: at most `max` characters as sent (the limit is checked before
 * trimming, so blanks cannot carry a longer value past it), then trimmed, not empty, and free
 * of NUL and other control characters (tab and line breaks allowed) and of lone surrogates.
 */
export function librarianText(max: number) {
  return z
    .string()
    .max(max)
    .refine((s) => !CONTROL.test(s), 'must not contain NUL or other control characters')
    .refine((s) => !LONE_SURROGATE.test(s), 'must not contain lone surrogates (broken UTF-16)')
    .trim()
    .min(1);
}

/** A new actor named by a librarian while correcting an article. */
export const NewActor = z.object({ name: librarianText(200), type: ActorType });
export type NewActor = z.infer<typeof NewActor>;

/**
 * A librarian's correction of one article. Every field is optional; `null` clears a value
 * (e.g. an article with no byline). `revert` drops overrides so the extracted value shows again.
 */
export const ArticlePatch = z
  .object({
    title: librarianText(1000).optional(),
    /** An outlet name; the archive maps it to an outlet id (existing or new). */
    outlet: librarianText(200).nullable().optional(),
    byline: librarianText(500).nullable().optional(),
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
    reason: librarianText(1000).optional(),
    collections: z.array(librarianText(100)).max(50).optional(),
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
    name: librarianText(200).optional(),
    type: ActorType.optional(),
    addAliases: z.array(librarianText(200)).max(50).optional(),
    removeAliases: z.array(librarianText(200)).max(50).optional(),
  })
  .strict();
export type ActorPatch = z.infer<typeof ActorPatch>;

export const ActorMerge = z
  .object({ from: z.array(Id).min(1).max(50), into: Id })
  .strict()
  .refine((m) => !m.from.includes(m.into), {
    message: 'cannot merge an actor into itself',
    path: ['from'],
  })
  .meta({ description: '`into` must not be among `from`: an actor cannot be merged into itself' });
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

/** Two registry actors that are likely one: the registry's suggestion to a librarian. */
export const DuplicateSuggestion = z.object({
  /** The spelling to merge away (fewer articles). */
  actor: RegistryActor,
  /** The actor it likely is (the survivor of a merge). */
  duplicateOf: RegistryActor,
  /** Why: `middle-initial`, `initial`, `part-of-name` or `article`. */
  reason: z.enum(['middle-initial', 'initial', 'part-of-name', 'article']),
});
export type DuplicateSuggestion = z.infer<typeof DuplicateSuggestion>;

export const DistinctActors = z
  .object({ a: Id, b: Id })
  .strict()
  .refine((p) => p.a !== p.b, { message: 'an actor is always the same as itself', path: ['b'] });
export type DistinctActors = z.infer<typeof DistinctActors>;
