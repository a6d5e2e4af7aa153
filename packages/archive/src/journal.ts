import type { Database, Statement } from 'better-sqlite3';
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
  const info = cached(
    db,
    `INSERT INTO audit (at, who, token_id, action, entity_type, entity_id, before, after, reason)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
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

/**
 * Queue index operations for the search engine; `cause` names the change (e.g. "audit 12").
 * An article has at most one pending row: a later change updates it (newest op and cause) and
 * bumps `changes`, so a drain that read the row before the change leaves it for the next pass.
 */
export function enqueueIndex(
  db: Database,
  articleIds: Iterable<string>,
  cause: string,
  op: 'index' | 'remove' = 'index',
): void {
  const stmt = cached(
    db,
    `INSERT INTO outbox (article_id, op, cause, created_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (article_id) DO UPDATE SET op = excluded.op, cause = excluded.cause,
       created_at = excluded.created_at, changes = changes + 1`,
  );
  const at = nowIso();
  for (const id of new Set(articleIds)) stmt.run(id, op, cause, at);
}

/** The ids of every article in the given stories (their storySize changes together). */
export function storyMembers(db: Database, storyIds: Iterable<string>): string[] {
  const stmt = cached(db, 'SELECT id FROM articles WHERE story_id = ?', true);
  const out: string[] = [];
  for (const s of new Set(storyIds)) out.push(...(stmt.all(s) as string[]));
  return out;
}

const statementCache = new WeakMap<Database, Map<string, Statement>>();

/**
 * A prepared statement, compiled once per connection: ingest runs the same dozen statements for
 * every article it stores, and compiling them again each time was a tenth of the storing cost.
 * `pluck` statements are cached apart because pluck() changes a statement for every later user.
 */
export function cached(db: Database, sql: string, pluck = false): Statement {
  let byConnection = statementCache.get(db);
  if (!byConnection) {
    byConnection = new Map();
    statementCache.set(db, byConnection);
  }
  const key = pluck ? `pluck:${sql}` : sql;
  let stmt = byConnection.get(key);
  if (!stmt) {
    stmt = db.prepare(sql);
    if (pluck) stmt.pluck();
    byConnection.set(key, stmt);
  }
  return stmt;
}
