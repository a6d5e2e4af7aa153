/**
 * User text -> FTS5 MATCH expressions. This module is the only road from a reader's words to
 * MATCH: every term leaves here as a double-quoted FTS5 string, so operators (OR, AND, NOT,
 * NEAR), column filters, `*`, `^`, parentheses and quotes in the input are plain words or
 * separators, never syntax.
 */

/** The most words of one query that reach the index; the rest is ignored. */
export const MAX_QUERY_TERMS = 24;
/** The longest term kept; FTS5 terms longer than this are noise (base64, URLs). */
const MAX_TERM_LENGTH = 64;

// unicode61's default token characters are the categories L*, N* and Co; everything else
// separates words. Folding matches `remove_diacritics 2`: decompose, drop marks, lower-case.
const TOKEN = /[\p{L}\p{N}\p{Co}\p{M}]+/gu;
const MARKS = /\p{M}/gu;

/** Folds one word the way the index does (lower case, no diacritics). */
export function foldTerm(word: string): string {
  // eslint-disable-next-line no-control-regex
  if (/^[\x00-\x7f]*$/.test(word)) return word.toLowerCase();
  return word.normalize('NFKD').replace(MARKS, '').toLowerCase();
}

export interface QueryTerms {
  /** Folded words in query order, at most MAX_QUERY_TERMS. */
  words: string[];
  /** The last word is still being typed: it also matches as a prefix. */
  lastIsPrefix: boolean;
}

/** Splits user text into folded words; the last word is a prefix unless the text ends in a space. */
export function parseQuery(text: string): QueryTerms {
  const words: string[] = [];
  for (const m of text.matchAll(TOKEN)) {
    const w = foldTerm(m[0]).replace(MARKS, '');
    if (w.length === 0) continue;
    words.push(w.slice(0, MAX_TERM_LENGTH));
    if (words.length >= MAX_QUERY_TERMS) break;
  }
  const lastIsPrefix = words.length > 0 && !/\s$/u.test(text) && words.length < MAX_QUERY_TERMS;
  return { words, lastIsPrefix };
}

/** One FTS5 string literal: the only quoting FTS5 needs is doubling `"`. */
export function quoteTerm(term: string): string {
  return `"${term.replaceAll('"', '""')}"`;
}

/** What one query word may match: itself, words within its typo budget, a prefix. */
export interface TermAlternatives {
  exact: string;
  typos: string[];
  prefix: boolean;
}

/**
 * Builds a safe MATCH expression: alternatives of one word form an OR group, words are
 * ANDed. Returns null when nothing searchable is left (the query is then a browse).
 */
export function buildMatchExpression(terms: TermAlternatives[], column?: string): string | null {
  const groups = terms.map((t) => {
    const parts = [
      t.prefix ? `${quoteTerm(t.exact)}*` : quoteTerm(t.exact),
      ...t.typos.map(quoteTerm),
    ];
    return parts.length === 1 ? parts[0]! : `(${parts.join(' OR ')})`;
  });
  if (groups.length === 0) return null;
  const body = groups.join(' AND ');
  return column ? `{${column}} : (${body})` : body;
}

/**
 * The one quoting function for plain user text: words of `text` (typo-free, last word as a
 * prefix) as a MATCH expression, or null when `text` holds no words.
 */
export function toMatchExpression(text: string): string | null {
  const { words, lastIsPrefix } = parseQuery(text);
  return buildMatchExpression(
    words.map((w, i) => ({ exact: w, typos: [], prefix: lastIsPrefix && i === words.length - 1 })),
  );
}
