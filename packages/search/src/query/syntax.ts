import { z } from 'zod';

/**
 * The query language readers type, the same on both engines:
 *
 * - `word word` — every word is required (in any field, any order);
 * - `"exact phrase"` — the words next to each other, in this order;
 * - `-word`, `-"phrase"`, `-(group)` — leave out articles that match;
 * - `a OR b`, `a | b` — either; OR binds tighter than the implicit AND, as in web search:
 *   `a b OR c` is a AND (b OR c);
 * - `( … )` — grouping;
 * - `word*` — any word starting with `word`.
 *
 * Nothing typed is an error: unbalanced quotes close at the end, unbalanced parentheses are
 * closed or ignored, a lone operator is dropped, and text with no searchable word reads as a
 * query that matches nothing (never as "everything").
 */

/** The most leaves one query keeps; the rest of the text is ignored. */
export const MAX_QUERY_LEAVES = 24;
/** The most words a phrase keeps. */
export const MAX_PHRASE_WORDS = 16;
/** The longest term kept (longer runs are noise: base64, URLs). */
export const MAX_TERM_LENGTH = 64;

export type QueryNode =
  | { kind: 'term'; text: string; prefix: boolean }
  | { kind: 'phrase'; terms: string[] }
  | { kind: 'and'; children: QueryNode[] }
  | { kind: 'or'; children: QueryNode[] }
  | { kind: 'not'; child: QueryNode };

export const QueryNode: z.ZodType<QueryNode> = z.lazy(() =>
  z.discriminatedUnion('kind', [
    z.object({
      kind: z.literal('term'),
      text: z.string().min(1).max(MAX_TERM_LENGTH),
      prefix: z.boolean(),
    }),
    z.object({
      kind: z.literal('phrase'),
      terms: z.array(z.string().min(1).max(MAX_TERM_LENGTH)).min(1).max(MAX_PHRASE_WORDS),
    }),
    z.object({ kind: z.literal('and'), children: z.array(QueryNode).min(2) }),
    z.object({ kind: z.literal('or'), children: z.array(QueryNode).min(2) }),
    z.object({ kind: z.literal('not'), child: QueryNode }),
  ]),
);

/**
 * A parsed query. `root` null with `empty` true is a browse (nothing typed); `root` null with
 * `empty` false is text without a searchable word, which matches nothing.
 */
export const ParsedQuery = z.object({
  root: QueryNode.nullable(),
  empty: z.boolean(),
  /** Whether the reader used any operator (quotes, -, OR, |, parentheses, *). */
  operators: z.boolean(),
});
export type ParsedQuery = z.infer<typeof ParsedQuery>;

// A term's characters: anything but white space, quotes, parentheses and the OR bar. Typographic
// quotes count as quotes, since phones and word processors turn " into them.
const QUOTES = new Set(['"', '\u201c', '\u201d', '\u201e', '\u00ab', '\u00bb']);
const WORD_CHAR = /[\p{L}\p{N}\p{Co}]/u;

type Token =
  | { t: 'word'; text: string; neg: boolean }
  | { t: 'phrase'; text: string; neg: boolean }
  | { t: 'open'; neg: boolean }
  | { t: 'close' }
  | { t: 'or' }
  | { t: 'not' };

function isSpace(c: string): boolean {
  return /\s/u.test(c);
}

