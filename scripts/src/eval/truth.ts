/**
 * What a query should find, written by hand as regular expressions over an article's text and
 * never derived from an engine or from the query parser: the independent side of
 * `npm run eval -- search`.
 *
 * Truths read folded text (see `fold`), so patterns are written in lower case without accents.
 * A word boundary is any character that is not a letter or a digit, as the engines tokenise.
 */

/** An article's searchable fields, each folded; a pattern must match inside one field. */
export type Fields = readonly string[];
/** Whether an article satisfies a query. */
export type Truth = (fields: Fields) => boolean;

const MARKS = /\p{M}/gu;
const LETTER = '[\\p{L}\\p{N}]';
const START = `(?<!${LETTER})`;
const END = `(?!${LETTER})`;
/** What may stand between the parts of a compound: nothing, a space or a hyphen. */
const JOIN = '[\\s\\-\\u2010\\u2011]?';
/** What may stand between the words of a phrase: anything that is not a letter or digit. */
const GAP = '[^\\p{L}\\p{N}]+';
/** Symbols that glue a name such as s&p, at&t, 9/11 or u.s into one unit. */
const GLUE = '[&+/.@#]';

/** Lower case without diacritics, typographic apostrophes made plain: café's -> cafe's. */
export function fold(text: string): string {
  return text
    .normalize('NFKD')
    .replace(MARKS, '')
    .replace(/[\u2018\u2019]/g, "'")
    .toLowerCase();
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
const alternatives = (forms: readonly string[]) => `(?:${forms.map(escape).join('|')})`;

/** A regular expression of one's own over one field (unicode mode); for what helpers miss. */
export function pattern(source: string): Truth {
  const re = new RegExp(source, 'u');
  return (fields) => fields.some((f) => re.test(f));
}

/** A whole word in any of the given spellings: `word('hostage', 'hostages')`. */
export function word(...forms: string[]): Truth {
  return pattern(`${START}${alternatives(forms)}${END}`);
}

/** Any word that starts with `stem`. */
export function prefix(stem: string): Truth {
  return pattern(`${START}${escape(stem)}`);
}

/**
 * Words next to each other in this order, with only spaces or punctuation between; each
 * argument is one word or its accepted spellings.
 */
export function phrase(...words: (string | readonly string[])[]): Truth {
  const parts = words.map((w) => alternatives(typeof w === 'string' ? [w] : w));
  return pattern(`${START}${parts.join(GAP)}${END}`);
}

/**
 * A compound written joined, hyphenated or spaced: `compound('health', 'care')` finds
 * healthcare, health-care and health care; the last part may list its spellings (plurals).
 */
export function compound(first: string, last: string | readonly string[]): Truth {
  const tail = alternatives(typeof last === 'string' ? [last] : last);
  return pattern(`${START}${escape(first)}${JOIN}${tail}${END}`);
}

/**
 * A name with symbols as a unit: `unit('s&p')` finds "S&P 500" and "S&P's" but not "S&P500",
 * "s & p" or the u.s inside "u.s.a".
 */
export function unit(name: string): Truth {
  return pattern(`(?<!${LETTER}|${LETTER}${GLUE})${escape(name)}(?!${LETTER}|${GLUE}${LETTER})`);
}

export const all =
  (...truths: Truth[]): Truth =>
  (fields) =>
    truths.every((t) => t(fields));

export const any =
  (...truths: Truth[]): Truth =>
  (fields) =>
    truths.some((t) => t(fields));

export const not =
  (truth: Truth): Truth =>
  (fields) =>
    !truth(fields);
