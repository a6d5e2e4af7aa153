import { analyzeTerm, compoundSplits, inflections } from '../query/analysis.ts';
import { formatQuery, type ParsedQuery, type QueryNode } from '../query/syntax.ts';
import { unitFilter } from './filter.ts';

/**
 * The query language in Meilisearch's terms. Meilisearch natively has required words (with
 * matchingStrategy 'all'), phrases, `-word`, `-"phrase"`, a prefix on the last word only, and
 * filters; it has no OR. So the query tree is brought into disjunctive normal form: a list of
 * conjunctions, each one Meilisearch search (`q` plus filters), whose union is the answer.
 * Symbol names (`S&P`) become filters on the indexed `units` field; singular and plural meet
 * through index synonyms (see synonyms.ts), so a positive word needs no OR of its own.
 */

/**
 * What the adapter knows of the index's words, read from its settings (see engine.ts): without
 * it, words are sent as typed and Meilisearch's own derivations apply.
 */
export interface Lexicon {
  /**
   * The other spellings the index matches for a word: its synonyms, i.e. singular or plural and,
   * after a rebuild, the word written apart (`healthcare` -> health care, health cares).
   */
  spellings(word: string): string[];
  /** Whether Meilisearch matches the word without typos (too short, or in disableOnWords). */
  exact(word: string): boolean;
  /**
   * Whether Meilisearch's split words may read the word as a function word and another word
   * that is not one of its spellings (`putin` as "put in").
   */
  splitRisk(word: string): boolean;
  /** Whether the index holds the word, as far as its settings show. */
  known(word: string): boolean;
}

/** The most conjunctions one query runs as; see `translateQuery` for what happens beyond. */
export const MAX_CONJUNCTIONS = 8;

/** A literal Meilisearch can express inside one search. */
export type Literal =
  /**
   * A word of `q`; `alts` are its other spellings (singular/plural, written apart: a multi-word
   * spelling holds spaces), needed when it is negated.
   */
  | { kind: 'word'; text: string; prefix: boolean; alts: string[] }
  | { kind: 'phrase'; words: string[] }
  /** A symbol name the document's `units` must hold. */
  | { kind: 'unit'; value: string };

/** A literal, or its negation. */
export interface Signed {
  lit: Literal;
  negated: boolean;
}

/** One Meilisearch search: its `q` and the filters it adds to the request's own. */
export interface Conjunction {
  q: string;
  filter: string[];
  /** What it was made of (to build the intersection of two conjunctions). */
  literals: Signed[];
}

export type MeiliQuery =
  /** Nothing typed: a placeholder search (newest first). */
  | { kind: 'browse'; read: string }
  /** Typed text without a searchable word: nothing matches. */
  | { kind: 'nothing'; read: string }
  | {
      kind: 'search';
      read: string;
      /** At least one; the answer is their union. */
      conjunctions: Conjunction[];
      /**
       * False when the query had to be loosened to stay within MAX_CONJUNCTIONS or Meilisearch's
       * one-prefix-per-search rule (see docs/meilisearch.md).
       */
      exact: boolean;
    };

type Bool =
  | { kind: 'lit'; lit: Literal }
  /** `negated`: what its negation is, when simpler than De Morgan's. */
  | { kind: 'and'; children: Bool[]; negated?: Bool }
  /**
   * `cheaper`: readings that need fewer searches, tried in order when the conjunctions run
   * out (see MAX_CONJUNCTIONS).
   */
  | { kind: 'or'; children: Bool[]; cheaper?: Bool[] }
  | { kind: 'not'; child: Bool };

const lit = (l: Literal): Bool => ({ kind: 'lit', lit: l });
const and = (children: Bool[]): Bool =>
  children.length === 1 ? children[0]! : { kind: 'and', children };

/** A run of index words: one word, or a phrase of several. */
function partsLiteral(parts: string[]): Bool {
  return parts.length === 1
    ? lit({ kind: 'word', text: parts[0]!, prefix: false, alts: [] })
    : lit({ kind: 'phrase', words: parts });
}