function lex(text: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text[i]!;
    if (isSpace(c)) {
      i++;
      continue;
    }
    // A minus starts a negation only at the start of a token and right before what it negates.
    const neg = c === '-' && i + 1 < n && !isSpace(text[i + 1]!);
    const at = neg ? i + 1 : i;
    const d = text[at]!;
    if (QUOTES.has(d)) {
      let end = at + 1;
      while (end < n && !QUOTES.has(text[end]!)) end++;
      out.push({ t: 'phrase', text: text.slice(at + 1, end), neg });
      i = end + 1;
      continue;
    }
    if (d === '(') {
      out.push({ t: 'open', neg });
      i = at + 1;
      continue;
    }
    if (c === ')') {
      out.push({ t: 'close' });
      i++;
      continue;
    }
    if (c === '|') {
      out.push({ t: 'or' });
      i++;
      continue;
    }
    let end = at;
    while (end < n) {
      const e = text[end]!;
      if (isSpace(e) || QUOTES.has(e) || e === '(' || e === ')' || e === '|') break;
      end++;
    }
    const word = text.slice(at, end);
    if (!neg && word === 'OR') out.push({ t: 'or' });
    else if (!neg && word === 'NOT') out.push({ t: 'not' });
    else if (neg || word !== 'AND') out.push({ t: 'word', text: word, neg });
    i = Math.max(end, i + 1);
  }
  return out;
}

/**
 * One typed term as the engines see it: lower-case, without leading or trailing punctuation
 * (inner symbols such as `S&P`, `e-mail`, `9/11`, `U.S` and a trailing `++` or `#` stay), and
 * whether it ends in `*`. Null when it holds no word character.
 */
