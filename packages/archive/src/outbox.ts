import type { Database } from 'better-sqlite3';
import type { IndexTarget, SearchDocument } from '@newsarchive/core';
import { cached } from './journal.ts';
import {
  ARTICLE_COLUMNS,
  ARTICLE_FROM,
  buildArticles,
  toSearchDocument,
  type ArticleRow,
} from './read-model.ts';
import { writeWhenFree } from './write-lock.ts';

/*
 * The index outbox: every write queues the articles whose documents changed; a drain sends
 * them to the engine and acknowledges only the rows unchanged meanwhile.
 */

/**
 * Outbox rows sent to the engine per write: an embedded engine holds the archive's write lock
 * while it indexes them, so a smaller batch lets other writers in sooner.
 */
export const DRAIN_BATCH = 250;

export function pendingIndexOps(db: Database): number {
  return cached(db, 'SELECT count(*) FROM outbox', true).get() as number;
}

/** Sends the outbox to the engine until it is empty; callers keep one drain at a time. */
export async function drainLoop(
  db: Database,
  target: IndexTarget,
  batchSize: number,
  busyTimeoutMs: number,
) {
  let indexed = 0;
  let removed = 0;
  const take = cached(db, 'SELECT seq, article_id, op, changes FROM outbox ORDER BY seq LIMIT ?');
  // Only rows unchanged since they were read: a change made while the engine call was in
  // flight keeps its row, so the newer document is sent on the next pass.
  const done = cached(db, 'DELETE FROM outbox WHERE seq = ? AND changes = ?');
  const acknowledge = db.transaction((taken: { seq: number; changes: number }[]) => {
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
    const docs = documentsFor(db, indexIds);
    const found = new Set(docs.map((d) => d.id));
    const removeIds = [...latest.keys()].filter((id) => !found.has(id));
    // The lock is waited for with timers: a server drains while ingest commands write, and a
    // busy wait would stall every request it serves.
    const timeout = busyTimeoutMs;
    if (docs.length) await writeWhenFree(db, () => target.index(docs), timeout);
    if (removeIds.length) await writeWhenFree(db, () => target.remove(removeIds), timeout);
    await writeWhenFree(db, () => acknowledge(rows), timeout);
    indexed += docs.length;
    removed += removeIds.length;
  }
  return { indexed, removed };
}

export function documentsFor(db: Database, ids: string[]): SearchDocument[] {
  if (ids.length === 0) return [];
  const rows = cached(
    db,
    `SELECT ${ARTICLE_COLUMNS} FROM ${ARTICLE_FROM} WHERE a.id IN (SELECT value FROM json_each(?))`,
  ).all(JSON.stringify(ids)) as ArticleRow[];
  return buildArticles(db, rows).map(toSearchDocument);
}