/** Spellings one phrase may take for its possessives (as the embedded planner's). */
const MAX_PHRASE_VARIANTS = 8;

/** One leaf of the reader's query as Meilisearch literals. */
function leafToBool(
  node: Extract<QueryNode, { kind: 'term' | 'phrase' }>,
  lexicon: Lexicon | null,
  /** A neighbour joins it into a known word: Meilisearch's n-grams need it as a word. */
  joins = false,
): Bool | null {
  if (node.kind === 'phrase') {
    // A possessive's `s` is a word of the index ("Trump's tweets" is trump s tweets): the
    // phrase takes it with or without, each spelling one more search of the union.
    let variants: string[][] = [[]];
    const units: string[] = [];
    for (const term of node.terms) {
      const forms = analyzeTerm(term);
      if (!forms) continue;
      const next = variants.map((v) => [...v, ...forms.parts]);
      if (forms.possessive && variants.length < MAX_PHRASE_VARIANTS)
        next.push(...variants.map((v) => [...v, ...forms.parts, 's']));
      variants = next;
      units.push(...forms.units);
    }
    if (variants[0]!.length === 0) return null;
    const phrases = variants.map((words) => lit({ kind: 'phrase', words }));
    const phrase: Bool = phrases.length === 1 ? phrases[0]! : { kind: 'or', children: phrases };
    return and([phrase, ...[...new Set(units)].map((u) => lit({ kind: 'unit', value: u }))]);
  }
  const forms = analyzeTerm(node.text);
  if (!forms) return null;
  const { parts, joined, units } = forms;
  if (node.prefix) {
    // Meilisearch has no phrase prefix: the words, the last one as a prefix.
    return and(
      parts.map((p, i) => lit({ kind: 'word', text: p, prefix: i === parts.length - 1, alts: [] })),
    );
  }
  if (units.length > 0) {
    // A symbol name: its parts (for ranking and highlights) and the name itself as a filter;
    // a document holding the name holds its parts, so excluding the name excludes enough.
    const names = units.map((u) => lit({ kind: 'unit', value: u }));
    return { kind: 'and', children: [partsLiteral(parts), ...names], negated: and(names) };
  }
  if (joined) {
    // A compound: its parts in order (the last one singular or plural: phrases take no
    // synonyms), or joined (whose plural the synonyms bring). Cheaper: without the plural
    // phrase; cheapest, the parts as plain words, which Meilisearch also reads joined (n-grams).
    const head = parts.slice(0, -1);
    const phrases = [parts, ...inflections(parts.at(-1)!).map((v) => [...head, v])];
    const joinedWord = lit({
      kind: 'word',
      text: joined,
      prefix: false,
      alts: inflections(joined),
    });
    const plain = and(parts.map((p) => lit({ kind: 'word', text: p, prefix: false, alts: [] })));
    const singular: Bool = {
      kind: 'or',
      children: [lit({ kind: 'phrase', words: parts }), joinedWord],
    };
    if (phrases.length === 1) return { ...singular, cheaper: [singular, plain] };
    return {
      kind: 'or',
      children: [...phrases.map((words) => lit({ kind: 'phrase', words })), joinedWord],
      cheaper: [singular, plain],
    };
  }
  const word = parts[0]!;
  if (!lexicon) {
    // Without the index's words: its singular/plural, and the splits the analysis derives alone
    // (covid19 -> covid 19), for a negation to exclude.
    const splits = compoundSplits(word, () => false).map((p) => p.join(' '));
    return lit({
      kind: 'word',
      text: word,
      prefix: false,
      alts: [...inflections(word), ...splits],
    });
  }
  // The index's spellings, and the splits the analysis derives alone (5g -> 5 g).
  const splits = compoundSplits(word, () => false).map((p) => p.join(' '));
  const alts = [...new Set([...lexicon.spellings(word), ...splits])];
  const plain = lit({ kind: 'word', text: word, prefix: false, alts });
  if (joins || !lexicon.exact(word)) return plain;
  // A word that Meilisearch would not correct: with no other spelling, a phrase of one word,
  // which alone escapes Meilisearch's split words (`putin` read as "put in"); with spellings,
  // and a split next to a function word possible, each spelling as a phrase (a search each;
  // cheaper, the plain word).
  const phrase = (w: string) => lit({ kind: 'phrase', words: w.split(' ') });
  if (alts.length === 0) return phrase(word);
  if (!lexicon.splitRisk(word)) return plain;
  return { kind: 'or', children: [word, ...alts].map(phrase), cheaper: [plain] };
}

