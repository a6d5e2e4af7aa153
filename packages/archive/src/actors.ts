import type { Database } from 'better-sqlite3';
import type { ActorMention, ActorMerge, ActorPatch, Curator, RegistryActor } from '@newsarchive/core';
import { NotFoundError, slugify } from '@newsarchive/core';
import type { ActorDictionaryEntry, ActorRegistry } from './types.ts';
import { nowIso } from './journal.ts';

/** The key under which a spelling is looked up: case, accents and punctuation folded. */
export function aliasKey(spelling: string): string {
  return spelling
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** Follow merge redirects to the surviving actor id. */
export function resolveRedirect(db: Database, id: string): string {
  const stmt = db.prepare('SELECT to_id FROM actor_redirects WHERE from_id = ?').pluck();
  let current = id;
  for (let hops = 0; hops < 10; hops++) {
    const next = stmt.get(current) as string | undefined;
    if (!next) break;
    current = next;
  }
  return current;
}

/**
 * Turn extracted mentions into registry actor ids, creating actors the registry has not met.
 * Spellings a librarian deleted as false actors are dropped. Call inside a transaction.
 */
export function resolveMentions(db: Database, mentions: ActorMention[]): string[] {
  const byAlias = db.prepare('SELECT actor_id FROM actor_aliases WHERE alias_key = ?').pluck();
  const exists = db.prepare('SELECT 1 FROM actors WHERE id = ?').pluck();
  const suppressed = db.prepare('SELECT 1 FROM actor_suppressions WHERE alias_key = ?').pluck();
  const insertActor = db.prepare(
    `INSERT OR IGNORE INTO actors (id, name, type, origin, created_at) VALUES (?, ?, ?, 'extracted', ?)`,
  );
  const insertAlias = db.prepare(
    'INSERT OR IGNORE INTO actor_aliases (alias_key, alias, actor_id) VALUES (?, ?, ?)',
  );
  const ids = new Set<string>();
  for (const m of mentions) {
    const key = aliasKey(m.name);
    if (!key || suppressed.get(key)) continue;
    let id = byAlias.get(key) as string | undefined;
    if (!id) {
      id = resolveRedirect(db, m.id ?? slugify(m.name));
      if (suppressed.get(aliasKey(id.replace(/-/g, ' ')))) continue;
      if (!exists.get(id)) insertActor.run(id, m.name, m.type, nowIso());
      insertAlias.run(key, m.name, id);
    } else {
      id = resolveRedirect(db, id);
    }
    for (const alias of m.aliases ?? []) {
      const k = aliasKey(alias);
      if (k && !suppressed.get(k)) insertAlias.run(k, alias, id);
    }
    ids.add(id);
  }
  return [...ids];
}

interface ActorRow {
  id: string;
  name: string;
  type: RegistryActor['type'];
  articles: number;
}

/** The actor registry. Librarian operations (update, merge, delete) land with the actors work. */
export function createActorRegistry(db: Database): ActorRegistry {
  const aliasesOf = db
    .prepare('SELECT alias FROM actor_aliases WHERE actor_id = ? ORDER BY alias')
    .pluck();
  const toRegistry = (row: ActorRow): RegistryActor => ({
    ...row,
    aliases: (aliasesOf.all(row.id) as string[]).filter((a) => a !== row.name),
  });
  return {
    list({ q, type, limit = 50, offset = 0 } = {}) {
      const where: string[] = [];
      const params: unknown[] = [];
      if (q) {
        where.push(
          'a.id IN (SELECT actor_id FROM actor_aliases WHERE alias_key LIKE ? ESCAPE \'\\\')',
        );
        params.push(`%${aliasKey(q).replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
      }
      if (type) {
        where.push('a.type = ?');
        params.push(type);
      }
      const rows = db
        .prepare(
          `SELECT a.id, a.name, a.type,
                  (SELECT count(*) FROM article_actors aa WHERE aa.actor_id = a.id) AS articles
           FROM actors a ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
           ORDER BY articles DESC, a.name LIMIT ? OFFSET ?`,
        )
        .all(...params, limit, offset) as ActorRow[];
      return rows.map(toRegistry);
    },
    get(id) {
      const row = db
        .prepare(
          `SELECT a.id, a.name, a.type,
                  (SELECT count(*) FROM article_actors aa WHERE aa.actor_id = a.id) AS articles
           FROM actors a WHERE a.id = ?`,
        )
        .get(resolveRedirect(db, id)) as ActorRow | undefined;
      return row ? toRegistry(row) : null;
    },
    update(id: string, _patch: ActorPatch, _who: Curator): RegistryActor {
      throw new NotFoundError(`actor ${id}: registry updates are not available yet`);
    },
    merge(_merge: ActorMerge, _who: Curator): RegistryActor {
      throw new NotFoundError('actor merge is not available yet');
    },
    delete(id: string, _who: Curator): void {
      throw new NotFoundError(`actor ${id}: delete is not available yet`);
    },
    dictionary(): ActorDictionaryEntry[] {
      return db
        .prepare(
          `SELECT al.alias AS alias, a.id AS id, a.name AS name, a.type AS type
           FROM actor_aliases al JOIN actors a ON a.id = al.actor_id`,
        )
        .all() as ActorDictionaryEntry[];
    },
  };
}
