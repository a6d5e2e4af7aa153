import type { Database } from 'better-sqlite3';
import type { Actor, Article, CuratedField, Outlet, SearchDocument } from '@newsarchive/core';
import { resolveRedirect } from './actors.ts';
import { cached } from './journal.ts';
import type { ReadOptions, StoryVersion } from './types.ts';

/*
 * The read model: an article as readers and librarians see it, the extracted row with the
 * librarians' overrides laid over it. Hidden articles stay out unless the caller asks.
 */

export interface ArticleRow {
  id: string;
  copy_id: string | null;
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

export const ARTICLE_COLUMNS = `a.id, a.url, a.title, a.title_derived, a.body, a.outlet_id, o.name AS outlet_name,
  a.byline, a.published_at, a.collections, a.status, a.hidden_reason, a.story_id, a.format,
  a.origin, a.line, a.content_hash, a.ingested_at, a.updated_at, a.metadata, a.copy_id`;
export const ARTICLE_FROM = 'articles a LEFT JOIN outlets o ON o.id = a.outlet_id';

/** What each curated field's override holds (JSON in overrides.value). */
export interface OverrideValues {
  title?: string;
  outlet?: Outlet | null;
  byline?: string | null;
  publishedAt?: string | null;
  actors?: { add: string[]; remove: string[] };
  status?: { status: 'visible' | 'hidden'; reason: string | null };
  collections?: string[];
}

export function isVisible(db: Database, id: string): boolean {
  return (
    cached(
      db,
      "SELECT 1 FROM articles INDEXED BY articles_visibility WHERE id = ? AND status = 'visible'",
      true,
    ).get(id) !== undefined
  );
}

export function getArticle(db: Database, id: string, options: ReadOptions = {}): Article | null {
  // A reader's hidden article and a missing one take the same path: one index seek, nothing
  // built, so neither the answer nor its time tells them apart.
  if (!options.includeHidden && !isVisible(db, id)) return null;
  const row = cached(db, `SELECT ${ARTICLE_COLUMNS} FROM ${ARTICLE_FROM} WHERE a.id = ?`).get(
    id,
  ) as ArticleRow | undefined;
  if (!row) return null;
  const [article] = buildArticles(db, [row]);
  if (!article || (article.status === 'hidden' && !options.includeHidden)) return null;
  return article;
}

export function storyVersions(
  db: Database,
  storyId: string,
  options: ReadOptions = {},
): StoryVersion[] {
  const rows = cached(
    db,
    `SELECT ${ARTICLE_COLUMNS} FROM ${ARTICLE_FROM} WHERE a.story_id = ?
       ${options.includeHidden ? '' : "AND a.status = 'visible'"}`,
  ).all(storyId) as ArticleRow[];
  const copyOf = new Map(rows.map((r) => [r.id, r.copy_id ?? r.story_id]));
  return buildArticles(db, rows)
    .map((a) => ({
      id: a.id,
      title: a.title,
      outlet: a.outlet,
      publishedAt: a.publishedAt,
      status: a.status,
      copyId: copyOf.get(a.id)!,
    }))
    .sort((x, y) => (x.publishedAt ?? '9999').localeCompare(y.publishedAt ?? '9999'));
}

export function* articles(db: Database, options: ReadOptions = {}): IterableIterator<Article> {
  for (const rows of rowBatches(db, 500, options.includeHidden ?? false)) {
    yield* buildArticles(db, rows);
  }
}

export function countArticles(db: Database, options: ReadOptions = {}): number {
  return cached(
    db,
    `SELECT count(*) FROM articles ${options.includeHidden ? '' : "WHERE status = 'visible'"}`,
    true,
  ).get() as number;
}

export function* rowBatches(
  db: Database,
  batchSize: number,
  includeHidden: boolean,
): IterableIterator<ArticleRow[]> {
  const stmt = cached(
    db,
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
export function buildArticles(db: Database, rows: ArticleRow[]): Article[] {
  if (rows.length === 0) return [];
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
  // What readers see of each story and copy group: visible articles and their outlets.
  const storySizes = new Map<string, { n: number; outlets: number }>();
  for (const s of cached(
    db,
    `SELECT story_id, count(*) AS n, count(DISTINCT outlet_id) AS outlets FROM articles
       WHERE status = 'visible' AND story_id IN (SELECT value FROM json_each(?)) GROUP BY story_id`,
  ).all(JSON.stringify([...new Set(rows.map((r) => r.story_id))])) as {
    story_id: string;
    n: number;
    outlets: number;
  }[]) {
    storySizes.set(s.story_id, s);
  }
  const copySizes = new Map<string, number>();
  for (const s of cached(
    db,
    `SELECT copy_id, count(*) AS n FROM articles
       WHERE status = 'visible' AND copy_id IN (SELECT value FROM json_each(?)) GROUP BY copy_id`,
  ).all(JSON.stringify([...new Set(rows.map((r) => r.copy_id).filter((c) => c !== null))])) as {
    copy_id: string;
    n: number;
  }[]) {
    copySizes.set(s.copy_id, s.n);
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
      storySize: Math.max(1, storySizes.get(r.story_id)?.n ?? 0),
      storyOutlets: Math.max(1, storySizes.get(r.story_id)?.outlets ?? 0),
      copyId: r.copy_id ?? r.story_id,
      copies: Math.max(1, (r.copy_id && copySizes.get(r.copy_id)) || 0),
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

/** Every article (hidden ones too) as engine documents, in id order, for a rebuild. */
export function* searchDocuments(
  db: Database,
  options: { batchSize?: number } = {},
): IterableIterator<SearchDocument[]> {
  for (const rows of rowBatches(db, options.batchSize ?? 1000, true)) {
    yield buildArticles(db, rows).map(toSearchDocument);
  }
}

/** The fields an engine indexes: everything a reader may see, plus status for filtering. */
export function toSearchDocument(a: Article): SearchDocument {
  const { source: _s, curated: _c, titleDerived: _t, updatedAt: _u, metadata: _m, ...doc } = a;
  return doc;
}
