import type { SearchDocument } from '@newsarchive/core';
import { typoBudget } from '../embedded/typo.ts';
import { compoundSplits, inflections, isFunctionWord, wordsOf } from '../query/analysis.ts';
import type { Lexicon } from './translate.ts';

/**
 * Singular and plural meet in Meilisearch through index synonyms: `hostage` <-> `hostages` for
 * the words of the archive. Meilisearch looks synonyms up per query word (one key read), so
 * their number costs nothing at search time; a change rewrites the whole list (no re-indexing).
 */
export type Synonyms = Map<string, Set<string>>;

/** The searchable words of a document, folded as the index folds them. */
export function documentWords(doc: SearchDocument, into = new Set<string>()): Set<string> {
  const text = [doc.title, doc.body, doc.outlet?.name ?? '', doc.byline ?? '']
    .concat(doc.actors.map((a) => a.name))
    .join('\n');
  for (const w of wordsOf(text)) into.add(w);
  return into;
}

function add(s: Synonyms, a: string, b: string): boolean {
  let set = s.get(a);
  if (!set) s.set(a, (set = new Set()));
  if (set.has(b)) return false;
  set.add(b);
  return true;
}

/**
 * The singular/plural pairs of `words`, both ways. With `known`, only pairs whose other form the
 * archive holds too (what a rebuild sends); without, every form `inflections` names (what a
 * write adds: it cannot see the rest of the archive, and a synonym of an absent word matches
 * nothing extra).
 */
export function inflectionSynonyms(words: Iterable<string>, known?: Set<string>): Synonyms {
  const out: Synonyms = new Map();
  for (const w of words) {
    for (const v of inflections(w)) {
      if (known && !known.has(v)) continue;
      add(out, w, v);
      add(out, v, w);
    }
  }
  return out;
}

/**
 * The joined words of `words` written apart, as the embedded planner reads them: each one-word
 * spelling (the word, its singular or plural) meets each of its compound splits, the last part
 * singular or plural (`cyberattack` -> cyber attack, cyber attacks). Only a rebuild, which knows
 * every word of the archive, can tell the splits.
 */
export function compoundSynonyms(words: Set<string>): Synonyms {
  const known = (w: string) => words.has(w);
  const out: Synonyms = new Map();
  for (const w of words) {
    const single = [w, ...inflections(w).filter(known)];
    const apart: string[] = [];
    for (const s of single) {
      for (const split of compoundSplits(s, known)) {
        const head = split.slice(0, -1);
        const last = split.at(-1)!;
        apart.push(split.join(' '));
        for (const v of inflections(last)) if (known(v)) apart.push([...head, v].join(' '));
      }
    }
    for (const a of apart) add(out, w, a);
  }
  return out;
}

/**
 * The index's words as the query translation needs them, from its settings: the synonyms
 * (every other spelling of a word) and the words typos stay off.
 */
export function lexiconOf(synonyms: Synonyms, withoutTypos: Iterable<string>): Lexicon {
  const exact = new Set(withoutTypos);
  // The words the settings show: not all of the archive's (short words without a plural are
  // missing), but all a split next to a function word needs to be likely.
  const known = (w: string) => isFunctionWord(w) || synonyms.has(w) || exact.has(w);
  return {
    spellings: (word) => [...(synonyms.get(word) ?? [])],
    exact: (word) => typoBudget(word) === 0 || exact.has(word),
    known: (word) => synonyms.has(word) || exact.has(word),
    splitRisk(word) {
      const own = synonyms.get(word);
      for (let i = 1; i < word.length; i++) {
        const a = word.slice(0, i);
        const b = word.slice(i);
        if (!isFunctionWord(a) && !isFunctionWord(b)) continue;
        if (known(a) && known(b) && !own?.has(`${a} ${b}`)) return true;
      }
      return false;
    },
  };
}

/** Adds `from` to `into`; true when anything was new. */
export function mergeSynonyms(into: Synonyms, from: Synonyms): boolean {
  let changed = false;
  for (const [k, vs] of from) for (const v of vs) changed = add(into, k, v) || changed;
  return changed;
}

/** Meilisearch's `synonyms` setting, keys sorted so equal lists compare equal. */
export function synonymsSetting(s: Synonyms): Record<string, string[]> {
  return Object.fromEntries(
    [...s.keys()].sort().map((k) => [k, [...s.get(k)!].sort()] as [string, string[]]),
  );
}

/** Reads Meilisearch's `synonyms` setting back. */
export function synonymsFromSetting(
  setting: Record<string, string[]> | null | undefined,
): Synonyms {
  const out: Synonyms = new Map();
  for (const [k, vs] of Object.entries(setting ?? {})) for (const v of vs) add(out, k, v);
  return out;
}
