import Database from 'better-sqlite3';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { HOSTILE_QUERIES } from '../contract/fixtures.ts';
import { buildMatchExpression, parseQuery, quoteTerm, toMatchExpression } from './query.ts';

// A real FTS5 table: the expressions must not only look safe, SQLite must accept them.
const db = new Database(':memory:');
db.exec(`CREATE VIRTUAL TABLE t USING fts5(title, body, tokenize='unicode61 remove_diacritics 2');
  INSERT INTO t VALUES ('Ceasefire talks', 'NOT a drill: OR and AND are words here'), ('Café society', 'über alles');`);
const match = db.prepare('SELECT rowid FROM t WHERE t MATCH ? ORDER BY rowid').pluck();
const run = (expr: string | null) => (expr === null ? [] : (match.all(expr) as number[]));
afterAll(() => db.close());

describe('toMatchExpression', () => {
  it('quotes every word and ANDs them, the last as a prefix', () => {
    expect(toMatchExpression('Ceasefire talk')).toBe('"ceasefire" AND "talk"*');
    expect(toMatchExpression('ceasefire talks ')).toBe('"ceasefire" AND "talks"');
    expect(run(toMatchExpression('ceasefire ta'))).toEqual([1]);
  });

  it('turns operators and syntax into plain words or separators', () => {
    expect(toMatchExpression('NOT ceasefire')).toBe('"not" AND "ceasefire"*');
    expect(run(toMatchExpression('NOT drill '))).toEqual([1]);
    expect(run(toMatchExpression('OR AND '))).toEqual([1]);
    expect(toMatchExpression('NEAR(a b, 2)')).toBe('"near" AND "a" AND "b" AND "2"*');
    expect(toMatchExpression('title:ceasefire')).toBe('"title" AND "ceasefire"*');
    expect(toMatchExpression('"(*^')).toBeNull();
  });

  it('folds case and diacritics like the index', () => {
    expect(parseQuery('CAFÉ Über').words).toEqual(['cafe', 'uber']);
    expect(run(toMatchExpression('cafe '))).toEqual([2]);
    expect(run(toMatchExpression('UBER '))).toEqual([2]);
  });

  it('accepts every hostile string without an FTS5 error', () => {
    for (const q of HOSTILE_QUERIES) expect(() => run(toMatchExpression(q))).not.toThrow();
  });

  it('never produces an expression SQLite rejects (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (q) => {
        run(toMatchExpression(q));
      }),
      { numRuns: 500 },
    );
  });

  it('caps very long queries', () => {
    const words = parseQuery('word '.repeat(10_000)).words;
    expect(words.length).toBeLessThanOrEqual(24);
    expect(parseQuery('x'.repeat(10_000)).words[0]!.length).toBeLessThanOrEqual(64);
  });

  it('builds OR groups for typo alternatives', () => {
    const expr = buildMatchExpression([
      { exact: 'cesefire', typos: ['ceasefire'], prefix: false },
      { exact: 'talks', typos: [], prefix: true },
    ]);
    expect(expr).toBe('("cesefire" OR "ceasefire") AND "talks"*');
    expect(run(expr)).toEqual([1]);
    expect(quoteTerm('a"b')).toBe('"a""b"');
  });
});
