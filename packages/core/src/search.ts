import { z } from 'zod';
import { Actor, ActorType, Id, IsoDay, Outlet } from './article.ts';

/** A piece of highlighted text. Highlights are data, never HTML. */
export const Segment = z.object({ text: z.string(), match: z.boolean() });
export type Segment = z.infer<typeof Segment>;

export const SortOrder = z.enum(['relevance', 'newest', 'oldest']);
export type SortOrder = z.infer<typeof SortOrder>;

export const MAX_QUERY_LENGTH = 512;
export const MAX_PER_PAGE = 100;

/** Filters shared by search and facet search. */
export const SearchFilters = z.object({
  q: z.string().max(MAX_QUERY_LENGTH).default(''),
  /** Any of these outlets. */
  outlet: z.array(Id).default([]),
  /** All of these actors. */
  actor: z.array(Id).default([]),
  excludeOutlet: z.array(Id).default([]),
  excludeActor: z.array(Id).default([]),
  /** Inclusive. Undated articles are left out whenever from or to is set. */
  from: IsoDay.optional(),
  to: IsoDay.optional(),
  /** Only librarians: include hidden articles. Never set from a reader's query string. */
  includeHidden: z.boolean().default(false),
});
export type SearchFilters = z.infer<typeof SearchFilters>;

export const SearchRequest = SearchFilters.extend({
  sort: SortOrder.default('relevance'),
  page: z.number().int().min(1).default(1),
  perPage: z.number().int().min(1).max(MAX_PER_PAGE).default(20),
  /** 'story': one hit per story (the best one), with the story's size. */
  group: z.enum(['story']).optional(),
});
export type SearchRequest = z.infer<typeof SearchRequest>;
export type SearchRequestInput = z.input<typeof SearchRequest>;

export const FacetName = z.enum(['outlet', 'actor']);
export type FacetName = z.infer<typeof FacetName>;

export const FacetSearchRequest = SearchFilters.extend({
  facet: FacetName,
  /** Text to find inside the facet's values (prefix / substring of the names). */
  facetQuery: z.string().max(200).default(''),
  limit: z.number().int().min(1).max(100).default(20),
});
export type FacetSearchRequest = z.infer<typeof FacetSearchRequest>;

export const OutletCount = Outlet.extend({ count: z.number().int().nonnegative() });
export type OutletCount = z.infer<typeof OutletCount>;
export const ActorCount = Actor.extend({ count: z.number().int().nonnegative() });
export type ActorCount = z.infer<typeof ActorCount>;

export const DateInterval = z.enum(['day', 'month', 'year']);
export type DateInterval = z.infer<typeof DateInterval>;

export const DateFacet = z.object({
  interval: DateInterval,
  /** key is YYYY-MM-DD, YYYY-MM or YYYY depending on the interval; ascending. */
  buckets: z.array(z.object({ key: z.string(), count: z.number().int().nonnegative() })),
  /** Earliest and latest publishedAt among the matching articles (ignoring the date filter). */
  min: IsoDay.nullable(),
  max: IsoDay.nullable(),
  /** Matching articles with no date. */
  undated: z.number().int().nonnegative(),
});
export type DateFacet = z.infer<typeof DateFacet>;

export const SearchHit = z.object({
  id: Id,
  url: z.string().nullable(),
  title: z.array(Segment),
  snippet: z.array(Segment),
  outlet: Outlet.nullable(),
  byline: z.string().nullable(),
  publishedAt: IsoDay.nullable(),
  actors: z.array(Actor),
  storyId: Id,
  storySize: z.number().int().positive(),
  /** Distinct outlets in the story; the hit's copy group and its size (visible articles). */
  storyOutlets: z.number().int().positive(),
  copyId: Id,
  copies: z.number().int().positive(),
  /**
   * Present (true) only on an article a librarian has hidden, which only librarians' searches
   * return: their result lists can mark it.
   */
  hidden: z.literal(true).optional(),
});
export type SearchHit = z.infer<typeof SearchHit>;

export const EngineName = z.enum(['meilisearch', 'embedded']);
export type EngineName = z.infer<typeof EngineName>;

export const SearchResponse = z.object({
  engine: EngineName,
  totalHits: z.number().int().nonnegative(),
  totalHitsExact: z.boolean(),
  page: z.number().int().min(1),
  perPage: z.number().int().min(1),
  totalPages: z.number().int().nonnegative(),
  processingTimeMs: z.number().nonnegative(),
  hits: z.array(SearchHit),
  /**
   * How the query was read, in the query language itself (`trump -russia`, `(a OR b) c`), and
   * the query with unknown words replaced by their closest known spelling, when there are any.
   */
  query: z.object({ read: z.string(), suggestion: z.string().nullable() }).optional(),
  facets: z.object({
    outlet: z.array(OutletCount),
    actor: z.array(ActorCount),
    date: DateFacet,
  }),
});
export type SearchResponse = z.infer<typeof SearchResponse>;

export const FacetSearchResponse = z.object({
  facet: FacetName,
  values: z.array(
    z.object({
      id: Id,
      name: z.string(),
      type: ActorType.optional(),
      count: z.number().int().nonnegative(),
    }),
  ),
});
export type FacetSearchResponse = z.infer<typeof FacetSearchResponse>;

const repeated = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]))
  .pipe(z.array(Id));
const integer = (name: string) =>
  z
    .string()
    .regex(/^\d{1,9}$/, `${name} must be a whole number`)
    .transform(Number);

/**
 * The HTTP query string of GET /api/search (values as strings, repeatable keys as arrays),
 * parsed into a SearchRequest. Unknown parameters are ignored; `includeHidden` is never read
 * from here — the API sets it from the caller's role.
 */
export const SearchQuery = z
  .object({
    q: z
      .string()
      .max(MAX_QUERY_LENGTH, `q must be at most ${MAX_QUERY_LENGTH} characters`)
      .optional(),
    outlet: repeated,
    actor: repeated,
    excludeOutlet: repeated,
    excludeActor: repeated,
    from: IsoDay.optional(),
    to: IsoDay.optional(),
    sort: SortOrder.optional(),
    page: integer('page')
      .pipe(z.number().min(1))
      .meta({ description: 'a whole number, at least 1' })
      .optional(),
    perPage: integer('perPage')
      .pipe(z.number().min(1).max(MAX_PER_PAGE))
      .meta({ description: `a whole number from 1 to ${MAX_PER_PAGE}` })
      .optional(),
    group: z.enum(['story']).optional(),
  })
  .refine((v) => !v.from || !v.to || v.from <= v.to, {
    message: 'from must not be after to',
    path: ['from'],
  });
export type SearchQuery = z.input<typeof SearchQuery>;
