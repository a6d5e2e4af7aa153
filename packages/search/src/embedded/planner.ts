import {
  analyzeTerm,
  compoundSplits,
  inflections,
  wordsOf,
  extractUnits,
} from '../query/analysis.ts';
import { TYPO_RARITY } from './typo.ts';
import { formatQuery, type ParsedQuery, type QueryNode } from '../query/syntax.ts';
import { quoteTerm } from './query.ts';

/** What the planner needs to know of the index's words. */
export interface Lexicon {
  /** Documents containing the word (0 when unknown), hidden ones included: cheap. */
  count(word: string): number;
  /**
   * Documents containing the word (or phrase) that the caller may see, counted up to `atMost` when given
   * (a broad word need not be counted in full to know it is not rare). Decisions whose outcome
   * a reader sees (typo readings, suggestions) use this, so no answer depends on a hidden article.
   */
  visibleCount(word: string, atMost?: number): number;
  /** How many hidden documents there are at most: bounds what `count` can overstate. */
  hiddenDocuments: number;
  /** Known words within the typo budget of `word`, most frequent first. */
  typoCandidates(word: string): string[];
}

/**
 * One leaf of the query as FTS5 expressions. `expr` is an OR group of every spelling the leaf
 * matches; `exactExpr` leaves out the typo neighbours (ranked first). `units` are symbol names
 * that the units index must also hold.
 */
export interface LeafPlan {
  expr: string;
  exactExpr: string;
  units: string[];
  /** Folded words to highlight, and prefixes. */
  words: string[];
  prefixes: string[];
  /** The typed word and its best typo reading, when the word itself is unknown. */
  typo?: { word: string; best: string };
}

export type PlanNode =
  | { kind: 'leaf'; leaf: LeafPlan }
  | { kind: 'and'; children: PlanNode[] }
  | { kind: 'or'; children: PlanNode[] }
  | { kind: 'not'; child: PlanNode };

export interface Plan {
  /** Null when the query is a browse (empty) or matches nothing (`nothing`). */
  root: PlanNode | null;
  /** Text was typed but holds no searchable word: no document matches. */
  nothing: boolean;
  /** FTS5 expressions over the positive part of the query, for ranking; null when none. */
  rankExpr: string | null;
  exactRankExpr: string | null;
  /** Words and prefixes to highlight (negated leaves left out). */
  words: Set<string>;
  prefixes: string[];
  /** The query as read, in the query language. */
  read: string;
  /** The query with unknown words replaced by their best typo reading, when there are any. */
  suggestion: string | null;
}

/** Turns a parsed query into FTS5 leaves and the boolean structure that combines them. */
export function planQuery(parsed: ParsedQuery, lexicon: Lexicon): Plan {
  const words = new Set<string>();
  const prefixes: string[] = [];
  const typos = new Map<string, string>();
  if (!parsed.root) {
    return {
      root: null,
      nothing: !parsed.empty,
      rankExpr: null,
      exactRankExpr: null,
      words,
      prefixes,
      read: '',
      suggestion: null,
    };
  }
  const known = (w: string) => lexicon.count(w) > 0;
  const joinedRoot = joinNeighbours(parsed.root, known);

  const planLeaf = (
    node: Extract<QueryNode, { kind: 'term' | 'phrase' }>,
    negated: boolean,
  ): LeafPlan | null => {
    const leaf = node.kind === 'term' ? planTerm(node, lexicon) : planPhrase(node);
    if (leaf && !negated) {
      for (const w of leaf.words) words.add(w);
      prefixes.push(...leaf.prefixes);
      if (leaf.typo) typos.set(leaf.typo.word, leaf.typo.best);
    }
    return leaf;
  };
  const build = (node: QueryNode, negated: boolean): PlanNode | null => {
    switch (node.kind) {
      case 'term':
      case 'phrase': {
        const leaf = planLeaf(node, negated);
        return leaf ? { kind: 'leaf', leaf } : null;
      }
      case 'not': {
        const child = build(node.child, !negated);
        return child ? { kind: 'not', child } : null;
      }
      default: {
        const children = node.children
          .map((c) => build(c, negated))
          .filter((c): c is PlanNode => c !== null);
        if (children.length === 0) return null;
        return children.length === 1 ? children[0]! : { kind: node.kind, children };
      }
    }
  };
  const root = build(joinedRoot, false);
  const suggestion = typos.size > 0 ? formatQuery(replaceTerms(parsed.root, typos)) : null;
  return {
    root,
    nothing: root === null,
    rankExpr: root ? rankExpression(root, false) : null,
    exactRankExpr: root ? rankExpression(root, true) : null,
    words,
    prefixes,
    read: formatQuery(parsed.root),
    suggestion,
  };
}

