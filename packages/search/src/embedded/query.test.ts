import Database from 'better-sqlite3';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { HOSTILE_QUERIES } from '../contract/fixtures.ts';
import { extractUnits, wordsOf } from '../query/analysis.ts';
import { quoteTerm } from './query.ts';

// A real FTS5 table: the expressions must not only look safe, SQLite must accept them.
const db = new Database(':memory:');
db.exec(`CREATE VIRTUAL TABLE t USING fts5(title, body, tokenize='unicode61 remove_diacritics 2');
  INSERT INTO t VALUES ('Ceasefire talks', 'NOT a drill: OR and AND are words here'), ('Café society', 'über alles');`);
const match = db.prepare('SELECT rowid FROM t WHERE t MATCH ? ORDER BY rowid').pluck();
const run = (expr: string) => match.all(expr) as number[];
afterAll(() => db.close());

describe('quoteTerm', () => {
  it('doubles quotes inside one FTS5 string', () => {
    expect(quoteTerm('ceasefire')).toBe('"ceasefire"');
    expect(quoteTerm('a"b')).toBe('"a""b"');
  });

  it('turns operators and syntax into plain words', () => {
    expect(run(quoteTerm('NOT'))).toEqual([1]);
    expect(run(`${quoteTerm('OR')} AND ${quoteTerm('AND')}`)).toEqual([1]);
    expect(run(quoteTerm('title:ceasefire'))).toEqual([]);
    expect(run(quoteTerm('NEAR(ceasefire talks)'))).toEqual([]);
    expect(run(quoteTerm('ceasefire talks'))).toEqual([1]);
  });

  it('leaves folding to the index: case and diacritics match either way', () => {
    expect(run(quoteTerm('CAFÉ'))).toEqual([2]);
    expect(run(quoteTerm('uber'))).toEqual([2]);
  });

  /** What the planner quotes of a text: its words and its symbol names (units). */
  const termsOf = (text: string) => [...wordsOf(text), ...extractUnits(text)];

  it('accepts every hostile string, as the terms the planner quotes, without an FTS5 error', () => {
    for (const q of HOSTILE_QUERIES) {
      for (const term of termsOf(q)) expect(() => run(quoteTerm(term))).not.toThrow();
      // Whole, too, NUL included.
      expect(() => run(quoteTerm(q))).not.toThrow();
    }
  });

  it('never produces an expression SQLite rejects (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (q) => {
        for (const term of termsOf(q)) run(quoteTerm(term));
        run(quoteTerm(q));
      }),
      { numRuns: 500 },
    );
  });
});
