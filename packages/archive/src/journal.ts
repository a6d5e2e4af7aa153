import type { Database } from 'better-sqlite3';
import type { Curator } from '@newsarchive/core';

/** Shared write helpers: the audit log and the index outbox. Call inside a transaction. */

export function nowIso(): string {
  return new Date().toISOString();
}

export interface AuditWrite {
  who: Curator;
  action: string;
  entityType: 'article' | 'actor' | 'token';
  entityId: string;
  before?: unknown;
  after?: unknown;
  reason?: string | null;
}

/** Appends one audit entry and returns its id (useful as the outbox cause). */
export function writeAudit(db: Database, entry: AuditWrite): number {
  const info = db
    .prepare(
      `INSERT INTO audit (at, who, token_id, action, entity_type, entity_id, before, after, reason)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      nowIso(),
      entry.who.name,
      entry.who.tokenId,
      entry.action,
      entry.entityType,
      entry.entityId,
      entry.before === undefined ? null : JSON.stringify(entry.before),
      entry.after === undefined ? null : JSON.stringify(entry.after),
      entry.reason ?? null,
    );
  return Number(info.lastInsertRowid);
}

/** Queue index operations for the search engine; `cause` names the change (e.g. "audit 12"). */
export function enqueueIndex(
  db: Database,
  articleIds: Iterable<string>,
  cause: string,
  op: 'index' | 'remove' = 'index',
): void {
  const stmt = db.prepare(
    'INSERT INTO outbox (article_id, op, cause, created_at) VALUES (?, ?, ?, ?)',
  );
  const at = nowIso();
  for (const id of new Set(articleIds)) stmt.run(id, op, cause, at);
}

/** The ids of every article in the given stories (their storySize changes together). */
export function storyMembers(db: Database, storyIds: Iterable<string>): string[] {
  const stmt = db.prepare('SELECT id FROM articles WHERE story_id = ?').pluck();
  const out: string[] = [];
  for (const s of new Set(storyIds)) out.push(...(stmt.all(s) as string[]));
  return out;
}
