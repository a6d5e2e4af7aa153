import { describe, expect, it } from 'vitest';
import { relativeError } from './search-quality.ts';
import { SEARCH_QUERIES } from './search-queries.ts';
import { all, any, compound, fold, not, phrase, prefix, unit, word } from './truth.ts';

const doc = (...fields: string[]) => fields.map(fold);

describe('search-quality truths', () => {
  it('fold drops diacritics, case and typographic apostrophes', () => {
    expect(fold('Erdoğan’s CAFÉ')).toBe("erdogan's cafe");
  });

  it('word boundaries are letters and digits, not \\b', () => {
    const erdogan = word('erdogan');
    expect(erdogan(doc('President Erdoğan said'))).toBe(true);
    expect(erdogan(doc("Erdogan's party"))).toBe(true);
    expect(erdogan(doc('Erdoganism'))).toBe(false);
    expect(word('care')(doc('health-care'))).toBe(true);
    expect(word('care')(doc('healthcare'))).toBe(false);
    // A letter outside ASCII is a letter: \b would have split "ağa" here.
    expect(word('a')(doc('ağa'))).toBe(false);
  });

  it('phrases need their words adjacent and in order, punctuation allowed between', () => {
    const tradeWar = phrase('trade', 'war');
    expect(tradeWar(doc('a trade war'))).toBe(true);
    expect(tradeWar(doc('trade, war'))).toBe(true);
    expect(tradeWar(doc('war trade'))).toBe(false);
    expect(tradeWar(doc('trade the war'))).toBe(false);
    expect(tradeWar(doc('trade warfare'))).toBe(false);
  });

  it('a phrase does not run across fields', () => {
    expect(phrase('trade', 'war')(doc('on trade', 'war on'))).toBe(false);
    expect(all(word('trade'), word('war'))(doc('on trade', 'war on'))).toBe(true);
  });

  it('compounds meet joined, hyphenated and spaced', () => {
    const healthcare = compound('health', ['care', 'cares']);
    for (const t of ['healthcare', 'Health-care', 'health care', 'health\u2011care'])
      expect(healthcare(doc(t))).toBe(true);
    expect(healthcare(doc('health, care'))).toBe(false);
    expect(healthcare(doc('healthcareer'))).toBe(false);
  });

  it('symbol names are units', () => {
    expect(unit('s&p')(doc('the S&P 500 fell'))).toBe(true);
    expect(unit('s&p')(doc("S&P's index"))).toBe(true);
    expect(unit('s&p')(doc('S&P500'))).toBe(false);
    expect(unit('u.s')(doc('U.S. troops'))).toBe(true);
    expect(unit('u.s')(doc('the U.S.-China talks'))).toBe(true);
    expect(unit('u.s')(doc('U.S.A.'))).toBe(false);
    expect(unit('9/11')(doc('since 9/11,'))).toBe(true);
    expect(unit('9/11')(doc('on 9/11/2001'))).toBe(false);
  });

  it('prefix, and, or, not combine', () => {
    expect(prefix('immigra')(doc('immigrants'))).toBe(true);
    expect(prefix('immigra')(doc('emigration'))).toBe(false);
    const t = all(word('iran'), not(word('nuclear')), any(word('oil'), word('gas')));
    expect(t(doc('Iran oil'))).toBe(true);
    expect(t(doc('Iran nuclear oil'))).toBe(false);
    expect(t(doc('Iran'))).toBe(false);
  });

  it('relative error treats an empty truth as all or nothing', () => {
    expect(relativeError(105, 100)).toBeCloseTo(0.05);
    expect(relativeError(0, 0)).toBe(0);
    expect(relativeError(3, 0)).toBe(1);
  });

  it('the query set covers every construct with at least 45 queries', () => {
    expect(SEARCH_QUERIES.length).toBeGreaterThanOrEqual(45);
    const constructs = new Set(SEARCH_QUERIES.map((q) => q.construct));
    for (const c of ['word', 'name', 'and', 'phrase', 'exclude', 'or', 'group', 'prefix'])
      expect(constructs).toContain(c);
    for (const c of ['compound', 'symbol', 'diacritics', 'possessive', 'plural', 'typo'])
      expect(constructs).toContain(c);
    expect(new Set(SEARCH_QUERIES.map((q) => q.q)).size).toBe(SEARCH_QUERIES.length);
  });
});
