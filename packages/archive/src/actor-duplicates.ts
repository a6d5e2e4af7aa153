import type { DuplicateSuggestion } from '@newsarchive/core';
import { aliasKey } from './actor-spellings.ts';
import type { ActorRow } from './actors.ts';

export interface DuplicatePair {
  a: ActorRow;
  b: ActorRow;
  reason: DuplicateSuggestion['reason'];
}

/** A name's words as the registry compares spellings (aliasKey: case, accents, punctuation). */
const words = (name: string) => aliasKey(name).split(' ').filter(Boolean);

/**
 * Registry actors that are likely one, each as (the spelling to merge away, the one it likely
 * is). Found by keys, not by comparing every pair, so it stays linear in the registry's size:
 * - `middle-initial`: "Antony J. Blinken" and "Antony Blinken";
 * - `initial`: "A. Blinken" and the one "Antony Blinken" (not when two full names share it);
 * - `part-of-name`: "Abu Daqqa" and "Samer Abu Daqqa", "Netanyahu" and "Benjamin Netanyahu":
 *   the head or tail of one fuller name;
 * - `article`: "Qassam Brigades" and "Al Qassam Brigades".
 * The one with more articles survives, except that a part of a name goes to the full name.
 */
export function findDuplicates(rows: ActorRow[]): DuplicatePair[] {
  const out: DuplicatePair[] = [];
  const seen = new Set<string>();
  const push = (a: ActorRow, b: ActorRow, reason: DuplicatePair['reason'], keepB = false) => {
    const key = a.id < b.id ? `${a.id}|${b.id}` : `${b.id}|${a.id}`;
    if (a.id === b.id || seen.has(key)) return;
    seen.add(key);
    if (!keepB && a.articles > b.articles) out.push({ a: b, b: a, reason });
    else out.push({ a, b, reason });
  };
  const byWords = new Map<string, ActorRow[]>();
  const parts = new Map<string, ActorRow[]>();
  const byInitial = new Map<string, ActorRow[]>();
  const list = (m: Map<string, ActorRow[]>, k: string, r: ActorRow) => {
    const l = m.get(k);
    if (l) l.push(r);
    else m.set(k, [r]);
  };
  for (const r of rows) {
    const w = words(r.name);
    list(byWords, `${r.type === 'person' ? 'p' : 'o'}:${w.join(' ')}`, r);
    if (r.type !== 'person' || w.length < 2) continue;
    if (w[0]!.length > 1 && w.at(-1)!.length > 1) list(byInitial, `${w[0]![0]} ${w.at(-1)}`, r);
    // Heads of two words or more ("John Luk" of "John Luk Jok"); tails from the surname on.
    for (let n = 1; n < w.length; n++) {
      if (n >= 2) list(parts, w.slice(0, n).join(' '), r);
      list(parts, w.slice(w.length - n).join(' '), r);
    }
  }
  for (const r of rows) {
    const w = words(r.name);
    if (r.type === 'person') {
      const reduced = w.filter((x, i) => i === 0 || i === w.length - 1 || x.length > 1);
      if (reduced.length < w.length && reduced.length >= 2) {
        const same = byWords.get(`p:${reduced.join(' ')}`);
        if (same?.length === 1) push(r, same[0]!, 'middle-initial');
      }
      if (w.length === 2 && w[0]!.length === 1) {
        const full = byInitial.get(`${w[0]} ${w[1]}`);
        if (full?.length === 1) push(r, full[0]!, 'initial', true);
      }
      {
        const fuller = parts.get(w.join(' '))?.filter((x) => x.id !== r.id);
        if (fuller?.length === 1) push(r, fuller[0]!, 'part-of-name', true);
      }
    } else if (w.length >= 2 && /^(?:al|el|the)$/.test(w[0]!)) {
      const bare = byWords.get(`o:${w.slice(1).join(' ')}`);
      if (bare?.length === 1) push(bare[0]!, r, 'article');
    }
  }
  return out;
}
