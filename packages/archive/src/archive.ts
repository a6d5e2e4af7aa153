import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import DatabaseConstructor from 'better-sqlite3';
import type { Database } from 'better-sqlite3';
import type {
  Actor,
  Article,
  ArticlePatch,
  AuditEntry,
  CuratedField,
  Curator,
  ExtractedArticle,
  IndexTarget,
  IngestSummary,
  Outlet,
  SearchDocument,
} from '@newsarchive/core';
import { InvalidRequestError, NotFoundError, slugify } from '@newsarchive/core';
import { createActorRegistry, resolveMentions, resolveRedirect } from './actors.ts';
import { migrate } from './migrations.ts';
import { cached, enqueueIndex, nowIso, storyMembers, writeAudit } from './journal.ts';
import { assignStory, decodeMinhash, NUM_HASHES } from './stories.ts';
import { createTokenStore } from './tokens.ts';
import { writeWhenFree } from './write-lock.ts';
import type {
  Archive,
  ArchiveOptions,
  IngestRunInfo,
  ReadOptions,
  StoryVersion,
  UpsertResult,
} from './types.ts';

interface ArticleRow {
  id: string;
  url: string | null;
  title: string;
  title_derived: number;
  body: string;
  outlet_id: string | null;
  outlet_name: string | null;
  byline: string | null;
  published_at: string | null;
  collections: string;
  status: 'visible' | 'hidden';
  hidden_reason: string | null;
  story_id: string;
  format: Article['source']['format'];
  origin: string;
  line: number | null;
  content_hash: string;
  ingested_at: string;
  updated_at: string;
  metadata: string | null;
}

const ARTICLE_COLUMNS = `a.id, a.url, a.title, a.title_derived, a.body, a.outlet_id, o.name AS outlet_name,
  a.byline, a.published_at, a.collections, a.status, a.hidden_reason, a.story_id, a.format,
  a.origin, a.line, a.content_hash, a.ingested_at, a.updated_at, a.metadata`;
const ARTICLE_FROM = 'articles a LEFT JOIN outlets o ON o.id = a.outlet_id';

/** What each curated field's override holds (JSON in overrides.value). */
interface OverrideValues {
  title?: string;
  outlet?: Outlet | null;
  byline?: string | null;
  publishedAt?: string | null;
  actors?: { add: string[]; remove: string[] };
  status?: { status: 'visible' | 'hidden'; reason: string | null };
  collections?: string[];
}

/**
 * A full signature of unsigned 32-bit values is stored as uint32 (1 KB); anything else as
 * float64 so every safe integer survives. decodeMinhash tells the two apart by length.
 */
function encodeMinhash(m: number[]): Buffer | null {
  if (m.length === 0) return null;
  const fitsUint32 =
    m.length === NUM_HASHES && m.every((v) => Number.isInteger(v) && v >= 0 && v <= 0xffffffff);
  return Buffer.from((fitsUint32 ? new Uint32Array(m) : new Float64Array(m)).buffer);
}

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
 * Outbox rows sent to the engine per write: an embedded engine holds the archive's write lock
 * while it indexes them, so a smaller batch lets other writers in sooner.
 */
const DRAIN_BATCH = 250;

class SqliteArchive implements Archive {
  readonly actors;
  readonly tokens;
  private draining: Promise<{ indexed: number; removed: number }> | null = null;

  constructor(
    readonly db: Database,
    readonly path: string,
    private readonly busyTimeoutMs: number,
  ) {
    this.actors = createActorRegistry(db);
    this.tokens = createTokenStore(db);
  }

