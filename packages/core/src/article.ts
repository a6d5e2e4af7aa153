import { CoverageProfile } from './coverage.ts';
import { z } from 'zod';

/** A calendar day, YYYY-MM-DD, that really exists (no 2024-02-30). */
export const IsoDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD')
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
  }, 'not a real calendar date')
  // The refinement is invisible to OpenAPI; `format: date` says the same (2024-02-30 is refused).
  .meta({ format: 'date', description: 'a real calendar date, YYYY-MM-DD' });
export type IsoDay = z.infer<typeof IsoDay>;

/** Ids are url-safe everywhere (Meilisearch accepts a-z A-Z 0-9 - _). */
export const Id = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[A-Za-z0-9_-]+$/, 'expected a url-safe id');

export const ActorType = z.enum(['person', 'organization', 'state', 'group']);
export type ActorType = z.infer<typeof ActorType>;

export const Actor = z.object({ id: Id, name: z.string(), type: ActorType });
export type Actor = z.infer<typeof Actor>;

export const Outlet = z.object({ id: Id, name: z.string() });
export type Outlet = z.infer<typeof Outlet>;

export const ArticleStatus = z.enum(['visible', 'hidden']);
export type ArticleStatus = z.infer<typeof ArticleStatus>;

export const SourceFormat = z.enum([
  'txt',
  'md',
  'html',
  'json',
  'ndjson',
  'csv',
  'rss',
  'atom',
  'docx',
  'rtf',
  'xml',
  'warc',
]);
export type SourceFormat = z.infer<typeof SourceFormat>;

/** Fields a librarian can set; an override always wins over the extracted value. */
export const CuratedField = z.enum([
  'title',
  'outlet',
  'byline',
  'publishedAt',
  'actors',
  'status',
  'collections',
]);
export type CuratedField = z.infer<typeof CuratedField>;

/** A classification entry with the score the press database gives it (`PORTS (92%)`). */
export const MetadataTerm = z.object({
  name: z.string(),
  score: z.number().int().min(0).max(100).optional(),
  /** The database's own code for the term (Factiva: `gpol` for Domestic Politics). */
  code: z.string().optional(),
});
export type MetadataTerm = z.infer<typeof MetadataTerm>;

/**
 * What a press-database export says about an article besides its text (Nexis: section, page,
 * length, language, classification; Factiva also its time, source code, publisher, copyright and
 * accession number). Shown to readers of the article, never searched as text, never read for
 * actors.
 */
export const ArticleMetadata = z.object({
  section: z.string().optional(),
  page: z.string().optional(),
  length: z.string().optional(),
  dateline: z.string().optional(),
  edition: z.string().optional(),
  highlight: z.string().optional(),
  language: z.string().optional(),
  publicationType: z.string().optional(),
  loadDate: z.string().optional(),
  /** Factiva `ET`: the time of day the article was published, as written. */
  time: z.string().optional(),
  /** Factiva `SC`: the database's code for the outlet. */
  sourceCode: z.string().optional(),
  publisher: z.string().optional(),
  copyright: z.string().optional(),
  /** Factiva `AN`: the article's accession number (`Document XXXX` without `Document`). */
  accessionNumber: z.string().optional(),
  /** A web archive's record date: when the page was crawled (not when it was published). */
  crawledAt: z.string().optional(),
  subjects: z.array(MetadataTerm).optional(),
  industries: z.array(MetadataTerm).optional(),
  people: z.array(MetadataTerm).optional(),
  organizations: z.array(MetadataTerm).optional(),
  places: z.array(MetadataTerm).optional(),
});
export type ArticleMetadata = z.infer<typeof ArticleMetadata>;

export const Provenance = z.object({
  format: SourceFormat,
  /**
   * The file, feed or API call the article came from (e.g. `seeds/001.txt`, `feed.xml#3`, `api`).
   * Left out for readers: a path on the server's disk is not theirs to see.
   */
  origin: z.string().optional(),
  /** 1-based line or item number inside the origin, when it holds several articles. */
  line: z.number().int().positive().nullable(),
  ingestedAt: z.string(),
  contentHash: z.string(),
});
export type Provenance = z.infer<typeof Provenance>;

