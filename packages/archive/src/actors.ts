import type { Database } from 'better-sqlite3';
import type {
  ActorMerge,
  ActorPatch,
  Curator,
  DuplicateSuggestion,
  RegistryActor,
} from '@newsarchive/core';
import { ConflictError, InvalidRequestError, NotFoundError } from '@newsarchive/core';
import type { ActorDictionaryEntry, ActorRegistry } from './types.ts';
import { findDuplicates } from './actor-duplicates.ts';
import { aliasKey, reapplySpellings, resolveMentions, resolveRedirect } from './actor-spellings.ts';

export { aliasKey, resolveMentions, resolveRedirect };
import { cached, enqueueIndex, nowIso, writeAudit } from './journal.ts';

/** True when some visible article names the actor `a.id` (extracted or added by a librarian). */
// CROSS JOIN keeps the actor's own links as the outer loop (SQLite would otherwise walk every
// visible article), and each article is checked in the (id, status) index without reading it.
const VISIBLE_MENTION = `SELECT 1 FROM article_actors aa CROSS JOIN articles ar ON ar.id = aa.article_id
  WHERE aa.actor_id = a.id AND ar.status = 'visible'
  UNION ALL SELECT 1 FROM overrides o CROSS JOIN articles ar ON ar.id = o.article_id
  WHERE o.field = 'actors' AND ar.status = 'visible'
    AND EXISTS (SELECT 1 FROM json_each(o.value, '$.add') WHERE value = a.id)`;

/** How many articles name the actor `a.id`: all of them (librarians), or the visible ones. */
const COUNT_ALL = 'SELECT count(*) FROM article_actors aa WHERE aa.actor_id = a.id';
const COUNT_VISIBLE = `SELECT count(*) FROM article_actors aa CROSS JOIN articles ar ON ar.id = aa.article_id
  WHERE aa.actor_id = a.id AND ar.status = 'visible'`;

export interface ActorRow {
  id: string;
  name: string;
  type: RegistryActor['type'];
  articles: number;
}

/** Articles whose effective actors involve an actor: extracted links and librarian overrides. */
function affectedArticles(db: Database, actorId: string): string[] {
  return cached(
    db,
    `SELECT article_id FROM article_actors WHERE actor_id = ?
       UNION
       SELECT o.article_id FROM overrides o, json_each(o.value, '$.add') j
         WHERE o.field = 'actors' AND j.value = ?
       UNION
       SELECT o.article_id FROM overrides o, json_each(o.value, '$.remove') j
         WHERE o.field = 'actors' AND j.value = ?`,
    true,
  ).all(actorId, actorId, actorId) as string[];
}

/**
 * The actor registry. Every librarian change runs in one transaction: the registry rows, an
 * audit entry, and an index operation for each article whose effective actors change.
 */