/** One plain word of the query, or null. */
function plainWord(node: QueryNode): string | null {
  if (node.kind !== 'term' || node.prefix) return null;
  const forms = analyzeTerm(node.text);
  return forms && forms.parts.length === 1 && forms.units.length === 0 ? forms.parts[0]! : null;
}

/**
 * Which children of an AND a neighbour joins into a word the index knows (`health care`,
 * healthcare): those stay words, for Meilisearch's n-grams (the embedded joinNeighbours).
 */
function joinedNeighbours(children: QueryNode[], lexicon: Lexicon): boolean[] {
  const out = children.map(() => false);
  for (let i = 0; i + 1 < children.length; i++) {
    const a = plainWord(children[i]!);
    const b = plainWord(children[i + 1]!);
    if (a && b && lexicon.known(a + b)) out[i] = out[i + 1] = true;
  }
  return out;
}

function toBool(node: QueryNode, lexicon: Lexicon | null): Bool | null {
  switch (node.kind) {
    case 'term':
    case 'phrase':
      return leafToBool(node, lexicon);
    case 'not': {
      const child = toBool(node.child, lexicon);
      return child ? { kind: 'not', child } : null;
    }
    default: {
      const joined = node.kind === 'and' && lexicon ? joinedNeighbours(node.children, lexicon) : [];
      const children = node.children
        .map((c, i) =>
          joined[i] && (c.kind === 'term' || c.kind === 'phrase')
            ? leafToBool(c, lexicon, true)
            : toBool(c, lexicon),
        )
        .filter((c): c is Bool => c !== null);
      if (children.length === 0) return null;
      return children.length === 1 ? children[0]! : { kind: node.kind, children };
    }
  }
}

/** Disjunctive normal form; from `level` 1 on, the cheaper readings of compounds. */
function dnf(node: Bool, negated: boolean, level: number): Signed[][] {
  switch (node.kind) {
    case 'lit':
      return [[{ lit: node.lit, negated }]];
    case 'not':
      return dnf(node.child, !negated, level);
    case 'or':
    case 'and': {
      if (node.kind === 'and' && negated && node.negated) return dnf(node.negated, true, level);
      if (node.kind === 'or' && level > 0 && node.cheaper?.length) {
        const cheaper = node.cheaper[Math.min(level, node.cheaper.length) - 1]!;
        return dnf(cheaper, negated, level);
      }
      // De Morgan: under a NOT, AND becomes OR and OR becomes AND.
      const isOr = (node.kind === 'or') !== negated;
      const parts = node.children.map((c) => dnf(c, negated, level));
      if (isOr) return parts.flat();
      let out: Signed[][] = [[]];
      for (const p of parts) {
        const next: Signed[][] = [];
        for (const a of out) for (const b of p) next.push([...a, ...b]);
        out = next;
        // Past a generous bound the caller loosens or cuts anyway; stop multiplying.
        if (out.length > MAX_CONJUNCTIONS * 64) out = out.slice(0, MAX_CONJUNCTIONS * 64);
      }
      return out;
    }
  }
}

const keyOf = (s: Signed) => `${s.negated ? '-' : '+'}${JSON.stringify(s.lit)}`;
const positiveKey = (s: Signed) => `+${JSON.stringify(s.lit)}`;