  close(): void {
    if (this.db.open) this.db.close();
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

  // ---- ingest -------------------------------------------------------------------------------

  upsertArticles(batch: ExtractedArticle[], context: { runId?: number } = {}): UpsertResult[] {
    const cause = context.runId ? `ingest run ${context.runId}` : 'ingest';
    return this.db.transaction(() => batch.map((a) => this.upsertOne(a, cause))).immediate();
  }

  private upsertOne(a: ExtractedArticle, cause: string): UpsertResult {
    const db = this.db;
    const existing = cached(
      db,
      'SELECT content_hash, collections, story_id, story_ref, metadata FROM articles WHERE id = ?',
    ).get(a.id) as
      | {
          content_hash: string;
          collections: string;
          story_id: string;
          story_ref: number;
          metadata: string | null;
        }
      | undefined;
    const metadata = a.metadata ? JSON.stringify(a.metadata) : null;
    const oldCollections: string[] = existing ? JSON.parse(existing.collections) : [];
    const collections = [...new Set([...oldCollections, ...a.collections])].sort();
    if (
      existing &&
      existing.content_hash === a.fingerprint.contentHash &&
      collections.length === oldCollections.length &&
      existing.metadata === metadata
    ) {
      return { id: a.id, outcome: 'unchanged' };
    }
    if (a.outlet) {
      cached(db, 'INSERT INTO outlets (id, name) VALUES (?, ?) ON CONFLICT DO NOTHING').run(
        a.outlet.id,
        a.outlet.name,
      );
    }
    // The old signature is read only on this changed path (an unchanged re-ingest skips it):
    // its LSH bands are cleared by key once the new version is stored.
    const previousMinhash = existing
      ? decodeMinhash(
          cached(db, 'SELECT minhash FROM articles WHERE id = ?', true).get(a.id) as Buffer | null,
        )
      : null;
    const at = nowIso();
    const values = [
      a.url,
      a.title,
      a.titleDerived ? 1 : 0,
      a.body,
      a.outlet?.id ?? null,
      a.byline,
      a.publishedAt,
      JSON.stringify(collections),
      a.source.format,
      a.source.origin,
      a.source.line,
      a.fingerprint.contentHash,
      encodeMinhash(a.fingerprint.minhash),
      metadata,
    ];
    const oldStory = existing?.story_id ?? null;
    // story_ref numbers articles in insertion order; the unique index makes max() one seek.
    const ref = existing
      ? existing.story_ref
      : (cached(db, 'SELECT ifnull(max(story_ref), 0) + 1 FROM articles', true).get() as number);
    // The story is chosen before a new article is stored, so it is inserted with its story id.
    const storyId = assignStory(
      db,
      {
        id: a.id,
        ref,
        publishedAt: a.publishedAt,
        minhash: a.fingerprint.minhash,
        previousMinhash: previousMinhash ?? undefined,
      },
      oldStory,
    );
    if (existing) {
      cached(
        db,
        `UPDATE articles SET url = ?, title = ?, title_derived = ?, body = ?, outlet_id = ?,
           byline = ?, published_at = ?, collections = ?, format = ?, origin = ?, line = ?,
           content_hash = ?, minhash = ?, metadata = ?, updated_at = ?, story_id = ?
         WHERE id = ?`,
      ).run(...values, at, storyId, a.id);
    } else {
      cached(
        db,
        `INSERT INTO articles (url, title, title_derived, body, outlet_id, byline, published_at,
           collections, format, origin, line, content_hash, minhash, metadata, ingested_at,
           updated_at, story_id, id, story_ref)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(...values, at, at, storyId, a.id, ref);
    }

    cached(db, 'DELETE FROM article_actors WHERE article_id = ?').run(a.id);
    const link = cached(
      db,
      'INSERT OR IGNORE INTO article_actors (article_id, actor_id) VALUES (?, ?)',
    );
    for (const actorId of resolveMentions(db, a.actors)) link.run(a.id, actorId);

    const stories = oldStory && oldStory !== storyId ? [oldStory, storyId] : [storyId];
    enqueueIndex(db, [a.id, ...storyMembers(db, stories)], cause);
    return { id: a.id, outcome: existing ? 'updated' : 'new' };
  }

  startIngestRun(args: unknown): number {
    const info = cached(this.db, 'INSERT INTO ingest_runs (started_at, args) VALUES (?, ?)').run(
      nowIso(),
      JSON.stringify(args ?? null),
    );
    return Number(info.lastInsertRowid);
  }

  finishIngestRun(id: number, summary: IngestSummary): void {
    const { errors: _errors, ...counts } = summary;
    cached(this.db, 'UPDATE ingest_runs SET finished_at = ?, summary = ? WHERE id = ?').run(
      nowIso(),
      JSON.stringify(counts),
      id,
    );
  }

  ingestRuns(limit = 20): IngestRunInfo[] {
    const rows = cached(this.db, 'SELECT * FROM ingest_runs ORDER BY id DESC LIMIT ?').all(
      limit,
    ) as {
      id: number;
      started_at: string;
      finished_at: string | null;
      args: string | null;
      summary: string | null;
    }[];
    return rows.map((r) => ({
      id: r.id,
      startedAt: r.started_at,
      finishedAt: r.finished_at,
      args: r.args ? JSON.parse(r.args) : null,
      summary: r.summary ? JSON.parse(r.summary) : null,
    }));
  }

  // ---- reading ------------------------------------------------------------------------------

  isVisible(id: string): boolean {
    return (
      cached(
        this.db,
        "SELECT 1 FROM articles INDEXED BY articles_visibility WHERE id = ? AND status = 'visible'",
        true,
      ).get(id) !== undefined
    );
  }

  getArticle(id: string, options: ReadOptions = {}): Article | null {
    // A reader's hidden article and a missing one take the same path: one index seek, nothing
    // built, so neither the answer nor its time tells them apart.
    if (!options.includeHidden && !this.isVisible(id)) return null;
    const row = cached(
      this.db,
      `SELECT ${ARTICLE_COLUMNS} FROM ${ARTICLE_FROM} WHERE a.id = ?`,
    ).get(id) as ArticleRow | undefined;
    if (!row) return null;
    const [article] = this.buildArticles([row]);
    if (!article || (article.status === 'hidden' && !options.includeHidden)) return null;
    return article;
  }

  storyVersions(storyId: string, options: ReadOptions = {}): StoryVersion[] {
    const rows = cached(
      this.db,
      `SELECT ${ARTICLE_COLUMNS} FROM ${ARTICLE_FROM} WHERE a.story_id = ?
         ${options.includeHidden ? '' : "AND a.status = 'visible'"}`,
    ).all(storyId) as ArticleRow[];
    return this.buildArticles(rows)
      .map((a) => ({
        id: a.id,
        title: a.title,
        outlet: a.outlet,
        publishedAt: a.publishedAt,
        status: a.status,
      }))
      .sort((x, y) => (x.publishedAt ?? '9999').localeCompare(y.publishedAt ?? '9999'));
  }

  *articles(options: ReadOptions = {}): IterableIterator<Article> {
    for (const rows of this.rowBatches(500, options.includeHidden ?? false)) {
      yield* this.buildArticles(rows);
    }
  }

  countArticles(options: ReadOptions = {}): number {
    return cached(
      this.db,
      `SELECT count(*) FROM articles ${options.includeHidden ? '' : "WHERE status = 'visible'"}`,
      true,
    ).get() as number;
  }

  private *rowBatches(batchSize: number, includeHidden: boolean): IterableIterator<ArticleRow[]> {
    const stmt = cached(
      this.db,
      `SELECT ${ARTICLE_COLUMNS} FROM ${ARTICLE_FROM} WHERE a.id > ?
       ${includeHidden ? '' : "AND a.status = 'visible'"} ORDER BY a.id LIMIT ?`,
    );
    let after = '';
    for (;;) {
      const rows = stmt.all(after, batchSize) as ArticleRow[];
      if (rows.length === 0) return;
      yield rows;
      after = rows.at(-1)!.id;
    }
  }

  /** Effective values for many rows at once: three set queries instead of three per article. */
  private buildArticles(rows: ArticleRow[]): Article[] {
    if (rows.length === 0) return [];
    const db = this.db;
    const ids = JSON.stringify(rows.map((r) => r.id));
    const overrides = new Map<string, OverrideValues>();
    for (const o of cached(
      db,
      'SELECT article_id, field, value FROM overrides WHERE article_id IN (SELECT value FROM json_each(?))',
    ).all(ids) as { article_id: string; field: keyof OverrideValues; value: string }[]) {
      const entry = overrides.get(o.article_id) ?? {};
      (entry as Record<string, unknown>)[o.field] = JSON.parse(o.value);
      overrides.set(o.article_id, entry);
    }
    const extractedActors = new Map<string, Actor[]>();
    for (const r of cached(
      db,
      `SELECT aa.article_id, a.id, a.name, a.type FROM article_actors aa
         JOIN actors a ON a.id = aa.actor_id
         WHERE aa.article_id IN (SELECT value FROM json_each(?)) ORDER BY a.name`,
    ).all(ids) as (Actor & { article_id: string })[]) {
      const list = extractedActors.get(r.article_id) ?? [];
      list.push({ id: r.id, name: r.name, type: r.type });
      extractedActors.set(r.article_id, list);
    }
    const storySizes = new Map<string, number>();
    for (const s of cached(
      db,
      `SELECT story_id, count(*) AS n FROM articles
         WHERE status = 'visible' AND story_id IN (SELECT value FROM json_each(?)) GROUP BY story_id`,
    ).all(JSON.stringify([...new Set(rows.map((r) => r.story_id))])) as {
      story_id: string;
      n: number;
    }[]) {
      storySizes.set(s.story_id, s.n);
    }
    const actorById = cached(db, 'SELECT id, name, type FROM actors WHERE id = ?');

    return rows.map((r) => {
      const o = overrides.get(r.id) ?? {};
      let actors = extractedActors.get(r.id) ?? [];
      if (o.actors) {
        const removed = new Set(o.actors.remove.map((id) => resolveRedirect(db, id)));
        const added = o.actors.add
          .map((id) => actorById.get(resolveRedirect(db, id)) as Actor | undefined)
          .filter((x): x is Actor => x !== undefined);
        const seen = new Set<string>();
        actors = [...actors, ...added].filter((x) => {
          if (removed.has(x.id) || seen.has(x.id)) return false;
          seen.add(x.id);
          return true;
        });
      }
      const extractedOutlet =
        r.outlet_id && r.outlet_name ? { id: r.outlet_id, name: r.outlet_name } : null;
      return {
        id: r.id,
        url: r.url,
        title: o.title ?? r.title,
        titleDerived: o.title === undefined && r.title_derived === 1,
        body: r.body,
        outlet: o.outlet !== undefined ? o.outlet : extractedOutlet,
        byline: o.byline !== undefined ? o.byline : r.byline,
        publishedAt: o.publishedAt !== undefined ? o.publishedAt : r.published_at,
        actors,
        storyId: r.story_id,
        storySize: Math.max(1, storySizes.get(r.story_id) ?? 0),
        status: r.status,
        hiddenReason: r.hidden_reason,
        collections: o.collections ?? (JSON.parse(r.collections) as string[]),
        source: {
          format: r.format,
          origin: r.origin,
          line: r.line,
          ingestedAt: r.ingested_at,
          contentHash: r.content_hash,
        },
        curated: Object.keys(o) as CuratedField[],
        updatedAt: r.updated_at,
        ...(r.metadata ? { metadata: JSON.parse(r.metadata) as Article['metadata'] } : {}),
      };
    });
  }

  // ---- curation -----------------------------------------------------------------------------

  patchArticle(id: string, patch: ArticlePatch, who: Curator): Article {
    return this.db
      .transaction(() => {
        const before = this.getArticle(id, { includeHidden: true });
        if (!before) throw new NotFoundError(`no article with id ${id}`);
        const db = this.db;
        const at = nowIso();
        const setOverride = cached(
          db,
          `INSERT INTO overrides (article_id, field, value, set_at, set_by) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (article_id, field) DO UPDATE SET value = excluded.value,
           set_at = excluded.set_at, set_by = excluded.set_by`,
        );
        const set = (field: keyof OverrideValues, value: unknown) =>
          setOverride.run(id, field, JSON.stringify(value), at, who.name);

        for (const field of patch.revert ?? []) {
          cached(db, 'DELETE FROM overrides WHERE article_id = ? AND field = ?').run(id, field);
          if (field === 'status') {
            cached(
              db,
              "UPDATE articles SET status = 'visible', hidden_reason = NULL WHERE id = ?",
            ).run(id);
          }
        }
        if (patch.title !== undefined) set('title', patch.title);
        if (patch.byline !== undefined) set('byline', patch.byline);
        if (patch.publishedAt !== undefined) set('publishedAt', patch.publishedAt);
        if (patch.collections !== undefined)
          set('collections', [...new Set(patch.collections)].sort());
        if (patch.outlet !== undefined) {
          let outlet: Outlet | null = null;
          if (patch.outlet !== null) {
            outlet = { id: slugify(patch.outlet), name: patch.outlet };
            const known = cached(db, 'SELECT name FROM outlets WHERE id = ?', true).get(outlet.id);
            if (known === undefined) {
              cached(db, 'INSERT INTO outlets (id, name) VALUES (?, ?)').run(
                outlet.id,
                outlet.name,
              );
            } else {
              outlet.name = known as string;
            }
          }
          set('outlet', outlet);
        }
        if (patch.actors) {
          const current =
            (cached(
              db,
              "SELECT value FROM overrides WHERE article_id = ? AND field = 'actors'",
              true,
            ).get(id) as string | undefined) ?? '{"add":[],"remove":[]}';
          const actors = JSON.parse(current) as { add: string[]; remove: string[] };
          for (const item of patch.actors.add) {
            const actorId =
              typeof item === 'string'
                ? resolveRedirect(db, item)
                : resolveMentions(db, [{ name: item.name, type: item.type }])[0];
            if (!actorId || !cached(db, 'SELECT 1 FROM actors WHERE id = ?').get(actorId)) {
              throw new InvalidRequestError(`no actor with id ${String(item)}`, [
                { path: ['actors', 'add'], message: `unknown actor ${String(item)}` },
              ]);
            }
            actors.remove = actors.remove.filter((x) => x !== actorId);
            if (!actors.add.includes(actorId)) actors.add.push(actorId);
          }
          for (const item of patch.actors.remove) {
            const actorId = resolveRedirect(db, item);
            actors.add = actors.add.filter((x) => x !== actorId);
            if (!actors.remove.includes(actorId)) actors.remove.push(actorId);
          }
          set('actors', actors);
        }
        if (patch.status !== undefined) {
          const reason = patch.status === 'hidden' ? (patch.reason ?? null) : null;
          set('status', { status: patch.status, reason });
          cached(db, 'UPDATE articles SET status = ?, hidden_reason = ? WHERE id = ?').run(
            patch.status,
            reason,
            id,
          );
        }

        const after = this.getArticle(id, { includeHidden: true })!;
        const changed = (Object.keys(after) as (keyof Article)[]).filter(
          (k) => k !== 'updatedAt' && JSON.stringify(before[k]) !== JSON.stringify(after[k]),
        );
        const pick = (a: Article) => Object.fromEntries(changed.map((k) => [k, a[k]]));
        const action =
          patch.status === 'hidden' && before.status !== 'hidden'
            ? 'article.hide'
            : patch.status === 'visible' && before.status === 'hidden'
              ? 'article.restore'
              : 'article.update';
        const auditId = writeAudit(db, {
          who,
          action,
          entityType: 'article',
          entityId: id,
          before: pick(before),
          after: pick(after),
          reason: patch.reason ?? null,
        });
        // A status change alters storySize for every version of the story.
        const affected = changed.includes('status') ? storyMembers(db, [after.storyId]) : [id];
        enqueueIndex(db, [id, ...affected], `audit ${auditId}`);
        return after;
      })
      .immediate();
  }

  history(entityType: AuditEntry['entityType'], entityId: string): AuditEntry[] {
    const rows = cached(
      this.db,
      'SELECT * FROM audit WHERE entity_type = ? AND entity_id = ? ORDER BY id DESC',
    ).all(entityType, entityId) as {
      id: number;
      at: string;
      who: string;
      action: string;
      entity_type: AuditEntry['entityType'];
      entity_id: string;
      before: string | null;
      after: string | null;
      reason: string | null;
    }[];
    return rows.map((r) => ({
      id: r.id,
      at: r.at,
      who: r.who,
      action: r.action,
      entityType: r.entity_type,
      entityId: r.entity_id,
      before: r.before ? JSON.parse(r.before) : null,
      after: r.after ? JSON.parse(r.after) : null,
      reason: r.reason,
    }));
  }

  // ---- index outbox -------------------------------------------------------------------------

  pendingIndexOps(): number {
    return cached(this.db, 'SELECT count(*) FROM outbox', true).get() as number;
  }

  drainOutbox(
    target: IndexTarget,
    options: { batchSize?: number } = {},
  ): Promise<{ indexed: number; removed: number }> {
    // One drain at a time per process: a second caller shares the one under way.
    this.draining ??= this.drainLoop(target, options.batchSize ?? DRAIN_BATCH).finally(() => {
      this.draining = null;
    });
    return this.draining;
  }

  private async drainLoop(target: IndexTarget, batchSize: number) {
    let indexed = 0;
    let removed = 0;
    const take = cached(
      this.db,
      'SELECT seq, article_id, op, changes FROM outbox ORDER BY seq LIMIT ?',
    );
    // Only rows unchanged since they were read: a change made while the engine call was in
    // flight keeps its row, so the newer document is sent on the next pass.
    const done = cached(this.db, 'DELETE FROM outbox WHERE seq = ? AND changes = ?');
    const acknowledge = this.db.transaction((taken: { seq: number; changes: number }[]) => {
      for (const r of taken) done.run(r.seq, r.changes);
    });
    for (;;) {
      const rows = take.all(batchSize) as {
        seq: number;
        article_id: string;
        op: string;
        changes: number;
      }[];
      if (rows.length === 0) break;
      // The newest operation per article wins; documents are read fresh, so they are current.
      const latest = new Map<string, string>();
      for (const r of rows) latest.set(r.article_id, r.op);
      const indexIds = [...latest].filter(([, op]) => op === 'index').map(([id]) => id);
      const docs = this.documentsFor(indexIds);
      const found = new Set(docs.map((d) => d.id));
      const removeIds = [...latest.keys()].filter((id) => !found.has(id));
      // The lock is waited for with timers: a server drains while ingest commands write, and a
      // busy wait would stall every request it serves.
      const timeout = this.busyTimeoutMs;
      if (docs.length) await writeWhenFree(this.db, () => target.index(docs), timeout);
      if (removeIds.length) await writeWhenFree(this.db, () => target.remove(removeIds), timeout);
      await writeWhenFree(this.db, () => acknowledge(rows), timeout);
      indexed += docs.length;
      removed += removeIds.length;
    }
    return { indexed, removed };
  }

  private documentsFor(ids: string[]): SearchDocument[] {
    if (ids.length === 0) return [];
    const rows = cached(
      this.db,
      `SELECT ${ARTICLE_COLUMNS} FROM ${ARTICLE_FROM} WHERE a.id IN (SELECT value FROM json_each(?))`,
    ).all(JSON.stringify(ids)) as ArticleRow[];
    return this.buildArticles(rows).map(toSearchDocument);
  }

  *searchDocuments(options: { batchSize?: number } = {}): IterableIterator<SearchDocument[]> {
    for (const rows of this.rowBatches(options.batchSize ?? 1000, true)) {
      yield this.buildArticles(rows).map(toSearchDocument);
    }
  }
}

/** The fields an engine indexes: everything a reader may see, plus status for filtering. */
export function toSearchDocument(a: Article): SearchDocument {
  const { source: _s, curated: _c, titleDerived: _t, updatedAt: _u, metadata: _m, ...doc } = a;
  return doc;
}