/** An archive record with effective values (librarian override, else extracted value). */
export const Article = z.object({
  id: Id,
  url: z.string().nullable(),
  title: z.string(),
  /** True when no title was found and one was made from the lead. */
  titleDerived: z.boolean(),
  /** Clean paragraphs separated by a blank line ("\n\n"). */
  body: z.string(),
  outlet: Outlet.nullable(),
  byline: z.string().nullable(),
  publishedAt: IsoDay.nullable(),
  actors: z.array(Actor),
  storyId: Id,
  /** Visible articles in the story (what readers see), this one included. */
  storySize: z.number().int().positive(),
  /** Distinct outlets among the story's visible articles. */
  storyOutlets: z.number().int().positive(),
  /** The copy group: articles sharing it are one text republished. */
  copyId: Id,
  /** Visible articles in the copy group, this one included. */
  copies: z.number().int().positive(),
  status: ArticleStatus,
  hiddenReason: z.string().nullable(),
  collections: z.array(z.string()),
  source: Provenance,
  curated: z.array(CuratedField),
  updatedAt: z.string(),
  /** Present when the source said more than the fields above (a Nexis envelope). */
  metadata: ArticleMetadata.optional(),
});
export type Article = z.infer<typeof Article>;

/** One version of a story, as an article page lists it (API, archive and UI share it). */
export const StoryVersion = z.object({
  id: Id,
  title: z.string(),
  outlet: Outlet.nullable(),
  publishedAt: IsoDay.nullable(),
  status: ArticleStatus,
  /** Versions sharing a copyId are copies of one text; the others are other reports. */
  copyId: Id.optional(),
});
export type StoryVersion = z.infer<typeof StoryVersion>;

/**
 * A known spelling of a registry actor: what the archive's registry hands the actor extractor
 * (ActorRegistry.dictionary()) so librarians' aliases and merges shape extraction.
 */
export interface ActorDictionaryEntry {
  alias: string;
  id: string;
  name: string;
  type: ActorType;
}

/** A name found in the text, before the registry resolves it to an actor id. */
export const ActorMention = z.object({
  name: z.string(),
  type: ActorType,
  /** Set when the extractor already resolved the mention to a registry / gazetteer id. */
  id: Id.optional(),
  /** Other spellings met in this article ("Netanyahu", "Israeli Prime Minister Benjamin Netanyahu"). */
  aliases: z.array(z.string()).optional(),
});
export type ActorMention = z.infer<typeof ActorMention>;

/**
 * What ingest hands to the archive: one cleaned article with its extracted values.
 * The archive decides new / updated / unchanged and never overwrites librarian overrides.
 */
export const ExtractedArticle = z.object({
  id: Id,
  url: z.string().nullable(),
  title: z.string().min(1),
  titleDerived: z.boolean(),
  body: z.string().min(1),
  outlet: Outlet.nullable(),
  byline: z.string().nullable(),
  publishedAt: IsoDay.nullable(),
  actors: z.array(ActorMention),
  collections: z.array(z.string()),
  source: z.object({
    format: SourceFormat,
    origin: z.string(),
    line: z.number().int().positive().nullable(),
  }),
  fingerprint: z.object({
    /** sha256 of the normalised title + body: equal hashes mean nothing changed. */
    contentHash: z.string(),
    /** MinHash signature of the body's word shingles, for story grouping. Empty when too short. */
    minhash: z.array(z.number().int()),
    /** What coverage links compare (stories across outlets); absent from older producers. */
    coverage: CoverageProfile.optional(),
  }),
  metadata: ArticleMetadata.optional(),
});
export type ExtractedArticle = z.infer<typeof ExtractedArticle>;

/** What a search engine indexes: the effective, public-facing fields of an article. */
export type SearchDocument = Omit<
  Article,
  'source' | 'curated' | 'titleDerived' | 'updatedAt' | 'metadata'
>;
