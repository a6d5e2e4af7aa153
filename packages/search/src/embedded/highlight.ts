import type { Segment } from '@newsarchive/core';
import { foldTerm } from '../query/analysis.ts';

/** Decides whether one folded word of a document matches the query. */
export interface TermMatcher {
  matches(folded: string): boolean;
  /** The words and prefixes, when all are ASCII (they can then be found with indexOf). */
  readonly ascii?: { exact: string[]; prefixes: string[] };
}

/** Matches exact words, and words starting with one of the prefixes. */
export function createTermMatcher(exact: Iterable<string>, prefixes: string[]): TermMatcher {
  const set = new Set(exact);
  // eslint-disable-next-line no-control-regex
  const allAscii = [...set, ...prefixes].every((t) => /^[\x00-\x7f]+$/.test(t));
  return {
    matches: (w) => set.has(w) || prefixes.some((p) => w.startsWith(p)),
    ...(allAscii ? { ascii: { exact: [...set], prefixes } } : {}),
  };
}

const WORD = /[\p{L}\p{N}\p{Co}\p{M}]+/gu;

interface Token {
  start: number;
  end: number;
  match: boolean;
}

/**
 * Word positions of `text` (starts and ends, flat) and which of them match. Works on the
 * lower-cased text and folds only words that are not ASCII, since this runs for every hit.
 */
function scan(
  text: string,
  matcher: TermMatcher,
): { bounds: Int32Array; match: Uint8Array; n: number } {
  const lower = text.toLowerCase();
  let bounds = new Int32Array(512);
  let match = new Uint8Array(256);
  let n = 0;
  const len = lower.length;
  let i = 0;
  while (i < len) {
    // Skip separators.
    let c = lower.codePointAt(i)!;
    while (i < len && !isWordChar(c)) {
      i += c > 0xffff ? 2 : 1;
      if (i < len) c = lower.codePointAt(i)!;
    }
    if (i >= len) break;
    const start = i;
    let ascii = true;
    while (i < len && isWordChar(c)) {
      if (c > 127) ascii = false;
      i += c > 0xffff ? 2 : 1;
      if (i < len) c = lower.codePointAt(i)!;
    }
    if (n * 2 + 2 > bounds.length) {
      const b = new Int32Array(bounds.length * 2);
      b.set(bounds);
      bounds = b;
      const mm = new Uint8Array(match.length * 2);
      mm.set(match);
      match = mm;
    }
    const w = lower.slice(start, i);
    bounds[n * 2] = start;
    bounds[n * 2 + 1] = i;
    match[n] = matcher.matches(ascii ? w : foldTerm(w)) ? 1 : 0;
    n++;
  }
  return { bounds, match, n };
}

const wordCharCache = new Map<number, boolean>();
const WORD_CHAR = /^[\p{L}\p{N}\p{Co}\p{M}]$/u;
const WORD_CHAR_ANY = /[\p{L}\p{N}\p{Co}]/u;