export function cleanTerm(raw: string): { text: string; prefix: boolean } | null {
  let s = raw.normalize('NFC');
  const prefix = /[\p{L}\p{N}]\*+$/u.test(s);
  let start = 0;
  while (start < s.length && !WORD_CHAR.test(s[start]!)) start++;
  let end = s.length;
  while (end > start && !WORD_CHAR.test(s[end - 1]!)) end--;
  if (end <= start) return null;
  // Keep C++, C#, F#: the symbols are the name.
  const tail = /^(\+\+|#)/.exec(s.slice(end));
  if (tail && end - start <= 3) end += tail[0].length;
  s = s.slice(start, end).toLowerCase();
  return { text: s.slice(0, MAX_TERM_LENGTH), prefix };
}

class Parser {
  private pos = 0;
  leaves = 0;
  operators = false;
  constructor(private readonly tokens: Token[]) {}

  private peek(): Token | undefined {
    return this.tokens[this.pos];
  }

  /** and := chain+, up to a closing parenthesis or the end. */
  parseAnd(depth: number): QueryNode | null {
    const parts: QueryNode[] = [];
    for (;;) {
      const tok = this.peek();
      if (!tok) break;
      if (tok.t === 'close') {
        if (depth > 0) break;
        // A stray closing parenthesis: ignored.
        this.operators = true;
        this.pos++;
        continue;
      }
      if (tok.t === 'or') {
        // An OR with nothing before it: dropped.
        this.operators = true;
        this.pos++;
        continue;
      }
      const node = this.parseChain(depth);
      if (node) parts.push(node);
    }
    return combine('and', parts);
  }

  /** chain := unary (OR unary)* — OR binds tighter than the implicit AND, as in web search. */
  parseChain(depth: number): QueryNode | null {
    const parts: QueryNode[] = [];
    const first = this.parseUnary(depth);
    if (first) parts.push(first);
    while (this.peek()?.t === 'or') {
      this.operators = true;
      while (this.peek()?.t === 'or') this.pos++;
      const next = this.peek();
      if (!next || next.t === 'close' || next.t === 'or') break;
      const node = this.parseUnary(depth);
      if (node) parts.push(node);
    }
    return combine('or', parts);
  }

  parseUnary(depth: number): QueryNode | null {
    let tok = this.peek()!;
    let negate = false;
    if (tok.t === 'not') {
      this.pos++;
      this.operators = true;
      const next = this.peek();
      if (!next || next.t === 'or' || next.t === 'close' || next.t === 'not') return null;
      negate = true;
      tok = next;
    }
    const node = this.parseAtom(depth);
    if (!node) return null;
    const neg = negate || ('neg' in tok && tok.neg);
    if (neg) this.operators = true;
    return neg ? { kind: 'not', child: node } : node;
  }

  parseAtom(depth: number): QueryNode | null {
    const tok = this.tokens[this.pos++]!;
    switch (tok.t) {
      case 'open': {
        this.operators = true;
        const inner = this.parseAnd(depth + 1);
        if (this.peek()?.t === 'close') this.pos++;
        return inner;
      }
      case 'phrase': {
        this.operators = true;
        const terms: string[] = [];
        // Inside quotes, the OR bar and parentheses separate words like spaces.
        for (const raw of tok.text.split(/[\s|()]+/u)) {
          const term = cleanTerm(raw);
          if (term && terms.length < MAX_PHRASE_WORDS) terms.push(term.text);
        }
        if (terms.length === 0 || this.leaves >= MAX_QUERY_LEAVES) return null;
        this.leaves++;
        if (terms.length === 1) return { kind: 'term', text: terms[0]!, prefix: false };
        return { kind: 'phrase', terms };
      }
      case 'word': {
        const term = cleanTerm(tok.text);
        if (!term || this.leaves >= MAX_QUERY_LEAVES) return null;
        if (term.prefix) this.operators = true;
        this.leaves++;
        return { kind: 'term', text: term.text, prefix: term.prefix };
      }
      default:
        // 'or', 'not' and 'close' are handled by the callers; a lone one is dropped.
        return null;
    }
  }
}

function combine(kind: 'and' | 'or', parts: QueryNode[]): QueryNode | null {
  const flat: QueryNode[] = [];
  for (const p of parts) {
    if (p.kind === kind) flat.push(...p.children);
    else flat.push(p);
  }
  if (flat.length === 0) return null;
  if (flat.length === 1) return flat[0]!;
  return { kind, children: flat };
}

/** Parses what a reader typed. Never throws; see the module comment for the language. */
export function parseQuery(text: string): ParsedQuery {
  const tokens = lex(text);
  const parser = new Parser(tokens);
  // At depth 0 stray closing parentheses are skipped, so this reads to the end.
  const root = parser.parseAnd(0);
  return {
    root: root ? simplify(root) : null,
    empty: text.trim() === '',
    operators: parser.operators,
  };
}

/** Drops what cannot change the result: double negation, a NOT inside OR with nothing else, … */
function simplify(node: QueryNode): QueryNode {
  switch (node.kind) {
    case 'not': {
      const child = simplify(node.child);
      return child.kind === 'not' ? child.child : { kind: 'not', child };
    }
    case 'and':
    case 'or':
      return combine(node.kind, node.children.map(simplify))!;
    default:
      return node;
  }
}

/** Every leaf of a tree with whether it sits under an odd number of NOTs. */
export function* leaves(
  node: QueryNode,
  negated = false,
): Generator<{ leaf: Extract<QueryNode, { kind: 'term' | 'phrase' }>; negated: boolean }> {
  switch (node.kind) {
    case 'term':
    case 'phrase':
      yield { leaf: node, negated };
      return;
    case 'not':
      yield* leaves(node.child, !negated);
      return;
    default:
      for (const c of node.children) yield* leaves(c, negated);
  }
}

/**
 * The query as the engines read it, in the language itself (so a reader can type it back):
 * e.g. `trump -russia` reads `trump -russia`, `(a b) OR c` keeps its parentheses.
 */
export function formatQuery(node: QueryNode | null): string {
  if (!node) return '';
  const fmt = (n: QueryNode, parent: QueryNode['kind'] | null): string => {
    switch (n.kind) {
      case 'term':
        return n.prefix ? `${n.text}*` : n.text;
      case 'phrase':
        return `"${n.terms.join(' ')}"`;
      case 'not':
        return `-${fmt(n.child, 'not')}`;
      case 'and': {
        const s = n.children.map((c) => fmt(c, 'and')).join(' ');
        return parent === 'not' || parent === 'or' ? `(${s})` : s;
      }
      case 'or': {
        // Parenthesised inside AND too, so the reader sees what OR took in.
        const s = n.children.map((c) => fmt(c, 'or')).join(' OR ');
        return parent === 'not' || parent === 'and' ? `(${s})` : s;
      }
    }
  };
  return fmt(node, null);
}
