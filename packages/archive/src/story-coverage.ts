import type { Database } from 'better-sqlite3';
import {
  ConflictError,
  NotFoundError,
  type Article,
  type CoverageProfile,
  type Curator,
  type StoryCoverage,
} from '@newsarchive/core';
import { cached, enqueueIndex, nowIso, storyMembers, writeAudit } from './journal.ts';
import { ARTICLE_COLUMNS, ARTICLE_FROM, buildArticles, type ArticleRow } from './read-model.ts';
import { regroupArticle } from './stories.ts';

/*
 * The coverage view of a story and librarians' corrections of stories (split, join, undo). The
 * counts beside each result (storySize, storyOutlets, copies) are the article's own fields, made
 * by the read model. The view holds only what the asker may see: a reader's never includes a
 * hidden article.
 */

const MAX_SHARED_ACTORS = 20;

/** The coverage view of a story, or null when it has no article the asker may see. */
export function storyCoverage(
  db: Database,
  storyId: string,
  includeHidden: boolean,
): StoryCoverage | null {
  const rows = cached(
    db,
    `SELECT ${ARTICLE_COLUMNS} FROM ${ARTICLE_FROM}
     WHERE a.story_id = ? ${includeHidden ? '' : "AND a.status = 'visible'"}`,
  ).all(storyId) as ArticleRow[];
  if (rows.length === 0) return null;
  const articles = buildArticles(db, rows).sort(
    (a, b) =>
      (a.publishedAt ?? '9999').localeCompare(b.publishedAt ?? '9999') || a.id.localeCompare(b.id),
  );
  const copyOf = new Map(rows.map((r) => [r.id, r.copy_id ?? r.story_id]));
  const copySizes = new Map<string, number>();
  for (const c of copyOf.values()) copySizes.set(c, (copySizes.get(c) ?? 0) + 1);

  const outlets = new Map<string, { id: string; name: string; count: number }>();
  const actors = new Map<string, { id: string; name: string; type: string; count: number }>();
  for (const a of articles) {
    if (a.outlet) {
      const o = outlets.get(a.outlet.id) ?? { ...a.outlet, count: 0 };
      o.count++;
      outlets.set(a.outlet.id, o);
    }
    for (const actor of a.actors) {
      const x = actors.get(actor.id) ?? { ...actor, count: 0 };
      x.count++;
      actors.set(actor.id, x);
    }
  }
  const days = articles.map((a) => a.publishedAt).filter((d): d is string => d !== null);
  return {
    story: {
      id: storyId,
      size: articles.length,
      outlets: outlets.size,
      copies: copySizes.size,
      from: days[0] ?? null,
      to: days.at(-1) ?? null,
    },
    articles: articles.map((a) => ({
      id: a.id,
      url: a.url,
      title: a.title,
      outlet: a.outlet,
      byline: a.byline,
      publishedAt: a.publishedAt,
      copyId: copyOf.get(a.id)!,
      copies: copySizes.get(copyOf.get(a.id)!)!,
      ...(a.status === 'hidden' ? { hidden: true as const } : {}),
    })),
    outlets: [...outlets.values()].sort(
      (a, b) => b.count - a.count || a.name.localeCompare(b.name),
    ),
    actors: [...actors.values()]
      .filter((a) => a.count >= 2)
      .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name))
      .slice(0, MAX_SHARED_ACTORS) as StoryCoverage['actors'],
  };
}

function storyOf(db: Database, id: string): string | undefined {
  return cached(db, 'SELECT story_id FROM articles WHERE id = ?', true).get(id) as
    string | undefined;
}

/** Re-draws an article's story after a correction; queues every article whose story changed. */
function regroupAndQueue(db: Database, ids: string[], auditId: number): void {
  const before = ids.map((id) => storyOf(db, id)).filter((s): s is string => !!s);
  const moved = ids.flatMap((id) => regroupArticle(db, id));
  const after = ids.map((id) => storyOf(db, id)).filter((s): s is string => !!s);
  enqueueIndex(
    db,
    [...ids, ...moved, ...storyMembers(db, [...before, ...after])],
    `audit ${auditId}`,
  );
}

