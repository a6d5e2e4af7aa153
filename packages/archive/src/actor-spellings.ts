import type { Database } from 'better-sqlite3';
import type { ActorMention } from '@newsarchive/core';
import { slugify } from '@newsarchive/core';
import { cached, nowIso } from './journal.ts';

/**
 * Spellings: how a name met in a text becomes a registry actor id (aliases, merge redirects,
 * suppressed spellings), and how stored articles follow a librarian's change of spellings.
 */

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
  const stmt = cached(db, 'SELECT to_id FROM actor_redirects WHERE from_id = ?', true);
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
  const byAlias = cached(db, 'SELECT actor_id FROM actor_aliases WHERE alias_key = ?', true);
  const exists = cached(db, 'SELECT 1 FROM actors WHERE id = ?', true);
  const suppressed = cached(db, 'SELECT 1 FROM actor_suppressions WHERE alias_key = ?', true);
  const insertActor = cached(
    db,
    `INSERT OR IGNORE INTO actors (id, name, type, origin, created_at) VALUES (?, ?, ?, 'extracted', ?)`,
  );
  const insertAlias = cached(
    db,
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

/** A case-insensitive pattern matching any of the spellings as whole words. */
function spellingPattern(spellings: string[]): RegExp | null {
  const parts = spellings
    .map((x) => x.trim())
    .filter(Boolean)
    .map((x) => x.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+'));
  if (parts.length === 0) return null;
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${parts.join('|')})(?![\\p{L}\\p{N}])`, 'iu');
}

/**
 * Bring stored articles in line with a librarian's change of an actor's spellings, as a new
 * ingest would: articles containing an added spelling name the actor; articles containing a
 * removed spelling and no other spelling of the actor stop naming it.
 * Returns the articles whose actors changed. Call inside the change's transaction.
 */
export function reapplySpellings(
  db: Database,
  actorId: string,
  added: string[],
  removed: string[],
  spellingsLeft: string[],
): string[] {
  const changed = new Set<string>();
  const link = cached(
    db,
    'INSERT OR IGNORE INTO article_actors (article_id, actor_id) VALUES (?, ?)',
  );
  for (const spelling of added) {
    const pattern = spellingPattern([spelling]);
    if (!pattern) continue;
    // instr() narrows the scan in SQLite; the pattern then checks whole words in any case.
    const rows = cached(
      db,
      `SELECT id, title, body FROM articles
       WHERE instr(lower(title), lower(@s)) > 0 OR instr(lower(body), lower(@s)) > 0`,
    ).all({ s: spelling }) as { id: string; title: string; body: string }[];
    for (const r of rows) {
      if (pattern.test(`${r.title}\n${r.body}`) && link.run(r.id, actorId).changes > 0) {
        changed.add(r.id);
      }
    }
  }
  // Only articles that contain a removed spelling and none of the others stop naming the actor:
  // articles linked another way (a demonym, a surname) are left as they are.
  const removedPattern = spellingPattern(removed);
  if (removedPattern) {
    const leftPattern = spellingPattern(spellingsLeft);
    const unlink = cached(db, 'DELETE FROM article_actors WHERE article_id = ? AND actor_id = ?');
    const linked = cached(
      db,
      `SELECT a.id, a.title, a.body FROM article_actors aa JOIN articles a ON a.id = aa.article_id
       WHERE aa.actor_id = ?`,
    ).all(actorId) as { id: string; title: string; body: string }[];
    for (const r of linked) {
      const text = `${r.title}\n${r.body}`;
      if (removedPattern.test(text) && !leftPattern?.test(text)) {
        unlink.run(r.id, actorId);
        changed.add(r.id);
      }
    }
  }
  return [...changed];
}
