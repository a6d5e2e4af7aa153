import Database from 'better-sqlite3';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { HOSTILE_QUERIES } from '../contract/fixtures.ts';
import { parseQuery } from '../query/syntax.ts';
import { planQuery, type Lexicon, type PlanNode } from './planner.ts';
import { quoteTerm } from './query.ts';

const counts = new Map(
  Object.entries({
    health: 40,
    care: 30,
    healthcare: 12,
    hostage: 5,
    hostages: 9,
    white: 400,
    write: 900,
    netanyahu: 60,
    trump: 500,
    ecommerce: 2,
    e: 50,
    commerce: 400,
    cyber: 20,
    attack: 300,
    attacks: 200,
    cyberattack: 10,
    cyberattacks: 8,
  }),
);
const lexicon: Lexicon = {
  count: (w) => counts.get(w) ?? 0,
  // "e commerce" stands in 60 documents as a phrase.
  visibleCount: (w) => (w === 'e commerce' ? 60 : (counts.get(w) ?? 0)),
  typoCandidates: (w) =>
    ({
      netanyau: ['netanyahu'],
      white: ['write'],
      hostges: ['hostages'],
      ecommerce: ['commerce'],
    })[w] ?? [],
  hiddenDocuments: 0,
};
const plan = (q: string) => planQuery(parseQuery(q), lexicon);

// Real FTS5 tables shaped like the engine's: SQLite itself must accept every expression.
const db = new Database(':memory:');
db.exec(`CREATE VIRTUAL TABLE t USING fts5(title, body, names, tokenize='unicode61 remove_diacritics 2');
  CREATE VIRTUAL TABLE u USING fts5(units, content='', contentless_delete=1,
    tokenize="unicode61 remove_diacritics 2 tokenchars '&+/.@#'");
  INSERT INTO t VALUES ('Health care', 'The S&P 500 and an e-mail', 'x');
  INSERT INTO u (rowid, units) VALUES (1, 's&p');`);
const main = db.prepare('SELECT count(*) FROM t WHERE t MATCH ?').pluck();
const units = db.prepare('SELECT count(*) FROM u WHERE u MATCH ?').pluck();
afterAll(() => db.close());

function leafExprs(node: PlanNode | null): string[] {
  if (!node) return [];
  switch (node.kind) {
    case 'leaf':
      return [node.leaf.expr, node.leaf.exactExpr];
    case 'not':
      return leafExprs(node.child);
    default:
      return node.children.flatMap(leafExprs);
  }
}
function unitsOf(node: PlanNode | null): string[] {
  if (!node) return [];
  if (node.kind === 'leaf') return node.leaf.units;
  if (node.kind === 'not') return unitsOf(node.child);
  return node.children.flatMap(unitsOf);
}

describe('planQuery', () => {
  it('matches plurals and compound spellings the index knows', () => {
    expect(leafExprs(plan('hostage').root)[0]).toBe('("hostage" OR "hostages")');
    expect(leafExprs(plan('healthcare').root)[0]).toBe('("healthcare" OR "health care")');
    expect(leafExprs(plan('health-care').root)[0]).toBe('("healthcare" OR "health care")');
    // A joined plural written apart, in either number.
    expect(leafExprs(plan('cyberattacks').root)[0]).toBe(
      '("cyberattacks" OR "cyberattack" OR "cyber attacks" OR "cyber attack")',
    );
    // Two words also match joined.
    expect(plan('health care').rankExpr).toBe(
      '(("health" AND "care") OR ("healthcare" OR "health care"))',
    );
  });

  it('forgives typos only for unknown or far rarer words, and suggests the known spelling', () => {
    expect(plan('netanyau').rankExpr).toBe('("netanyau" OR "netanyahu")');
    expect(plan('netanyau trump').suggestion).toBe('netanyahu trump');
    // A rare word attested apart too is the reader's word, not a typo of a commoner one.
    expect(plan('ecommerce').rankExpr).toBe('("ecommerce" OR "e commerce")');
    // "white" is a word of its own, though "write" is commoner: no typo reading.
    expect(plan('white').rankExpr).toBe('"white"');
    expect(plan('white').suggestion).toBeNull();
  });

  it('ranks on the positive part only and highlights no excluded word', () => {
    const p = plan('trump -"health care"');
    expect(p.rankExpr).toBe('("trump" NOT ("health care"))');
    expect([...p.words]).toEqual(['trump']);
    expect(plan('-trump').rankExpr).toBeNull();
    expect(plan('-trump').root).not.toBeNull();
  });

  it("takes a phrase's possessive with or without its s", () => {
    expect(plan('"Trump\'s tweets"').rankExpr).toBe('("trump tweets" OR "trump s tweets")');
  });

  it('says nothing matches when no searchable word was typed', () => {
    expect(plan('***')).toMatchObject({ root: null, nothing: true });
    expect(plan('')).toMatchObject({ root: null, nothing: false });
  });

  it('needs the units index for symbol names', () => {
    expect(unitsOf(plan('S&P 500').root)).toEqual(['s&p']);
    expect(main.get(plan('S&P 500').rankExpr!)).toBe(1);
    expect(units.get(quoteTerm('s&p'))).toBe(1);
  });

  it('only ever hands SQLite expressions it accepts', () => {
    const check = (q: string) => {
      const p = plan(q);
      for (const e of [...leafExprs(p.root), p.rankExpr, p.exactRankExpr])
        if (e) expect(() => main.get(e), `${q} -> ${e}`).not.toThrow();
      for (const u of unitsOf(p.root)) expect(() => units.get(quoteTerm(u))).not.toThrow();
    };
    for (const q of HOSTILE_QUERIES) check(q);
    const chars = fc.constantFrom(
      ...'ab -"()|*&+/.#\'é:^{}NEAR OR NOT AND c9'.split(''),
      ' OR ',
      'NEAR(',
    );
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ maxLength: 80 }),
          fc.array(chars, { maxLength: 40 }).map((a) => a.join('')),
        ),
        (q) => check(q),
      ),
      { numRuns: 1500 },
    );
  });
});