function planTerm(node: Extract<QueryNode, { kind: 'term' }>, lexicon: Lexicon): LeafPlan | null {
  const forms = analyzeTerm(node.text);
  if (!forms) return null;
  const { parts, joined, units } = forms;
  const phrase = parts.join(' ');
  if (node.prefix) {
    const expr = `${quoteTerm(phrase)}*`;
    return {
      expr,
      exactExpr: expr,
      units: [],
      words: parts.slice(0, -1),
      prefixes: [parts.at(-1)!],
    };
  }
  if (units.length > 0) {
    // A symbol name: its words in order, and the name itself from the units index.
    const expr = quoteTerm(phrase);
    return { expr, exactExpr: expr, units, words: parts, prefixes: [] };
  }
  const known = (w: string) => lexicon.count(w) > 0;
  const spellings = new Set<string>();
  const highlight = new Set<string>(parts);
  /** A spelling apart, with its last word singular or plural too. */
  const addApart = (words: string[]) => {
    spellings.add(words.join(' '));
    for (const w of words) highlight.add(w);
    const last = words.at(-1)!;
    for (const v of inflections(last)) {
      if (known(v)) {
        spellings.add([...words.slice(0, -1), v].join(' '));
        highlight.add(v);
      }
    }
  };
  // One-word spellings (the word or the compound joined, singular or plural), then each of
  // them written apart (cyberattacks: cyber attacks, cyber attack; e-mails: e mail, e mails).
  const joinedWord = parts.length === 1 ? parts[0]! : joined;
  const single: string[] = [];
  if (joinedWord) {
    if (parts.length === 1 || known(joinedWord)) single.push(joinedWord);
    for (const v of inflections(joinedWord)) if (known(v)) single.push(v);
  }
  for (const w of single) spellings.add(w);
  if (parts.length > 1) addApart(parts);
  for (const w of single) for (const split of compoundSplits(w, known)) addApart(split);
  for (const s of spellings) if (!s.includes(' ')) highlight.add(s);
  const exactExpr = orGroup([...spellings]);
  let typo: LeafPlan['typo'];
  const typoWords: string[] = [];
  if (parts.length === 1) {
    const word = parts[0]!;
    const candidates = lexicon.typoCandidates(word).filter((t) => !spellings.has(t));
    // Cheap first: when the word's count, less every hidden article, is already TYPO_RARITY times any
    // neighbour's, no visible count can change the outcome.
    const ownAtLeast =
      [...spellings].reduce((n, s) => n + (s.includes(' ') ? 0 : lexicon.count(s)), 0) -
      lexicon.hiddenDocuments;
    const clearlyKnown =
      ownAtLeast > 0 && candidates.every((t) => lexicon.count(t) <= ownAtLeast * TYPO_RARITY);
    const counted = clearlyKnown ? [] : candidates.map((t) => ({ t, n: lexicon.visibleCount(t) }));
    const most = Math.max(0, ...counted.map((c) => c.n));
    if (most > 0) {
      // The word's own count matters only up to the point where no neighbour is TYPO_RARITY times commoner.
      const enough = Math.floor(most / TYPO_RARITY);
      let own = 0;
      for (const s of spellings) {
        if (own > enough) break;
        // Spellings apart count too: "e commerce" attests ecommerce as the reader's word.
        own += lexicon.visibleCount(s, enough + 1 - own);
      }
      for (const { t, n } of counted) if (n > own * TYPO_RARITY) typoWords.push(t);
      if (typoWords.length > 0 && own === 0) typo = { word, best: typoWords[0]! };
      // A typo reading brings its singular or plural, as the word itself would.
      for (const t of [...typoWords])
        for (const v of inflections(t)) if (known(v) && !spellings.has(v)) typoWords.push(v);
    }
    for (const t of typoWords) highlight.add(t);
  }
  const expr = typoWords.length > 0 ? orGroup([...spellings, ...typoWords]) : exactExpr;
  return {
    expr,
    exactExpr,
    units: [],
    words: [...highlight],
    prefixes: [],
    ...(typo ? { typo } : {}),
  };
}