/** Drops repeated literals; null for a conjunction that contradicts itself (`a -a`). */
function tidy(conj: Signed[]): Signed[] | null {
  const seen = new Map<string, Signed>();
  for (const s of conj) seen.set(keyOf(s), s);
  for (const s of seen.values()) if (s.negated && seen.has(positiveKey(s))) return null;
  return [...seen.values()];
}

/** Quotes a run of index words for `q`: they are letters and digits only (see wordsOf). */
function quoted(words: string[]): string {
  return `"${words.join(' ')}"`;
}

/**
 * One conjunction as a Meilisearch search. Negations go first (they do not count against
 * Meilisearch's ten-word limit, and a cut would lose them); the prefix word goes last, the only
 * place Meilisearch reads a prefix; without one `q` ends in a space, which turns the last-word
 * prefix off. Returns whether a second prefix had to be read as a whole word.
 */
export function conjunctionToSearch(conj: Signed[]): { search: Conjunction; exact: boolean } {
  const negatives: string[] = [];
  const positives: string[] = [];
  const filter: string[] = [];
  let prefix: string | null = null;
  let exact = true;
  for (const { lit: l, negated } of conj) {
    if (l.kind === 'unit') {
      filter.push(unitFilter(l.value, negated));
    } else if (l.kind === 'phrase') {
      (negated ? negatives : positives).push(`${negated ? '-' : ''}${quoted(l.words)}`);
    } else if (negated) {
      // Negative words match exactly in Meilisearch: no synonyms, typos or prefixes; so every
      // spelling is excluded in its own right, those written apart as phrases.
      negatives.push(
        ...[l.text, ...l.alts].map((w) => (w.includes(' ') ? `-${quoted(w.split(' '))}` : `-${w}`)),
      );
    } else if (l.prefix) {
      if (prefix !== null) {
        positives.push(prefix);
        exact = false;
      }
      prefix = l.text;
    } else {
      positives.push(l.text);
    }
  }
  const words = [...negatives, ...positives];
  const q = prefix !== null ? [...words, prefix].join(' ') : `${words.join(' ')} `;
  return { search: { q, filter, literals: conj }, exact };
}

/** The search for documents that match both conjunctions; null when none can. */
export function intersect(a: Conjunction, b: Conjunction): Conjunction | null {
  const both = tidy([...a.literals, ...b.literals]);
  return both ? conjunctionToSearch(both).search : null;
}

/**
 * Translates a parsed query into the Meilisearch searches whose union answers it; `lexicon`, the
 * index's words when known (see Lexicon).
 */
export function translateQuery(parsed: ParsedQuery, lexicon: Lexicon | null = null): MeiliQuery {
  const read = formatQuery(parsed.root);
  if (!parsed.root) return parsed.empty ? { kind: 'browse', read } : { kind: 'nothing', read };
  const tree = toBool(parsed.root, lexicon);
  if (!tree) return { kind: 'nothing', read };
  let exact = true;
  const tidied = (level: number) =>
    dnf(tree, false, level)
      .map(tidy)
      .filter((c): c is Signed[] => c !== null);
  let conjunctions = tidied(0);
  for (let level = 1; level <= 2 && conjunctions.length > MAX_CONJUNCTIONS; level++) {
    conjunctions = tidied(level);
    exact = false;
  }
  if (conjunctions.length > MAX_CONJUNCTIONS)
    conjunctions = conjunctions.slice(0, MAX_CONJUNCTIONS);
  if (conjunctions.length === 0) return { kind: 'nothing', read };
  const searches = conjunctions.map(conjunctionToSearch);
  // The same search reached twice (e.g. `a OR a`) runs once.
  const unique = new Map<string, Conjunction>();
  for (const { search, exact: e } of searches) {
    unique.set(JSON.stringify([search.q, search.filter]), search);
    exact &&= e;
  }
  return { kind: 'search', read, conjunctions: [...unique.values()], exact };
}
