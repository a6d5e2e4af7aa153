import type { Actor, ArticlePatchInput, AuditEntry, CuratedField, Outlet } from '@newsarchive/core';

/**
 * An article's audit entries in a librarian's words ("removed actor Democratic Party",
 * "outlet: AP → Reuters"), and the patch that undoes one. The audit stores the changed fields of
 * the article before and after; these functions read that shape and nothing else, so an entry
 * written by an older version still reads (unknown fields fall back to "field: old → new").
 */

type Fields = Partial<{
  title: string;
  outlet: Outlet | null;
  byline: string | null;
  publishedAt: string | null;
  actors: Actor[];
  status: 'visible' | 'hidden';
  hiddenReason: string | null;
  collections: string[];
  curated: CuratedField[];
}> &
  Record<string, unknown>;

const LABELS: Record<string, string> = {
  title: 'title',
  byline: 'byline',
  publishedAt: 'date',
};

/** Fields that follow from another change and say nothing of their own. */
const DERIVED = new Set([
  'curated',
  'hiddenReason',
  'updatedAt',
  'storySize',
  'storyId',
  'storyOutlets',
  'copyId',
  'copies',
]);

function fieldsOf(v: unknown): Fields {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Fields) : {};
}

function shown(v: unknown): string {
  if (v === null || v === undefined || v === '') return '(none)';
  if (typeof v === 'string') return v;
  if (typeof v === 'object' && 'name' in v && typeof v.name === 'string') return v.name;
  return JSON.stringify(v);
}

function byId<T extends { id: string }>(list: T[] | undefined): Map<string, T> {
  return new Map((Array.isArray(list) ? list : []).map((x) => [x.id, x]));
}

/** One sentence per change in the entry, in the order a reader would expect. */
export function describeEntry(entry: AuditEntry): string[] {
  const before = fieldsOf(entry.before);
  const after = fieldsOf(entry.after);
  if (entry.action === 'article.hide') return ['hid the article from readers'];
  if (entry.action === 'article.restore') return ['restored the article for readers'];
  if (entry.action === 'story.split') return ['took the article out of its story'];
  if (entry.action === 'story.join') {
    const joined = after.joined;
    return [
      `joined its story with ${typeof joined === 'string' ? `article ${joined}` : 'another'}’s`,
    ];
  }
  if (entry.action === 'story.undo') return ['undid its story corrections (split and joins)'];
  const lines: string[] = [];
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  for (const key of keys) {
    if (DERIVED.has(key)) continue;
    if (key === 'actors') {
      const was = byId(before.actors);
      const now = byId(after.actors);
      for (const [id, a] of now) if (!was.has(id)) lines.push(`added actor ${a.name}`);
      for (const [id, a] of was) if (!now.has(id)) lines.push(`removed actor ${a.name}`);
      continue;
    }
    if (key === 'collections') {
      const was = new Set(before.collections ?? []);
      const now = new Set(after.collections ?? []);
      for (const c of now) if (!was.has(c)) lines.push(`added to collection ${c}`);
      for (const c of was) if (!now.has(c)) lines.push(`removed from collection ${c}`);
      continue;
    }
    if (key === 'status') {
      lines.push(
        after.status === 'hidden' ? 'hid the article from readers' : 'restored the article',
      );
      continue;
    }
    const label = LABELS[key] ?? key;
    const quote = key === 'title' ? (s: string) => `“${s}”` : (s: string) => s;
    const [b, a] = [before[key], after[key]];
    lines.push(
      `${label}: ${b == null || b === '' ? '(none)' : quote(shown(b))} → ${a == null || a === '' ? '(none)' : quote(shown(a))}`,
    );
  }
  return lines.length > 0 ? lines : ['no visible change'];
}

/**
 * The patch that puts back what the entry changed. A field the librarian set for the first time
 * is reverted (extraction owns it again, so a re-ingest can still improve it) rather than pinned
 * to its old value. Null when nothing in the entry can be undone.
 */
export function undoPatch(entry: AuditEntry): ArticlePatchInput | null {
  if (entry.entityType !== 'article' || entry.action.startsWith('story.')) return null;
  const before = fieldsOf(entry.before);
  const after = fieldsOf(entry.after);
  const wasCurated = new Set(before.curated ?? []);
  const newlyCurated = (f: CuratedField) =>
    Array.isArray(after.curated) &&
    Array.isArray(before.curated) &&
    after.curated.includes(f) &&
    !wasCurated.has(f);
  const patch: ArticlePatchInput = {};
  const revert: CuratedField[] = [];
  if ('title' in before) {
    if (newlyCurated('title')) revert.push('title');
    else patch.title = before.title ?? '';
  }
  for (const field of ['byline', 'publishedAt'] as const) {
    if (!(field in before)) continue;
    if (newlyCurated(field)) revert.push(field);
    else patch[field] = (before[field] as string | null | undefined) ?? null;
  }
  if ('outlet' in before) {
    if (newlyCurated('outlet')) revert.push('outlet');
    else patch.outlet = before.outlet?.name ?? null;
  }
  if (newlyCurated('actors')) revert.push('actors');
  else if ('actors' in before || 'actors' in after) {
    const was = byId(before.actors);
    const now = byId(after.actors);
    const add = [...was.keys()].filter((id) => !now.has(id));
    const remove = [...now.keys()].filter((id) => !was.has(id));
    if (add.length > 0 || remove.length > 0) patch.actors = { add, remove };
  }
  if ('collections' in before) {
    if (newlyCurated('collections')) revert.push('collections');
    else patch.collections = before.collections ?? [];
  }
  if ('status' in before && before.status !== after.status) {
    if (before.status === 'hidden') {
      patch.status = 'hidden';
      patch.reason = before.hiddenReason ?? entry.reason ?? 'Hidden again (undo)';
    } else {
      patch.status = 'visible';
    }
  }
  if (revert.length > 0) patch.revert = revert;
  if (Object.keys(patch).length === 0) return null;
  if (patch.reason === undefined) patch.reason = `Undo of change #${entry.id}`;
  return patch;
}