function requireArticle(db: Database, id: string): string {
  const story = storyOf(db, id);
  if (story === undefined) throw new NotFoundError(`no article ${id}`);
  return story;
}

/** The article leaves its story and stands alone (but for a librarian's joins). */
export function splitStory(db: Database, id: string, who: Curator): string {
  return db
    .transaction(() => {
      const before = requireArticle(db, id);
      cached(
        db,
        `INSERT OR IGNORE INTO story_corrections (article_id, kind, other_id, set_at, set_by)
         VALUES (?, 'split', '', ?, ?)`,
      ).run(id, nowIso(), who.name);
      const auditId = writeAudit(db, {
        who,
        action: 'story.split',
        entityType: 'article',
        entityId: id,
        before: { storyId: before },
      });
      regroupAndQueue(db, [id], auditId);
      return storyOf(db, id)!;
    })
    .immediate();
}

/** The stories of two articles become one, through a link kept by article id. */
export function joinStories(db: Database, id: string, into: string, who: Curator): string {
  return db
    .transaction(() => {
      const before = requireArticle(db, id);
      const target = requireArticle(db, into);
      if (id === into) throw new ConflictError('an article cannot join itself');
      cached(
        db,
        `INSERT OR IGNORE INTO story_corrections (article_id, kind, other_id, set_at, set_by)
         VALUES (?, 'join', ?, ?, ?)`,
      ).run(id, into, nowIso(), who.name);
      const auditId = writeAudit(db, {
        who,
        action: 'story.join',
        entityType: 'article',
        entityId: id,
        before: { storyId: before },
        after: { joined: into, storyId: target },
      });
      regroupAndQueue(db, [id, into], auditId);
      return storyOf(db, id)!;
    })
    .immediate();
}

/** Removes the article's split and the joins it made; its links are drawn afresh. */
export function undoStoryCorrections(db: Database, id: string, who: Curator): string {
  return db
    .transaction(() => {
      const before = requireArticle(db, id);
      const joined = cached(
        db,
        "SELECT other_id FROM story_corrections WHERE article_id = ? AND kind = 'join'",
        true,
      ).all(id) as string[];
      const removed = cached(db, 'DELETE FROM story_corrections WHERE article_id = ?').run(id);
      if (removed.changes === 0)
        throw new ConflictError(`article ${id} has no story correction to undo`);
      const auditId = writeAudit(db, {
        who,
        action: 'story.undo',
        entityType: 'article',
        entityId: id,
        before: { storyId: before, joined },
      });
      regroupAndQueue(db, [id, ...joined.filter((j) => storyOf(db, j) !== undefined)], auditId);
      return storyOf(db, id)!;
    })
    .immediate();
}

/** Articles to give a coverage profile: those without one, or every one when `all` is set. */
export function articlesToProfile(
  db: Database,
  options: { afterRef: number; limit: number; all: boolean },
): { ref: number; article: Article }[] {
  const rows = cached(
    db,
    `SELECT ${ARTICLE_COLUMNS}, a.story_ref FROM ${ARTICLE_FROM}
     WHERE a.story_ref > ? AND (? OR a.coverage IS NULL) ORDER BY a.story_ref LIMIT ?`,
  ).all(options.afterRef, options.all ? 1 : 0, options.limit) as (ArticleRow & {
    story_ref: number;
  })[];
  const articles = buildArticles(db, rows);
  return rows.map((r, i) => ({ ref: r.story_ref, article: articles[i]! }));
}

/**
 * Stores new coverage profiles and re-draws the stories they touch, in one transaction; queues
 * every article whose story changed. Returns how many articles changed story.
 */
export function setCoverage(
  db: Database,
  profiles: { id: string; coverage: CoverageProfile }[],
): number {
  return db
    .transaction(() => {
      const changed = new Set<string>();
      for (const p of profiles)
        for (const id of regroupArticle(db, p.id, p.coverage)) changed.add(id);
      const stories = [...changed].map((id) => storyOf(db, id)).filter((s): s is string => !!s);
      enqueueIndex(db, [...changed, ...storyMembers(db, stories)], 'regroup');
      return changed.size;
    })
    .immediate();
}
