/**
 * Typo tolerance on par with Meilisearch's defaults: words of 5 to 8 letters forgive one typo,
 * words of 9 or more forgive two; a typo on the first letter counts as two (as in
 * Meilisearch), so candidates for short words share their first letter. A typo is an
 * insertion, deletion, substitution or swap of neighbours (optimal string alignment).
 */

export const ONE_TYPO_FROM = 5;
/**
 * A word the archive holds matches its typo neighbours only when one of them is this many times
 * more frequent than the word's own spellings: `netanyau` (unknown) reads as netanyahu, but
 * `white` is not `write`, nor `ecommerce` (with "e commerce") `commerce`. Both engines use it.
 */
export const TYPO_RARITY = 50;
export const TWO_TYPOS_FROM = 9;
/** The most spellings one word expands to; the most frequent win. */
export const MAX_CANDIDATES = 8;

/** How many typos a word of this length may carry. */
export function typoBudget(word: string): number {
  const n = [...word].length;
  return n >= TWO_TYPOS_FROM ? 2 : n >= ONE_TYPO_FROM ? 1 : 0;
}

/**
 * Edit distance with adjacent swaps (optimal string alignment), or `max + 1` as soon as it is
 * certain to exceed `max`. Works on UTF-16 units, which is exact for the BMP words news use.
 */
export function boundedDistance(a: string, b: string, max: number): number {
  const la = a.length;
  const lb = b.length;
  if (Math.abs(la - lb) > max) return max + 1;
  if (rows[0]!.length <= lb) for (let k = 0; k < 3; k++) rows[k] = new Int32Array(lb * 2 + 2);
  // Three reused rows: no allocation per comparison (this runs thousands of times a query).
  let prev2 = rows[0]!;
  let prev = rows[1]!;
  let cur = rows[2]!;
  for (let j = 0; j <= lb; j++) prev[j] = j;
  for (let i = 1; i <= la; i++) {
    cur[0] = i;
    let rowMin = i;
    const ca = a.charCodeAt(i - 1);
    const caPrev = i > 1 ? a.charCodeAt(i - 2) : -1;
    for (let j = 1; j <= lb; j++) {
      const cb = b.charCodeAt(j - 1);
      let d = prev[j - 1]! + (ca === cb ? 0 : 1);
      const del = prev[j]! + 1;
      if (del < d) d = del;
      const ins = cur[j - 1]! + 1;
      if (ins < d) d = ins;
      if (j > 1 && caPrev === cb && ca === b.charCodeAt(j - 2)) {
        const swap = prev2[j - 2]! + 1;
        if (swap < d) d = swap;
      }
      cur[j] = d;
      if (d < rowMin) rowMin = d;
    }
    if (rowMin > max) return max + 1;
    const t = prev2;
    prev2 = prev;
    prev = cur;
    cur = t;
  }
  return prev[lb]!;
}
const rows = [new Int32Array(64), new Int32Array(64), new Int32Array(64)];

/**
 * The index's words with their document counts, bucketed by first letter and length so a
 * typo search reads a few hundred words instead of the whole vocabulary.
 */
export class Vocabulary {
  private readonly docs = new Map<string, number>();
  private readonly buckets = new Map<string, string[]>();
  /** Words by everything after their first letter, for typos on the first letter. */
  private readonly tails = new Map<string, string[]>();

  get size(): number {
    return this.docs.size;
  }

  has(term: string): boolean {
    return (this.docs.get(term) ?? 0) > 0;
  }

  /** Documents holding the word (0 when unknown). */
  count(term: string): number {
    return this.docs.get(term) ?? 0;
  }

  /** Adds a word (or more documents for a known word). */
  add(term: string, documents = 1): void {
    const known = this.docs.get(term);
    this.docs.set(term, (known ?? 0) + documents);
    if (known !== undefined) return;
    const key = bucketKey(term[0] ?? '', term.length);
    const list = this.buckets.get(key);
    if (list) list.push(term);
    else this.buckets.set(key, [term]);
    if (term.length >= TWO_TYPOS_FROM - 1) {
      const tail = term.slice(1);
      const same = this.tails.get(tail);
      if (same) same.push(term);
      else this.tails.set(tail, [term]);
    }
  }

  /** Known words within the typo budget of `word`, most frequent first (the word itself excluded). */
  candidates(word: string): string[] {
    const max = typoBudget(word);
    if (max === 0) return [];
    const found = new Map<string, number>();
    const first = word[0] ?? '';
    for (let len = word.length - max; len <= word.length + max; len++) {
      for (const term of this.buckets.get(bucketKey(first, len)) ?? []) {
        if (term !== word && boundedDistance(word, term, max) <= max)
          found.set(term, this.docs.get(term) ?? 0);
      }
    }
    if (max >= 2) {
      // A typo on the first letter costs two, so the rest of the word must be exact.
      const rest = word.slice(1);
      for (const term of [rest, ...this.firstLetterVariants(word)]) {
        if (term !== word && this.has(term)) found.set(term, this.docs.get(term) ?? 0);
      }
    }
    return [...found.entries()]
      .sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1))
      .slice(0, MAX_CANDIDATES)
      .map(([t]) => t);
  }

  /** Words that differ from `word` only in its first letter, or by a letter put in front. */
  private firstLetterVariants(word: string): string[] {
    return [...(this.tails.get(word.slice(1)) ?? []), ...(this.tails.get(word) ?? [])];
  }
}

function bucketKey(first: string, length: number): string {
  return `${first}|${length}`;
}
