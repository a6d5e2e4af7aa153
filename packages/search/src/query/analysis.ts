/**
 * Text analysis shared by both engines, at index and at query time: how a typed term splits
 * into the index's words, and which spellings of it count as the same word (compounds joined,
 * hyphenated or spaced; singular and plural; possessives; diacritics; names with symbols).
 */

const MARKS = /\p{M}/gu;
const PART = /[\p{L}\p{N}\p{Co}]+/gu;

/** Folds a word the way the index does: no diacritics, lower case. */
export function foldTerm(word: string): string {
  // eslint-disable-next-line no-control-regex
  if (/^[\x00-\x7f]*$/.test(word)) return word.toLowerCase();
  return word.normalize('NFKD').replace(MARKS, '').toLowerCase();
}

/**
 * Symbols that make a name of their own when they sit between letters or digits (`S&P`, `9/11`,
 * `U.S`, `AT&T`, `nytimes.com`) or end a short name (`C++`, `C#`). Such names are indexed as
 * units beside their parts, so `S&P` finds S&P and not every "S" near a "P".
 */
const UNIT =
  /[\p{L}\p{N}]+(?:[&+/.@#][\p{L}\p{N}]+)+(?:\+\+|#)?|(?<![\p{L}\p{N}.])[\p{L}\p{N}]{1,3}(?:\+\+|#)(?![\p{L}\p{N}+#])/gu;

/** The symbol names (units) in a text, folded; the same function at index and query time. */
export function extractUnits(text: string): string[] {
  if (!/[&+/.@#]/.test(text)) return [];
  const found = new Set<string>();
  for (const m of text.matchAll(UNIT)) {
    // 3.5 and 1.2.3 are numbers: their parts already find them, as decimals, in order.
    if (/^[\d.]+$/.test(m[0])) continue;
    found.add(foldTerm(m[0]));
  }
  return [...found];
}

/** The index's words of a text (unicode61's token rule after folding). */
export function wordsOf(text: string): string[] {
  return foldTerm(text).match(PART) ?? [];
}

/** One typed term as the index sees it. */
export interface TermForms {
  /** Its words in order: `s&p` -> s, p; `e-mail` -> e, mail. */
  parts: string[];
  /** A compound's parts written as one word (`email`), when the term is a compound. */
  joined: string | null;
  /** Symbol names the text must also contain (`s&p`, `c++`). */
  units: string[];
  /** Typed with a possessive 's, which the index holds as a word `s` of its own. */
  possessive: boolean;
}

/** Analyses one cleaned term (see cleanTerm); null when it holds no word. */
export function analyzeTerm(text: string): TermForms | null {
  // Possessives fold: Israel's = Israel, hostages' = hostages.
  const base = text.replace(/(?<=[\p{L}\p{N}])['\u2019]s$/u, '').replace(/(?<=s)['\u2019]$/u, '');
  const possessive = /(?<=[\p{L}\p{N}])['\u2019]s$/u.test(text);
  const parts = wordsOf(base);
  if (parts.length === 0) return null;
  const units = extractUnits(base);
  const compound = parts.length > 1 && units.length === 0;
  return { parts, joined: compound ? parts.join('') : null, units, possessive };
}

/**
 * Where a word made of letters then digits (or digits then letters) splits: `covid19` ->
 * covid 19, `5g` -> 5 g. Null for other words.
 */
export function letterDigitSplit(word: string): [string, string] | null {
  const m = /^(\p{L}+)(\p{N}+)$|^(\p{N}+)(\p{L}+)$/u.exec(word);
  if (!m) return null;
  return m[1] !== undefined ? [m[1], m[2]!] : [m[3]!, m[4]!];
}

/**
 * Words too common to be half of a compound: `often` is not "of ten", `therapist` not "the
 * rapist", `into` not "in to".
 */
const FUNCTION_WORDS = new Set(
  (
    'a an the of to in on at by for from with as is be are was were it its he she we they you ' +
    'i me my his her our us them their this that or and but not no so if up do go me ' +
    'any one some every all can will would may'
  ).split(' '),
);

/** Whether a word is too common to be half of a compound (`in`, `the`, `of`). */
export function isFunctionWord(word: string): boolean {
  return FUNCTION_WORDS.has(word);
}

/**
 * The ways a joined word could be two words written apart (`healthcare` -> health care),
 * given which words the index knows. Parts are at least two letters (wi fi), except a first
 * letter such as the e of e-mail; neither part is a function word.
 */
export function compoundSplits(
  word: string,
  known: (w: string) => boolean,
  limit = 3,
): [string, string][] {
  const out: [string, string][] = [];
  const digits = letterDigitSplit(word);
  if (digits) out.push(digits);
  if (word.length < 4 || !/^\p{L}+$/u.test(word)) return out;
  for (let i = 1; i < word.length - 1 && out.length < limit; i++) {
    const a = word.slice(0, i);
    const b = word.slice(i);
    // A first letter of its own (e-mail, x-ray, T-shirt) — but not the s that every possessive
    // leaves as a word: "Japan's train" is no "strain".
    if (i === 1 && !/^[a-rt-z]$/.test(a)) continue;
    if (b.length < 2 || FUNCTION_WORDS.has(a) || FUNCTION_WORDS.has(b)) continue;
    if (known(a) && known(b)) out.push([a, b]);
  }
  return out;
}

// Words that end in s without being plurals, and short words: no singular or plural for them.
const NOT_PLURAL = new Set(
  (
    'news this his its was has does goes is as us yes thus plus gas bus lens always perhaps ' +
    'whereas series species means politics physics economics ethics less unless across ' +
    'various previous famous serious dangerous nervous obvious anonymous numerous'
  ).split(' '),
);
const IRREGULAR: [string, string][] = [
  ['man', 'men'],
  ['woman', 'women'],
  ['child', 'children'],
  ['person', 'people'],
  ['mouse', 'mice'],
  ['foot', 'feet'],
  ['tooth', 'teeth'],
  ['crisis', 'crises'],
  ['analysis', 'analyses'],
  ['thesis', 'theses'],
];
const IRREGULAR_MAP = new Map<string, string>([
  ...IRREGULAR,
  ...IRREGULAR.map(([a, b]) => [b, a] as [string, string]),
]);

/**
 * The singular and plural spellings of a word that the engines also match (`hostage` <->
 * `hostages`, `country` <-> `countries`, `box` <-> `boxes`); the caller keeps those the index
 * knows. Only English plurals; other words get none.
 */
export function inflections(word: string): string[] {
  const irregular = IRREGULAR_MAP.get(word);
  if (irregular) return [irregular];
  if (word.length < 3 || NOT_PLURAL.has(word) || !/^[a-z]+$/.test(word)) return [];
  const out: string[] = [];
  if (word.endsWith('ies') && word.length > 4) out.push(`${word.slice(0, -3)}y`);
  else if (/(?:s|x|z|ch|sh)es$/.test(word)) out.push(word.slice(0, -2));
  else if (word.endsWith('s') && !word.endsWith('ss') && word.length > 3) {
    out.push(word.slice(0, -1));
    if (word.endsWith('es')) out.push(word.slice(0, -2));
  }
  if (out.length > 0) return out;
  if (word.endsWith('s')) return [`${word}es`];
  if (/[^aeiou]y$/.test(word)) return [`${word.slice(0, -1)}ies`];
  if (/(?:x|z|ch|sh)$/.test(word)) return [`${word}es`];
  return [`${word}s`];
}