function planPhrase(node: Extract<QueryNode, { kind: 'phrase' }>): LeafPlan | null {
  // Each spelling of the phrase as index words: a possessive's `s` is a word of the index
  // ("Trump's tweets" is trump s tweets), so the phrase takes it with or without.
  let variants: string[][] = [[]];
  const units: string[] = [];
  const words = new Set<string>();
  for (const term of node.terms) {
    const forms = analyzeTerm(term);
    if (!forms) continue;
    for (const w of forms.parts) words.add(w);
    units.push(...forms.units);
    const next = variants.map((v) => [...v, ...forms.parts]);
    if (forms.possessive && variants.length < MAX_PHRASE_VARIANTS)
      next.push(...variants.map((v) => [...v, ...forms.parts, 's']));
    variants = next;
  }
  if (words.size === 0) return null;
  const expr = orGroup(variants.map((v) => v.join(' ')));
  return { expr, exactExpr: expr, units: [...new Set(units)], words: [...words], prefixes: [] };
}

/** Spellings one phrase may take for its possessives (2 per possessive, at most this many). */
const MAX_PHRASE_VARIANTS = 8;

function orGroup(spellings: string[]): string {
  const quoted = spellings.map(quoteTerm);
  return quoted.length === 1 ? quoted[0]! : `(${quoted.join(' OR ')})`;
}

/**
 * Two neighbouring words also match as one (`health care` finds healthcare), as Meilisearch's
 * n-grams do: `a b` becomes `(a b) OR ab` when the index knows `ab`.
 */
function joinNeighbours(node: QueryNode, known: (w: string) => boolean): QueryNode {
  switch (node.kind) {
    case 'not':
      return { kind: 'not', child: joinNeighbours(node.child, known) };
    case 'or':
      return { kind: 'or', children: node.children.map((c) => joinNeighbours(c, known)) };
    case 'and': {
      const out: QueryNode[] = [];
      const kids = node.children;
      for (let i = 0; i < kids.length; i++) {
        const a = kids[i]!;
        const b = kids[i + 1];
        const wa = plainWord(a);
        const wb = b ? plainWord(b) : null;
        if (wa && wb && known(wa + wb)) {
          out.push({
            kind: 'or',
            children: [
              { kind: 'and', children: [a, b!] },
              { kind: 'term', text: wa + wb, prefix: false },
            ],
          });
          i++;
        } else out.push(joinNeighbours(a, known));
      }
      return out.length === 1 ? out[0]! : { kind: 'and', children: out };
    }
    default:
      return node;
  }
}

function plainWord(node: QueryNode): string | null {
  if (node.kind !== 'term' || node.prefix) return null;
  const w = wordsOf(node.text);
  return w.length === 1 && extractUnits(node.text).length === 0 ? w[0]! : null;
}

function replaceTerms(node: QueryNode, typos: Map<string, string>): QueryNode {
  switch (node.kind) {
    case 'term': {
      const w = wordsOf(node.text);
      const best = w.length === 1 ? typos.get(w[0]!) : undefined;
      return best ? { ...node, text: best } : node;
    }
    case 'phrase':
      return node;
    case 'not':
      return { kind: 'not', child: replaceTerms(node.child, typos) };
    default:
      return { kind: node.kind, children: node.children.map((c) => replaceTerms(c, typos)) };
  }
}

/**
 * One FTS5 expression for the positive part of the plan (to rank by BM25); units and pure
 * negations are left to the set evaluation. Null when nothing positive is left.
 */
function rankExpression(node: PlanNode, exact: boolean): string | null {
  switch (node.kind) {
    case 'leaf':
      return exact ? node.leaf.exactExpr : node.leaf.expr;
    case 'not':
      return null;
    case 'or': {
      const parts = node.children.map((c) => rankExpression(c, exact));
      if (parts.some((p) => p === null)) return null;
      return `(${parts.join(' OR ')})`;
    }
    case 'and': {
      const pos: string[] = [];
      const neg: string[] = [];
      for (const c of node.children) {
        if (c.kind === 'not') {
          // A negation needing the units index cannot be written for FTS5 alone ("-C++" is not
          // "no c"): it is left to the set evaluation, or it would drop rows it should keep.
          const n = needsUnits(c.child) ? null : rankExpression(c.child, false);
          if (n) neg.push(n);
        } else {
          const p = rankExpression(c, exact);
          if (p) pos.push(p);
        }
      }
      if (pos.length === 0) return null;
      const body = pos.length === 1 ? pos[0]! : `(${pos.join(' AND ')})`;
      return neg.length === 0 ? body : `(${body} NOT (${neg.join(' OR ')}))`;
    }
  }
}

function needsUnits(node: PlanNode): boolean {
  switch (node.kind) {
    case 'leaf':
      return node.leaf.units.length > 0;
    case 'not':
      return needsUnits(node.child);
    default:
      return node.children.some(needsUnits);
  }
}
