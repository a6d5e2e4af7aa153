import type { ActorDictionaryEntry, ActorMention } from '@newsarchive/core';
import { slugify } from '@newsarchive/core';
import { GAZETTEER, NEWS_ORGANIZATIONS } from './gazetteer.ts';
import { BLOCKED } from './rules.ts';
import { tokenize, type Token } from './tokenize.ts';

/** What a dictionary spelling stands for: an actor, a news organisation, or nothing at all. */
export interface Target {
  id: string;
  name: string;
  type: ActorMention['type'];
  /** News organisations and photo agencies: never actors here. */
  news?: boolean;
  /** Place names that contain an actor's name ("New Mexico", "Latin America"): match, emit nothing. */
  block?: boolean;
}

export interface Alias {
  keys: string[];
  texts: string[];
  /** ALL-CAPS and dotted spellings must match case exactly ("US" is not "us"). */
  exact: boolean;
  target: Target;
}

/** The British or American spelling of a name with -isation/-ization ("Organisation"), or null. */
export function otherSpelling(spelling: string): string | null {
  if (/is(?:ation|ed?)\b/.test(spelling)) return spelling.replace(/is(ation|ed?)\b/g, 'iz$1');
  if (/iz(?:ation|ed?)\b/.test(spelling)) return spelling.replace(/iz(ation|ed?)\b/g, 'is$1');
  return null;
}

/**
 * Every known spelling, keyed by its first word, longest first: the built-in gazetteer, news
 * organisations (matched so they can be left out), places that contain an actor's name
 * (matched so they name nothing), and the registry's spellings, which win on a shared spelling
 * so librarians' aliases and merges shape extraction.
 */
export function buildDictionary(dictionary: ActorDictionaryEntry[]): Map<string, Alias[]> {
  // Keyed by first word, then by the whole spelling: a later spelling for the same words replaces
  // the earlier one (registry over gazetteer). Built in linear time: registries grow large.
  const bySpelling = new Map<string, Map<string, Alias>>();
  const add = (spelling: string, target: Target) => {
    const toks = tokenize(spelling);
    if (toks.length === 0) return;
    const keys = toks.map((t) => t.key);
    const exact =
      /^[^a-z]*$/.test(spelling) &&
      /[A-Z]/.test(spelling) &&
      spelling.replace(/[^A-Za-z]/g, '').length <= 5;
    let bucket = bySpelling.get(keys[0]!);
    if (!bucket) bySpelling.set(keys[0]!, (bucket = new Map()));
    bucket.set(`${keys.join(' ')}|${exact}|${toks[0]!.text[0]}`, {
      keys,
      texts: toks.map((t) => t.text),
      exact,
      target,
    });
  };
  for (const line of BLOCKED.split(/[|\n]/))
    add(line.trim(), { id: '', name: line.trim(), type: 'organization', block: true });
  for (const n of NEWS_ORGANIZATIONS)
    add(n, { id: slugify(n), name: n, type: 'organization', news: true });
  for (const g of GAZETTEER) {
    const target: Target = { id: slugify(g.name), name: g.name, type: g.type };
    for (const spelling of [g.name, ...g.aliases]) {
      add(spelling, target);
      // "World Health Organisation" is the same body as "...Organization".
      const other = otherSpelling(spelling);
      if (other) add(other, target);
    }
  }
  for (const d of dictionary) add(d.alias, { id: d.id, name: d.name, type: d.type });
  // Longest spelling first, so "Palestinian Islamic Jihad" wins over "Palestinian".
  const byFirst = new Map<string, Alias[]>();
  for (const [first, bucket] of bySpelling)
    byFirst.set(
      first,
      [...bucket.values()].sort((a, b) => b.keys.length - a.keys.length),
    );

  return byFirst;
}

export interface Match {
  from: number;
  to: number;
  target: Target;
}

export function matchDictionary(toks: Token[], byFirst: Map<string, Alias[]>): Match[] {
  const out: Match[] = [];
  for (let i = 0; i < toks.length;) {
    const t = toks[i]!;
    const list = byFirst.get(t.key);
    let hit: Match | undefined;
    if (list) {
      for (const a of list) {
        const n = a.keys.length;
        if (i + n > toks.length) continue;
        let ok = true;
        for (let j = 0; j < n && ok; j++) {
          const tj = toks[i + j]!;
          if (tj.key !== a.keys[j]) ok = false;
          else if (a.exact && tj.text !== a.texts[j]) ok = false;
          else if (j === 0 && tj.text[0] !== a.texts[0]![0]) ok = false;
          // "Trump Administration" learnt by the registry must not match "Trump administration".
          else if (j > 0 && /\p{Lu}/u.test(a.texts[j]![0]!) && !/\p{Lu}/u.test(tj.text[0]!))
            ok = false;
          else if (j > 0 && !/^[\s-]*$/.test(tj.gap)) ok = false;
          else if (j < n - 1 && tj.possessive) ok = false;
        }
        if (ok) {
          hit = { from: i, to: i + n, target: a.target };
          break;
        }
      }
    }
    if (hit) {
      out.push(hit);
      i = hit.to;
    } else i++;
  }
  return out;
}