export function createActorRegistry(db: Database): ActorRegistry {
  const aliasesOf = cached(
    db,
    'SELECT alias FROM actor_aliases WHERE actor_id = ? ORDER BY alias',
    true,
  );
  const toRegistry = (row: ActorRow): RegistryActor => ({
    ...row,
    aliases: (aliasesOf.all(row.id) as string[]).filter((a) => a !== row.name),
  });
  const getRow = (id: string, includeHidden = true) =>
    cached(
      db,
      `SELECT a.id, a.name, a.type, (${includeHidden ? COUNT_ALL : COUNT_VISIBLE}) AS articles
         FROM actors a WHERE a.id = ?`,
    ).get(id) as ActorRow | undefined;
  const mustGet = (id: string): RegistryActor => {
    const row = getRow(resolveRedirect(db, id));
    if (!row) throw new NotFoundError(`no actor ${id}`);
    return toRegistry(row);
  };
  const ownerOf = cached(db, 'SELECT actor_id FROM actor_aliases WHERE alias_key = ?', true);
  const addAlias = (actorId: string, alias: string) => {
    const key = aliasKey(alias);
    if (!key) throw new InvalidRequestError(`alias "${alias}" has no letters or digits`);
    const owner = ownerOf.get(key) as string | undefined;
    if (owner && owner !== actorId) {
      throw new ConflictError(
        `"${alias}" is already a spelling of actor ${owner}; merge the actors instead`,
      );
    }
    cached(db, 'DELETE FROM actor_suppressions WHERE alias_key = ?').run(key);
    cached(
      db,
      'INSERT OR IGNORE INTO actor_aliases (alias_key, alias, actor_id) VALUES (?, ?, ?)',
    ).run(key, alias, actorId);
  };

  return {
    list({ q, type, limit = 50, offset = 0, includeHidden = true } = {}) {
      const where: string[] = [];
      // A reader must not learn of an actor named only in hidden articles.
      if (!includeHidden) where.push(`EXISTS (${VISIBLE_MENTION})`);
      const params: unknown[] = [];
      if (q) {
        where.push(
          "a.id IN (SELECT actor_id FROM actor_aliases WHERE alias_key LIKE ? ESCAPE '\\')",
        );
        params.push(`%${aliasKey(q).replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
      }
      if (type) {
        where.push('a.type = ?');
        params.push(type);
      }
      // Readers' counts leave hidden articles out too, so a count cannot betray one.
      const counted = includeHidden ? COUNT_ALL : COUNT_VISIBLE;
      const rows = cached(
        db,
        `SELECT a.id, a.name, a.type, (${counted}) AS articles
           FROM actors a ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
           ORDER BY articles DESC, a.name LIMIT ? OFFSET ?`,
      ).all(...params, limit, offset) as ActorRow[];
      return rows.map(toRegistry);
    },
    get(id, { includeHidden = true } = {}) {
      const actorId = resolveRedirect(db, id);
      // For a reader, an actor named only in hidden articles and one that does not exist take
      // the same path: the visibility check comes first, before the actor is read at all.
      if (
        !includeHidden &&
        !cached(db, VISIBLE_MENTION.replaceAll('a.id', '@id')).get({ id: actorId })
      ) {
        return null;
      }
      const row = getRow(actorId, includeHidden);
      return row ? toRegistry(row) : null;
    },
    update(id: string, patch: ActorPatch, who: Curator): RegistryActor {
      return db
        .transaction(() => {
          const before = mustGet(id);
          const actorId = before.id;
          if (patch.name !== undefined && patch.name !== before.name) {
            addAlias(actorId, patch.name);
            cached(db, 'UPDATE actors SET name = ? WHERE id = ?').run(patch.name, actorId);
          }
          if (patch.type !== undefined)
            cached(db, 'UPDATE actors SET type = ? WHERE id = ?').run(patch.type, actorId);
          for (const alias of patch.addAliases ?? []) addAlias(actorId, alias);
          const name = patch.name ?? before.name;
          for (const alias of patch.removeAliases ?? []) {
            const key = aliasKey(alias);
            if (key === aliasKey(name))
              throw new InvalidRequestError(`"${alias}" is the actor's name; rename it first`);
            const gone = cached(
              db,
              'DELETE FROM actor_aliases WHERE alias_key = ? AND actor_id = ?',
            ).run(key, actorId);
            if (gone.changes === 0)
              throw new NotFoundError(`"${alias}" is not a spelling of actor ${actorId}`);
            // Extraction must not teach the registry this spelling again.
            cached(
              db,
              'INSERT OR REPLACE INTO actor_suppressions (alias_key, actor_id, deleted_at) VALUES (?, ?, ?)',
            ).run(key, actorId, nowIso());
          }
          const after = mustGet(actorId);
          const auditId = writeAudit(db, {
            who,
            action: 'actor.update',
            entityType: 'actor',
            entityId: actorId,
            before,
            after,
          });
          // Spellings added or removed change which stored articles name the actor.
          const relinked = reapplySpellings(
            db,
            actorId,
            patch.addAliases ?? [],
            patch.removeAliases ?? [],
            [after.name, ...after.aliases],
          );
          // Name and type show on every article that names the actor.
          if (before.name !== after.name || before.type !== after.type) {
            enqueueIndex(db, affectedArticles(db, actorId), `audit ${auditId}`);
          }
          enqueueIndex(db, relinked, `audit ${auditId}`);
          return mustGet(actorId);
        })
        .immediate();
    },
    merge(merge: ActorMerge, who: Curator): RegistryActor {
      return db
        .transaction(() => {
          const into = mustGet(merge.into);
          const from = [
            ...new Map(merge.from.map((id) => mustGet(id)).map((a) => [a.id, a])).values(),
          ].filter((a) => a.id !== into.id);
          if (from.length === 0)
            throw new InvalidRequestError('nothing to merge: every actor given is the survivor');
          const affected = new Set<string>();
          // What an undo needs to put back, read before anything moves (see unmerge).
          const undoable = new Map(
            from.map((f) => [
              f.id,
              {
                row: cached(db, 'SELECT origin, created_at FROM actors WHERE id = ?').get(f.id) as
                  { origin: string; created_at: string } | undefined,
                articles: cached(
                  db,
                  'SELECT article_id FROM article_actors WHERE actor_id = ?',
                  true,
                ).all(f.id) as string[],
                alsoNamedSurvivor: cached(
                  db,
                  `SELECT a.article_id FROM article_actors a JOIN article_actors b
                     ON b.article_id = a.article_id AND b.actor_id = ? WHERE a.actor_id = ?`,
                  true,
                ).all(into.id, f.id) as string[],
                redirectedHere: cached(
                  db,
                  'SELECT from_id FROM actor_redirects WHERE to_id = ?',
                  true,
                ).all(f.id) as string[],
              },
            ]),
          );
          for (const f of from) {
            for (const articleId of affectedArticles(db, f.id)) affected.add(articleId);
            // Aliases (the merged actor's own name included) and articles follow the survivor.
            cached(db, 'UPDATE OR IGNORE actor_aliases SET actor_id = ? WHERE actor_id = ?').run(
              into.id,
              f.id,
            );
            cached(db, 'DELETE FROM actor_aliases WHERE actor_id = ?').run(f.id);
            cached(
              db,
              'INSERT OR IGNORE INTO actor_aliases (alias_key, alias, actor_id) VALUES (?, ?, ?)',
            ).run(aliasKey(f.name), f.name, into.id);
            cached(
              db,
              'INSERT OR IGNORE INTO article_actors (article_id, actor_id) SELECT article_id, ? FROM article_actors WHERE actor_id = ?',
            ).run(into.id, f.id);
            cached(db, 'DELETE FROM article_actors WHERE actor_id = ?').run(f.id);
            // Later extraction and old overrides that name the merged id land on the survivor.
            cached(db, 'UPDATE actor_redirects SET to_id = ? WHERE to_id = ?').run(into.id, f.id);
            cached(db, 'INSERT OR REPLACE INTO actor_redirects (from_id, to_id) VALUES (?, ?)').run(
              f.id,
              into.id,
            );
            cached(db, 'DELETE FROM actor_suppressions WHERE actor_id = ?').run(f.id);
            cached(db, 'DELETE FROM actors WHERE id = ?').run(f.id);
          }
          const after = mustGet(into.id);
          const auditId = writeAudit(db, {
            who,
            action: 'actor.merge',
            entityType: 'actor',
            entityId: into.id,
            before: { into, from },
            after,
          });
          for (const f of from) {
            const u = undoable.get(f.id)!;
            writeAudit(db, {
              who,
              action: 'actor.merged-into',
              entityType: 'actor',
              entityId: f.id,
              before: {
                ...f,
                origin: u.row?.origin ?? 'extracted',
                createdAt: u.row?.created_at ?? nowIso(),
                articleIds: u.articles,
                alsoNamedSurvivor: u.alsoNamedSurvivor,
                redirectedHere: u.redirectedHere,
              },
              after: { into: into.id },
            });
          }
          for (const articleId of affectedArticles(db, into.id)) affected.add(articleId);
          enqueueIndex(db, affected, `audit ${auditId}`);
          return after;
        })
        .immediate();
    },
    unmerge(id: string, who: Curator): RegistryActor {
      return db
        .transaction(() => {
          if (cached(db, 'SELECT 1 FROM actors WHERE id = ?').get(id)) {
            throw new ConflictError(`actor ${id} is in the registry: it is not merged away`);
          }
          const entry = cached(
            db,
            `SELECT before FROM audit WHERE entity_type = 'actor' AND entity_id = ?
               AND action = 'actor.merged-into' ORDER BY id DESC LIMIT 1`,
            true,
          ).get(id) as string | undefined;
          const redirect = cached(db, 'SELECT to_id FROM actor_redirects WHERE from_id = ?', true);
          if (!entry || !redirect.get(id))
            throw new NotFoundError(`no merge of actor ${id} to undo`);
          const was = JSON.parse(entry) as Partial<{
            name: string;
            type: RegistryActor['type'];
            aliases: string[];
            origin: string;
            createdAt: string;
            articleIds: string[];
            alsoNamedSurvivor: string[];
            redirectedHere: string[];
          }>;
          // A merge recorded before undo was possible lacks the article list: nothing to go on.
          if (!was.name || !was.type || !was.articleIds) {
            throw new ConflictError(`the merge of actor ${id} predates undo; split it by hand`);
          }
          const survivor = resolveRedirect(db, id);
          cached(db, 'DELETE FROM actor_redirects WHERE from_id = ?').run(id);
          cached(
            db,
            'INSERT INTO actors (id, name, type, origin, created_at) VALUES (?, ?, ?, ?, ?)',
          ).run(id, was.name, was.type, was.origin ?? 'extracted', was.createdAt ?? nowIso());
          // Its spellings come back to it, unless a librarian gave one to another actor since.
          const take = cached(
            db,
            'UPDATE actor_aliases SET actor_id = ? WHERE alias_key = ? AND actor_id = ?',
          );
          const insertAlias = cached(
            db,
            'INSERT OR IGNORE INTO actor_aliases (alias_key, alias, actor_id) VALUES (?, ?, ?)',
          );
          for (const spelling of [was.name, ...(was.aliases ?? [])]) {
            const key = aliasKey(spelling);
            if (!key) continue;
            take.run(id, key, survivor);
            insertAlias.run(key, spelling, id);
          }
          const shared = new Set(was.alsoNamedSurvivor ?? []);
          const exists = cached(db, 'SELECT 1 FROM articles WHERE id = ?', true);
          const affected = new Set<string>();
          for (const articleId of was.articleIds) {
            if (!exists.get(articleId)) continue;
            cached(
              db,
              'INSERT OR IGNORE INTO article_actors (article_id, actor_id) VALUES (?, ?)',
            ).run(articleId, id);
            if (!shared.has(articleId)) {
              cached(db, 'DELETE FROM article_actors WHERE article_id = ? AND actor_id = ?').run(
                articleId,
                survivor,
              );
            }
            affected.add(articleId);
          }
          for (const from of was.redirectedHere ?? []) {
            cached(db, 'UPDATE actor_redirects SET to_id = ? WHERE from_id = ?').run(id, from);
          }
          const restored = mustGet(id);
          const auditId = writeAudit(db, {
            who,
            action: 'actor.unmerge',
            entityType: 'actor',
            entityId: id,
            before: { mergedInto: survivor },
            after: restored,
          });
          writeAudit(db, {
            who,
            action: 'actor.split-off',
            entityType: 'actor',
            entityId: survivor,
            before: null,
            after: { splitOff: id },
          });
          for (const articleId of affectedArticles(db, id)) affected.add(articleId);
          enqueueIndex(db, affected, `audit ${auditId}`);
          return restored;
        })
        .immediate();
    },
    canonicalId(id: string): string {
      return resolveRedirect(db, id);
    },
    suggestDuplicates({ limit = 50 } = {}): DuplicateSuggestion[] {
      const rows = cached(
        db,
        `SELECT a.id, a.name, a.type, (${COUNT_ALL}) AS articles FROM actors a`,
      ).all() as ActorRow[];
      const distinct = new Set(
        (
          cached(db, 'SELECT a_id, b_id FROM actor_distinct', true).raw().all() as [
            string,
            string,
          ][]
        ).map(([a, b]) => `${a}|${b}`),
      );
      const pairs = findDuplicates(rows).filter(
        (p) => !distinct.has(p.a.id < p.b.id ? `${p.a.id}|${p.b.id}` : `${p.b.id}|${p.a.id}`),
      );
      pairs.sort((x, y) => y.b.articles - x.b.articles || x.a.name.localeCompare(y.a.name));
      return pairs.slice(0, limit).map((p) => ({
        actor: toRegistry(p.a),
        duplicateOf: toRegistry(p.b),
        reason: p.reason,
      }));
    },
    markDistinct(a: string, b: string, who: Curator): void {
      db.transaction(() => {
        const [x, y] = [mustGet(a), mustGet(b)];
        if (x.id === y.id) throw new InvalidRequestError('an actor is always the same as itself');
        const [first, second] = x.id < y.id ? [x, y] : [y, x];
        cached(
          db,
          'INSERT OR REPLACE INTO actor_distinct (a_id, b_id, set_at, set_by) VALUES (?, ?, ?, ?)',
        ).run(first.id, second.id, nowIso(), who.name);
        writeAudit(db, {
          who,
          action: 'actor.distinct',
          entityType: 'actor',
          entityId: first.id,
          before: null,
          after: { distinctFrom: second.id },
        });
      }).immediate();
    },
    delete(id: string, who: Curator): void {
      db.transaction(() => {
        const before = mustGet(id);
        const affected = affectedArticles(db, before.id);
        // Every spelling is suppressed so re-ingest does not bring the false actor back.
        const keys = cached(db, 'SELECT alias_key FROM actor_aliases WHERE actor_id = ?', true).all(
          before.id,
        ) as string[];
        keys.push(aliasKey(before.name), aliasKey(before.id.replace(/-/g, ' ')));
        const suppress = cached(
          db,
          'INSERT OR REPLACE INTO actor_suppressions (alias_key, actor_id, deleted_at) VALUES (?, ?, ?)',
        );
        const at = nowIso();
        for (const key of new Set(keys)) if (key) suppress.run(key, before.id, at);
        cached(db, 'DELETE FROM article_actors WHERE actor_id = ?').run(before.id);
        cached(db, 'DELETE FROM actor_aliases WHERE actor_id = ?').run(before.id);
        cached(db, 'DELETE FROM actor_redirects WHERE to_id = ?').run(before.id);
        cached(db, 'DELETE FROM actors WHERE id = ?').run(before.id);
        const auditId = writeAudit(db, {
          who,
          action: 'actor.delete',
          entityType: 'actor',
          entityId: before.id,
          before,
          after: null,
        });
        enqueueIndex(db, affected, `audit ${auditId}`);
      }).immediate();
    },
    dictionary(): ActorDictionaryEntry[] {
      return cached(
        db,
        `SELECT al.alias AS alias, a.id AS id, a.name AS name, a.type AS type
           FROM actor_aliases al JOIN actors a ON a.id = al.actor_id`,
      ).all() as ActorDictionaryEntry[];
    },
  };
}
