/**
 * The one road from a reader's words to FTS5 MATCH: every term leaves the planner through
 * `quoteTerm` as a double-quoted FTS5 string, so operators (OR, AND, NOT, NEAR), column filters,
 * `*`, `^`, parentheses and quotes in the input are plain words or separators, never syntax.
 * (The query language itself is read in ../query/.)
 */

/**
 * One FTS5 string literal: the only quoting FTS5 needs is doubling `"`; NUL, which would end the
 * string early, is dropped (no word of the index holds one).
 */
export function quoteTerm(term: string): string {
  return `"${term.replace(/\0/g, '').replaceAll('"', '""')}"`;
}