/** unicode61's token characters (letters, numbers, private use; marks are folded away). */
function isWordChar(c: number): boolean {
  if (c < 128) return (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || (c >= 65 && c <= 90);
  let known = wordCharCache.get(c);
  if (known === undefined) {
    known = WORD_CHAR.test(String.fromCodePoint(c));
    if (wordCharCache.size < 65536) wordCharCache.set(c, known);
  }
  return known;
}

function tokens(text: string, matcher: TermMatcher): Token[] {
  const { bounds, match, n } = scan(text, matcher);
  const out: Token[] = [];
  for (let i = 0; i < n; i++)
    out.push({ start: bounds[i * 2]!, end: bounds[i * 2 + 1]!, match: match[i] === 1 });
  return out;
}

/** Turns marked ranges of `text` into segments; adjacent runs merge. */
function segments(text: string, from: number, to: number, toks: Token[]): Segment[] {
  const out: Segment[] = [];
  const push = (s: string, match: boolean) => {
    if (s.length === 0) return;
    const last = out.at(-1);
    if (last && last.match === match) last.text += s;
    else out.push({ text: s, match });
  };
  let pos = from;
  for (const t of toks) {
    if (!t.match || t.end <= from || t.start >= to) continue;
    push(text.slice(pos, t.start), false);
    push(text.slice(t.start, t.end), true);
    pos = t.end;
  }
  push(text.slice(pos, to), false);
  return out;
}

/** The whole text with matching words marked (titles). */
export function highlightText(text: string, matcher: TermMatcher | null): Segment[] {
  if (!matcher) return text ? [{ text, match: false }] : [];
  return segments(text, 0, text.length, tokens(text, matcher));
}

/** Only so much of a long body is searched for the best passage; the rest costs time, not quality. */
const SCAN_LIMIT = 30_000;

/**
 * A passage of about `words` words around the best place in `text` (the window holding the
 * most distinct matching words, then the most matches), with matches marked and `…` where the
 * text was cut. Without a matcher, the opening words.
 */
export function snippetText(text: string, matcher: TermMatcher | null, words = 30): Segment[] {
  // Long bodies: find the matches with indexOf and cut a region around the best cluster, so
  // only a few hundred characters are tokenised per hit.
  if (matcher?.ascii && text.length > words * 40) {
    const region = bestRegion(text, matcher.ascii, words);
    if (region) {
      const inner = snippetWindow(text.slice(region[0], region[1]), matcher, words);
      if (region[0] > 0 && !inner[0]?.text.startsWith('…')) {
        if (inner[0] && !inner[0].match) inner[0].text = `…${inner[0].text}`;
        else inner.unshift({ text: '…', match: false });
      }
      const last = inner.at(-1);
      if (region[1] < text.length && !last?.text.endsWith('…')) {
        if (last && !last.match) last.text += '…';
        else inner.push({ text: '…', match: false });
      }
      return inner;
    }
  }
  return snippetWindow(text, matcher, words);
}

/** Start and end of a stretch of `text` around its densest cluster of matches, or null. */
function bestRegion(
  text: string,
  terms: { exact: string[]; prefixes: string[] },
  words: number,
): [number, number] | null {
  const lower = (text.length > SCAN_LIMIT ? text.slice(0, SCAN_LIMIT) : text).toLowerCase();
  const hits: { at: number; term: number }[] = [];
  const all = [
    ...terms.exact.map((t) => ({ t, prefix: false })),
    ...terms.prefixes.map((t) => ({ t, prefix: true })),
  ];
  all.forEach(({ t, prefix }, term) => {
    let found = 0;
    for (let i = lower.indexOf(t); i >= 0 && found < 64; i = lower.indexOf(t, i + t.length)) {
      const before = i === 0 || !isWordChar(lower.charCodeAt(i - 1));
      const end = i + t.length;
      const after = prefix || end >= lower.length || !isWordChar(lower.charCodeAt(end));
      if (before && after) {
        hits.push({ at: i, term });
        found++;
      }
    }
  });
  if (hits.length === 0) return null;
  hits.sort((a, b) => a.at - b.at);
  // The window of about `words` words (~7 characters each) holding the most distinct terms.
  const span = words * 7;
  let best = 0;
  let bestScore = -1;
  for (let i = 0; i < hits.length; i++) {
    const seen = new Set<number>();
    let n = 0;
    for (let j = i; j < hits.length && hits[j]!.at - hits[i]!.at <= span; j++) {
      seen.add(hits[j]!.term);
      n++;
    }
    const score = seen.size * 100 + n;
    if (score > bestScore) {
      bestScore = score;
      best = hits[i]!.at;
    }
  }
  let from = Math.max(0, best - words * 4);
  let to = Math.min(text.length, best + words * 12);
  // Cut at spaces so no word is split.
  if (from > 0) {
    const sp = text.indexOf(' ', from);
    from = sp >= 0 && sp < best ? sp + 1 : from;
  }
  if (to < text.length) {
    const sp = text.lastIndexOf(' ', to);
    to = sp > best ? sp : to;
  }
  return [from, to];
}

/** The best window of `words` words in `text` (scanned whole, up to SCAN_LIMIT). */
function snippetWindow(text: string, matcher: TermMatcher | null, words: number): Segment[] {
  const scanned = text.length > SCAN_LIMIT ? text.slice(0, SCAN_LIMIT) : text;
  if (!matcher) {
    const toks = [...scanned.slice(0, words * 30).matchAll(WORD)].slice(0, words);
    if (toks.length === 0) return text ? [{ text: text.slice(0, 200), match: false }] : [];
    const last = toks.at(-1)!;
    // The whole text when it is no longer than the snippet.
    const rest = text.slice(last.index + last[0].length);
    const to =
      toks.length < words && !WORD_CHAR_ANY.test(rest) ? text.length : last.index + last[0].length;
    const out: Segment[] = [{ text: text.slice(0, to), match: false }];
    if (to < text.length) out[0]!.text += '…';
    return out;
  }
  const { bounds, match, n } = scan(scanned, matcher);
  if (n === 0) return text ? [{ text: text.slice(0, 200), match: false }] : [];
  const lower = scanned.toLowerCase();
  const key = (i: number) => lower.slice(bounds[i * 2]!, bounds[i * 2 + 1]!);
  // Slide a window of `words` tokens; score = distinct matched words * 100 + matches.
  let best = 0;
  let bestScore = -1;
  const counts = new Map<string, number>();
  let matches = 0;
  for (let i = 0; i < n; i++) {
    if (match[i]) {
      const k = key(i);
      counts.set(k, (counts.get(k) ?? 0) + 1);
      matches++;
    }
    const out = i - words;
    if (out >= 0 && match[out]) {
      const k = key(out);
      const c = (counts.get(k) ?? 1) - 1;
      if (c === 0) counts.delete(k);
      else counts.set(k, c);
      matches--;
    }
    const score = counts.size * 100 + matches;
    if (score > bestScore) {
      bestScore = score;
      best = Math.max(0, i - words + 1);
    }
  }
  // Start a few words before the first match of the window so it reads in context.
  let firstMatch = best;
  while (firstMatch < n && !match[firstMatch]) firstMatch++;
  if (firstMatch < n) best = Math.max(0, Math.min(best, firstMatch - 3));
  const last = Math.min(n, best + words) - 1;
  const from = best === 0 ? 0 : bounds[best * 2]!;
  const to = last === n - 1 && scanned.length === text.length ? text.length : bounds[last * 2 + 1]!;
  const toks: Token[] = [];
  for (let i = best; i <= last; i++)
    toks.push({ start: bounds[i * 2]!, end: bounds[i * 2 + 1]!, match: match[i] === 1 });
  const out = segments(text, from, to, toks);
  if (from > 0) out.unshift({ text: '…', match: false });
  if (to < text.length) out.push({ text: '…', match: false });
  // Merge the ellipses into their neighbours when both are plain text.
  return out.reduce<Segment[]>((acc, s) => {
    const prev = acc.at(-1);
    if (prev && !prev.match && !s.match) prev.text += s.text;
    else acc.push({ ...s });
    return acc;
  }, []);
}
