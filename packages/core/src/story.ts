import { z } from 'zod';
import { Actor, Id, IsoDay, Outlet } from './article.ts';

/*
 * The coverage view of a story (GET /api/stories/:id): its articles by outlet and time. The
 * counts beside a result are the article's own fields (storySize, storyOutlets, copies).
 */

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
