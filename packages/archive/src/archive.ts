import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import DatabaseConstructor from 'better-sqlite3';
import type { Database } from 'better-sqlite3';
import type {
  Article,
  ArticlePatch,
  AuditEntry,
  Curator,
  ExtractedArticle,
  IndexTarget,
  IngestSummary,
  SearchDocument,
} from '@newsarchive/core';
import { createActorRegistry } from './actors.ts';
import * as curation from './curation.ts';
import * as runs from './ingest-runs.ts';
import { migrate } from './migrations.ts';
import * as outbox from './outbox.ts';
import * as read from './read-model.ts';
import * as stories from './story-coverage.ts';
import { createTokenStore } from './tokens.ts';
import type {
  Archive,
  ArchiveOptions,
  IngestRunInfo,
  ReadOptions,
  StoryDesk,
  StoryVersion,
  UpsertResult,
} from './types.ts';
import { upsertArticles } from './upsert.ts';

export { toSearchDocument } from './read-model.ts';

/**
 * Any number of ingest commands and a server write to one archive: each write transaction takes
 * the write lock up front (BEGIN IMMEDIATE) and waits for it this long. A transaction that read
 * first and then wrote (a deferred BEGIN) could not wait at all: SQLite answers SQLITE_BUSY at
 * once when a reader asks to become the writer, whatever the busy timeout.
 */
export const DEFAULT_BUSY_TIMEOUT_MS = 30_000;

/** Open (creating if needed) an archive file and bring its schema up to date. */
export function openArchive(options: ArchiveOptions): Archive {
  if (options.path !== ':memory:' && !options.readonly) {
    mkdirSync(dirname(options.path), { recursive: true });
  }
  // The busy timeout is set by the constructor so it covers the very first statement (the WAL
  // switch and the migrations below may meet another process's write lock too).
  const db = new DatabaseConstructor(options.path, {
    readonly: options.readonly ?? false,
    fileMustExist: options.readonly ?? false,
    timeout: options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS,
  });
  if (!options.readonly) {
    // Free pages (a dropped index generation after a re-index) can then be handed back to the
    // file system in steps. Only a new file takes the mode (an older one keeps its own until a
    // VACUUM: `npm run reindex -- --compact`), and only a new one is asked: on an existing file
    // the pragma writes the header, which would wait for another process's write lock.
    const fresh = db.prepare('SELECT count(*) FROM sqlite_master').pluck().get() === 0;
    if (fresh) db.pragma('auto_vacuum = INCREMENTAL');
    db.pragma('journal_mode = WAL');
    // NORMAL in WAL mode survives a killed process (only a power loss may drop the last commits).
    db.pragma('synchronous = NORMAL');
    // A checkpoint copies the WAL into the database and syncs it. An ingest batch rewrites much
    // of the story-band index, so at the default (every 4 MB) each batch paid a checkpoint of
    // its own; at 64 MB a page changed by several batches is copied once (storing -25% wall
    // time on the corpus). The limit truncates the WAL back after a checkpoint.
    db.pragma('wal_autocheckpoint = 16384');
    db.pragma('journal_size_limit = 67108864');
  }
  // The story-band and actor indexes take random inserts; SQLite's default 2 MB page cache
  // made storing a large ingest mostly cache misses.
  db.pragma('cache_size = -131072'); // 128 MiB, allocated only as pages are used
  db.pragma('foreign_keys = ON');
  if (!options.readonly) migrate(db);
  return new SqliteArchive(db, options.path, options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS);
}

/**
 * The archive over one SQLite file. Each part lives in its own module (upsert, read model,
 * curation, outbox, ingest runs); this class holds the connection and the one drain per process.
 */
class SqliteArchive implements Archive {
  readonly actors;
  readonly tokens;
  readonly stories: StoryDesk;
  private draining: Promise<{ indexed: number; removed: number }> | null = null;

  constructor(
    readonly db: Database,
    readonly path: string,
    private readonly busyTimeoutMs: number,
  ) {
    this.actors = createActorRegistry(db);
    this.tokens = createTokenStore(db);
    this.stories = {
      coverage: (id, o = {}) => stories.storyCoverage(db, id, o.includeHidden ?? false),
      split: (id, who) => stories.splitStory(db, id, who),
      join: (id, into, who) => stories.joinStories(db, id, into, who),
      undo: (id, who) => stories.undoStoryCorrections(db, id, who),
      toProfile: (o) => stories.articlesToProfile(db, o),
      setCoverage: (p) => stories.setCoverage(db, p),
    };
  }

  compact(): { before: number; after: number } {
    const size = () =>
      (this.db.pragma('page_count', { simple: true }) as number) *
      (this.db.pragma('page_size', { simple: true }) as number);
    const before = size();
    this.db.pragma('auto_vacuum = INCREMENTAL');
    this.db.exec('VACUUM');
    // The rewritten pages sit in the WAL until a checkpoint copies them and truncates it.
    this.db.pragma('wal_checkpoint(TRUNCATE)');
    return { before, after: size() };
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  // ---- ingest -------------------------------------------------------------------------------
  upsertArticles(batch: ExtractedArticle[], context: { runId?: number } = {}): UpsertResult[] {
    return upsertArticles(this.db, batch, context);
  }

  startIngestRun(args: unknown): number {
    return runs.startIngestRun(this.db, args);
  }

  finishIngestRun(id: number, summary: IngestSummary): void {
    runs.finishIngestRun(this.db, id, summary);
  }

  ingestRuns(limit = 20): IngestRunInfo[] {
    return runs.ingestRuns(this.db, limit);
  }

  // ---- reading ------------------------------------------------------------------------------

  isVisible(id: string): boolean {
    return read.isVisible(this.db, id);
  }

  getArticle(id: string, options: ReadOptions = {}): Article | null {
    return read.getArticle(this.db, id, options);
  }

  storyVersions(storyId: string, options: ReadOptions = {}): StoryVersion[] {
    return read.storyVersions(this.db, storyId, options);
  }

  articles(options: ReadOptions = {}): IterableIterator<Article> {
    return read.articles(this.db, options);
  }

  countArticles(options: ReadOptions = {}): number {
    return read.countArticles(this.db, options);
  }

  searchDocuments(options: { batchSize?: number } = {}): IterableIterator<SearchDocument[]> {
    return read.searchDocuments(this.db, options);
  }

  // ---- curation -----------------------------------------------------------------------------

  patchArticle(id: string, patch: ArticlePatch, who: Curator): Article {
    return curation.patchArticle(this.db, id, patch, who);
  }

  history(entityType: AuditEntry['entityType'], entityId: string): AuditEntry[] {
    return curation.history(this.db, entityType, entityId);
  }

  // ---- index outbox -------------------------------------------------------------------------

  pendingIndexOps(): number {
    return outbox.pendingIndexOps(this.db);
  }

  drainOutbox(
    target: IndexTarget,
    options: { batchSize?: number } = {},
  ): Promise<{ indexed: number; removed: number }> {
    // One drain at a time per process: a second caller shares the one under way.
    this.draining ??= outbox
      .drainLoop(this.db, target, options.batchSize ?? outbox.DRAIN_BATCH, this.busyTimeoutMs)
      .finally(() => {
        this.draining = null;
      });
    return this.draining;
  }
}
