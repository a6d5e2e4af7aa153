import type { Segment } from '@newsarchive/core';

/** Lower case without diacritics, so "Café" and "cafe" meet as the engines' tokenizers make them. */
export function fold(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
}

/** The words of a query worth highlighting (quotes, operators and one-letter words dropped). */
export function queryTerms(q: string): string[] {
  const words = fold(q).match(/[\p{L}\p{N}]+/gu) ?? [];
  return [...new Set(words.filter((w) => w.length >= 2 && !['and', 'or', 'not'].includes(w)))];
}

/** Edit distance with adjacent transpositions, giving up above `max`. */
function withinEdits(a: string, b: string, max: number): boolean {
  if (Math.abs(a.length - b.length) > max) return false;
  let prev2: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        v = Math.min(v, prev2[j - 2]! + 1);
      cur.push(v);
      best = Math.min(best, v);
    }
    if (best > max) return false;
    prev2 = prev;
    prev = cur;
  }
  return prev[b.length]! <= max;
}

/**
 * Whether a word of the text answers a query term the way the engines match: same word, a
 * longer form of it ("ceasefire" for "cease"), or a typo within the engines' tolerance
 * (one edit from 5 letters, two from 9).
 */
export function wordMatches(word: string, term: string): boolean {
  if (word.startsWith(term)) return true;
  const allowed = term.length >= 9 ? 2 : term.length >= 5 ? 1 : 0;
  if (allowed === 0) return false;
  return withinEdits(word, term, allowed) || withinEdits(word.slice(0, term.length), term, allowed);
}

/**
 * Text split into Segments with the words that match the query marked, for the article page
 * (its full text comes unhighlighted from the API).
 */
export function highlightText(text: string, terms: readonly string[]): Segment[] {
  if (terms.length === 0 || text === '') return [{ text, match: false }];
  const out: Segment[] = [];
  let last = 0;
  const push = (t: string, match: boolean) => {
    if (t === '') return;
    const prev = out[out.length - 1];
    if (prev && prev.match === match) prev.text += t;
    else out.push({ text: t, match });
  };
  for (const m of text.matchAll(/[\p{L}\p{N}]+/gu)) {
    const word = fold(m[0]);
    if (terms.some((t) => wordMatches(word, t))) {
      push(text.slice(last, m.index), false);
      push(m[0], true);
      last = m.index + m[0].length;
    }
  }
  push(text.slice(last), false);
  return out;
}
