import type { Database } from 'better-sqlite3';
import type { Article, ArticlePatch, AuditEntry, Curator, Outlet } from '@newsarchive/core';
import { InvalidRequestError, NotFoundError, slugify } from '@newsarchive/core';
import { resolveMentions, resolveRedirect } from './actors.ts';
import { cached, enqueueIndex, nowIso, storyMembers, writeAudit } from './journal.ts';
import { regroupArticle } from './stories.ts';
import { getArticle, type OverrideValues } from './read-model.ts';

/*
 * Curation: librarians' overrides over the extracted fields, each change audited and the
 * affected articles queued for the engine.
 */

export function patchArticle(db: Database, id: string, patch: ArticlePatch, who: Curator): Article {
  return db
    .transaction(() => {
      const before = getArticle(db, id, { includeHidden: true });
      if (!before) throw new NotFoundError(`no article with id ${id}`);
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
            cached(db, 'INSERT INTO outlets (id, name) VALUES (?, ?)').run(outlet.id, outlet.name);
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

      const after = getArticle(db, id, { includeHidden: true })!;
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
      // A status change alters storySize for every version of the story, and a hidden article
      // no longer connects the articles it linked: the story is drawn again without it.
      let affected = [id];
      if (changed.includes('status')) {
        const moved = regroupArticle(db, id);
        const now = getArticle(db, id, { includeHidden: true })!;
        affected = [...moved, ...storyMembers(db, [after.storyId, now.storyId])];
        enqueueIndex(db, [id, ...affected], `audit ${auditId}`);
        return now;
      }
      enqueueIndex(db, [id, ...affected], `audit ${auditId}`);
      return after;
    })
    .immediate();
}

export function history(
  db: Database,
  entityType: AuditEntry['entityType'],
  entityId: string,
): AuditEntry[] {
  const rows = cached(
    db,
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
