import type { Segment } from '@newsarchive/core';

/** Lower case without diacritics, so "Café" and "cafe" meet as the engines' tokenizers make them. */
export function fold(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
}

// The query language's marks, as packages/search reads them (typographic quotes count as quotes).
const QUOTES = '"\u201c\u201d\u201e\u00ab\u00bb';
const TOKEN = new RegExp(
  `(-?)(?:[${QUOTES}]([^${QUOTES}]*)[${QUOTES}]?|(\\()|(\\))|(\\|)|([^\\s${QUOTES}()|]+))`,
  'gu',
);

/** A query's words as the reader meant them: what to look for, what to leave out. */
export interface QueryWords {
  /** Words (folded) that found articles answer, in order, without repeats. */
  terms: string[];
  /** Whether the text uses any operator: quotes, -, NOT, OR, |, AND, parentheses, a trailing *. */
  operators: boolean;
}

/**
 * Reads a query the way the engines do, only far enough to know its words: words under `-` or
 * `NOT` (or inside an excluded group) are left out, `OR`, `AND`, `NOT` and `|` are operators,
 * quotes, parentheses and a trailing `*` are marks. The engines' own reading comes back with
 * each search (`query.read`); this is for places without one, such as the article page.
 */
export function readQuery(q: string): QueryWords {
  const terms: string[] = [];
  let operators = false;
  // Whether each open group is excluded; the last entry is the current group.
  const groups: boolean[] = [false];
  let notNext = false;
  for (const m of q.matchAll(TOKEN)) {
    const [, minus, phrase, open, close, bar, word] = m;
    const inGroup = groups[groups.length - 1]!;
    if (close !== undefined) {
      operators = true;
      if (groups.length > 1) groups.pop();
      notNext = false;
      continue;
    }
    if (bar !== undefined || (!minus && (word === 'OR' || word === 'AND'))) {
      // A NOT right before an OR has nothing to negate: the engines drop it, and so does this.
      operators = true;
      notNext = false;
      continue;
    }
    if (!minus && word === 'NOT') {
      operators = true;
      notNext = true;
      continue;
    }
    const negated = inGroup !== (minus === '-' || notNext);
    if (minus || notNext) operators = true;
    notNext = false;
    if (open !== undefined) {
      operators = true;
      groups.push(negated);
      continue;
    }
    if (phrase !== undefined) operators = true;
    const text = phrase ?? word ?? '';
    if (word !== undefined && /[\p{L}\p{N}]\*+$/u.test(word)) operators = true;
    if (negated) continue;
    for (const w of fold(text).match(/[\p{L}\p{N}]+/gu) ?? []) {
      if (w.length >= 2 && !terms.includes(w)) terms.push(w);
    }
  }
  return { terms, operators };
}

/** The words of a query worth highlighting (excluded words, operators and one-letter words dropped). */
export function queryTerms(q: string): string[] {
  return readQuery(q).terms;
}

/**
 * Whether to tell the reader how the engine read their query (`read`, in the query language):
 * when they used an operator, or when the reading differs from their words (an `AND` dropped,
 * words past the limit left out), beyond case, accents and punctuation.
 */
export function showReading(typed: string, read: string): boolean {
  if (read.trim() === '') return false;
  if (readQuery(typed).operators) return true;
  const words = (s: string) => (fold(s).match(/[\p{L}\p{N}]+/gu) ?? []).join(' ');
  return words(typed) !== words(read);
}

/** Fewer hits than this, and a typo reading offers "Did you mean …". */
export const FEW_HITS = 5;

/** The spelling to offer as "Did you mean …", when the search found little and there is one. */
export function suggestionFor(
  typed: string,
  response: { totalHits: number; query?: { read: string; suggestion: string | null } },
): string | null {
  const suggestion = response.query?.suggestion?.trim();
  if (!suggestion || response.totalHits >= FEW_HITS) return null;
  const words = (s: string) => fold(s).replace(/\s+/gu, ' ').trim();
  return words(suggestion) === words(typed) ? null : suggestion;
}

/**
 * Whether typed text holds no word the engines can search (`***`, `--`, a lone `OR`), so the
 * search matched nothing for that reason rather than for a lack of articles.
 */
export function noSearchableWords(typed: string, read: string | undefined): boolean {
  if (typed.trim() === '') return false;
  return read !== undefined ? read.trim() === '' : !/[\p{L}\p{N}]/u.test(typed);
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
