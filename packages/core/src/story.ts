import { z } from 'zod';
import { Actor, Id, IsoDay, Outlet } from './article.ts';

/*
 * What readers see of a story: the counts beside a result and the coverage view
 * (GET /api/stories/:id). Counts hold only the articles the asker may see.
 */

export const StoryCounts = z.object({
  /** Articles in the story. */
  storySize: z.number().int().positive(),
  /** Distinct outlets among them. */
  storyOutlets: z.number().int().positive(),
  /** The article's copy group: the same text republished. */
  copyId: Id,
  /** Articles in that copy group, the article itself included. */
  copies: z.number().int().positive(),
});
export type StoryCounts = z.infer<typeof StoryCounts>;

export const CoverageArticle = z.object({
  id: Id,
  url: z.string().nullable(),
  title: z.string(),
  outlet: Outlet.nullable(),
  byline: z.string().nullable(),
  publishedAt: IsoDay.nullable(),
  copyId: Id,
  copies: z.number().int().positive(),
  hidden: z.literal(true).optional(),
});
export type CoverageArticle = z.infer<typeof CoverageArticle>;

export const StoryCoverage = z.object({
  story: z.object({
    id: Id,
    size: z.number().int().positive(),
    outlets: z.number().int().nonnegative(),
    /** Distinct copy groups: how many different texts tell the story. */
    copies: z.number().int().positive(),
    from: IsoDay.nullable(),
    to: IsoDay.nullable(),
  }),
  /** Oldest first. */
  articles: z.array(CoverageArticle),
  /** Most articles first. */
  outlets: z.array(Outlet.extend({ count: z.number().int().positive() })),
  /** Actors named by two or more of the story's articles, most shared first. */
  actors: z.array(Actor.extend({ count: z.number().int().positive() })),
});
export type StoryCoverage = z.infer<typeof StoryCoverage>;
