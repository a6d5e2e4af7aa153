import type { Database } from 'better-sqlite3';
import type {
  ActorDictionaryEntry,
  ActorMerge,
  ActorPatch,
  Article,
  ArticlePatch,
  AuditEntry,
  CoverageProfile,
  Curator,
  StoryCoverage,
  ExtractedArticle,
  IndexTarget,
  IngestSummary,
  DuplicateSuggestion,
  RegistryActor,
  Role,
  SearchDocument,
  StoryVersion,
  UpsertOutcome,
} from '@newsarchive/core';

export interface ArchiveOptions {
  /** Path of the SQLite file; ':memory:' for a throwaway archive. */
  path: string;
  readonly?: boolean;
  /**
   * How long a write waits for another process's write (an ingest command, the server) before
   * failing with "database is locked". Default 30 s.
   */
  busyTimeoutMs?: number;
}

export interface UpsertResult {
  id: string;
  outcome: UpsertOutcome;
}

export type { StoryVersion, ActorDictionaryEntry } from '@newsarchive/core';

export interface ReadOptions {
  /** Librarians only: include hidden articles. */
  includeHidden?: boolean;
}

export interface TokenRecord {
  id: string;
  name: string;
  role: Role;
  createdAt: string;
  revokedAt: string | null;
  lastUsedAt: string | null;
}

export interface IngestRunInfo {
  id: number;
  startedAt: string;
  finishedAt: string | null;
  args: unknown;
  summary: Omit<IngestSummary, 'errors'> | null;
}

/** Stories as readers see them, and librarians' corrections of them. */
export interface StoryDesk {
  /** The coverage view; null when the story has no article the asker may see. */
  coverage(storyId: string, options?: ReadOptions): StoryCoverage | null;
  /** The article leaves its story and stands alone; returns its new storyId. Audited. */
  split(articleId: string, who: Curator): string;
  /** The two articles' stories become one; returns the storyId. Audited. */
  join(articleId: string, into: string, who: Curator): string;
  /** Removes the article's split and joins; returns its storyId. Audited. */
  undo(articleId: string, who: Curator): string;
  /** A page of articles (effective values) lacking a coverage profile, or all with `all`. */
  toProfile(options: { afterRef: number; limit: number; all: boolean }): {
    ref: number;
    article: Article;
  }[];
  /** Stores profiles and re-draws their stories; returns how many articles changed story. */
  setCoverage(profiles: { id: string; coverage: CoverageProfile }[]): number;
}

export interface ActorRegistry {
  list(options?: {
    q?: string;
    type?: RegistryActor['type'];
    limit?: number;
    offset?: number;
    /** Default true; false (readers) leaves out actors named only in hidden articles. */
    includeHidden?: boolean;
  }): RegistryActor[];
  get(id: string, options?: ReadOptions): RegistryActor | null;
  update(id: string, patch: ActorPatch, who: Curator): RegistryActor;
  merge(merge: ActorMerge, who: Curator): RegistryActor;
  /**
   * Undoes the merge that took actor `id` away: it comes back with its spellings and the
   * articles that named it; the survivor keeps what it had before. Audited like the merge.
   */
  unmerge(id: string, who: Curator): RegistryActor;
  /** The id an actor id stands for now: itself, or the survivor it was merged into. */
  canonicalId(id: string): string;
  /** Likely duplicates for a librarian to merge, best-known survivors first; see findDuplicates. */
  suggestDuplicates(options?: { limit?: number }): DuplicateSuggestion[];
  /** A librarian's "not the same": the pair is not suggested again. Audited. */
  markDistinct(a: string, b: string, who: Curator): void;
  delete(id: string, who: Curator): void;
  dictionary(): ActorDictionaryEntry[];
}

export interface TokenStore {
  /** Returns the secret once; only its hash is stored. */
  create(role: Role, name: string): { id: string; token: string; role: Role; name: string };
  list(): TokenRecord[];
  revoke(id: string): boolean;
  /** The token's record when it is valid and not revoked, else null. */
  verify(token: string): TokenRecord | null;
}

/**
 * The system of record. Every multi-row change is one transaction. Implemented in archive.ts;
 * made with `openArchive(options)`.
 */
export interface Archive {
  /** The better-sqlite3 handle; the embedded search engine keeps its tables in this same file. */
  readonly db: Database;
  readonly path: string;
  close(): void;
  /**
   * Rewrites the file without its free pages (VACUUM), switching an older archive to
   * incremental auto-vacuum so later re-indexes give pages back on their own. Holds the write
   * lock throughout (readers go on); returns the file's size in bytes before and after.
   */
  compact(): { before: number; after: number };

  /** Store extracted articles; overrides win; queues index operations in the outbox. */
  upsertArticles(batch: ExtractedArticle[], context?: { runId?: number }): UpsertResult[];
  /** True when a visible article has this id (one index seek; hidden and missing alike false). */
  isVisible(id: string): boolean;
  /** The article; null when missing, or hidden and `includeHidden` is not set. */
  getArticle(id: string, options?: ReadOptions): Article | null;
  /** The story's versions, oldest first, the article itself included. */
  storyVersions(storyId: string, options?: ReadOptions): StoryVersion[];
  /** Every article (effective values), in id order; hidden ones only with includeHidden. */
  articles(options?: ReadOptions): IterableIterator<Article>;
  countArticles(options?: ReadOptions): number;

  /** A librarian's correction: stored as overrides, audited, queued for the index. */
  patchArticle(id: string, patch: ArticlePatch, who: Curator): Article;
  history(entityType: AuditEntry['entityType'], entityId: string): AuditEntry[];

  readonly actors: ActorRegistry;
  readonly tokens: TokenStore;
  readonly stories: StoryDesk;

  startIngestRun(args: unknown): number;
  finishIngestRun(id: number, summary: IngestSummary): void;
  ingestRuns(limit?: number): IngestRunInfo[];

  pendingIndexOps(): number;
  /** Send pending operations to the engine, oldest first, in batches; rows are removed once the
   * engine accepted them (at-least-once). Rejects, leaving the rows, when the engine fails. */
  drainOutbox(
    target: IndexTarget,
    options?: { batchSize?: number },
  ): Promise<{ indexed: number; removed: number }>;
  /** Every article (hidden ones too: engines filter by status) as search documents, in batches. */
  searchDocuments(options?: { batchSize?: number }): IterableIterator<SearchDocument[]>;
}
