import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HOSTILE_QUERIES } from '../contract/fixtures.ts';
import {
  cleanTerm,
  formatQuery,
  leaves,
  ParsedQuery,
  parseQuery,
  type QueryNode,
} from './syntax.ts';

const read = (q: string) => formatQuery(parseQuery(q).root);
const term = (text: string, prefix = false): QueryNode => ({ kind: 'term', text, prefix });

describe('parseQuery', () => {
  it('requires every word by default', () => {
    expect(parseQuery('Ceasefire talks').root).toEqual({
      kind: 'and',
      children: [term('ceasefire'), term('talks')],
    });
    expect(parseQuery('Ceasefire talks').operators).toBe(false);
  });

  it('reads quotes as phrases, typographic ones too, and closes an open quote at the end', () => {
    expect(parseQuery('"prime minister"').root).toEqual({
      kind: 'phrase',
      terms: ['prime', 'minister'],
    });
    expect(parseQuery('\u201cprime minister\u201d').root).toEqual(
      parseQuery('"prime minister"').root,
    );
    expect(read('"prime minister')).toBe('"prime minister"');
    // A one-word phrase is that word.
    expect(parseQuery('"Cairo"').root).toEqual(term('cairo'));
  });

  it('excludes with a minus or NOT, but not a hyphen inside a word or a lone minus', () => {
    expect(read('trump -russia')).toBe('trump -russia');
    expect(read('trump NOT russia')).toBe('trump -russia');
    expect(read('trump -"white house"')).toBe('trump -"white house"');
    expect(read('a -(b OR c)')).toBe('a -(b OR c)');
    expect(read('e-mail')).toBe('e-mail');
    expect(read('trump - russia')).toBe('trump russia');
    expect(read('--russia')).toBe('-russia');
  });

  it('binds OR tighter than the implicit AND, as web search does', () => {
    expect(parseQuery('a b OR c').root).toEqual({
      kind: 'and',
      children: [term('a'), { kind: 'or', children: [term('b'), term('c')] }],
    });
    expect(read('a | b')).toBe('a OR b');
    expect(read('(a b) OR c')).toBe('(a b) OR c');
    // Lower-case or is a word.
    expect(read('a or b')).toBe('a or b');
  });

  it('groups with parentheses and mends unbalanced ones', () => {
    expect(read('(a OR b) c')).toBe('(a OR b) c');
    expect(read('(a OR b c')).toBe('(a OR b) c');
    expect(read('a) b')).toBe('a b');
    expect(read('((a))')).toBe('a');
  });

  it('drops lone operators', () => {
    expect(read('OR a')).toBe('a');
    expect(read('a OR')).toBe('a');
    expect(read('a OR OR b')).toBe('a OR b');
    expect(read('NOT')).toBe('');
    expect(read('a AND b')).toBe('a b');
  });

  it('marks prefixes with a star and keeps symbol names whole', () => {
    expect(parseQuery('hostag*').root).toEqual(term('hostag', true));
    expect(parseQuery('C++').root).toEqual(term('c++'));
    expect(parseQuery('S&P 500').root).toEqual({
      kind: 'and',
      children: [term('s&p'), term('500')],
    });
    expect(read('U.S.')).toBe('u.s');
    expect(read('(9/11)')).toBe('9/11');
  });

  it('tells nothing typed (browse) from text without a searchable word (no match)', () => {
    expect(parseQuery('   ')).toMatchObject({ root: null, empty: true });
    for (const q of ['***', '"', '""', '-', '( )', 'OR', '|', '&&', '- -']) {
      expect(parseQuery(q), q).toMatchObject({ root: null, empty: false });
    }
  });

  it('keeps at most 24 leaves', () => {
    const root = parseQuery(Array.from({ length: 40 }, (_, i) => `w${i}`).join(' ')).root!;
    expect([...leaves(root)]).toHaveLength(24);
  });

  it('never throws, always gives a valid tree, and reads back to the same tree', () => {
    const alphabet = fc.constantFrom(
      ...'ab -"()|*&+/.#\'’“”é OR NOT AND c9 '.split(''),
      'OR',
      'NOT',
      ' OR ',
      '-',
      '"',
      '(',
      ')',
    );
    const text = fc.oneof(
      fc.string({ maxLength: 60 }),
      fc.array(alphabet, { maxLength: 30 }).map((a) => a.join('')),
    );
    fc.assert(
      fc.property(text, (q) => {
        const parsed = ParsedQuery.parse(parseQuery(q));
        // The reading is itself a query that means the same.
        expect(parseQuery(formatQuery(parsed.root)).root).toEqual(parsed.root);
      }),
      { numRuns: 2000 },
    );
    for (const q of HOSTILE_QUERIES) ParsedQuery.parse(parseQuery(q));
  });
});

describe('cleanTerm', () => {
  it('trims punctuation around a word but keeps inner symbols and C++/C#', () => {
    expect(cleanTerm('"Hello,')).toEqual({ text: 'hello', prefix: false });
    expect(cleanTerm('AT&T')).toEqual({ text: 'at&t', prefix: false });
    expect(cleanTerm('C#')).toEqual({ text: 'c#', prefix: false });
    expect(cleanTerm('trump*')).toEqual({ text: 'trump', prefix: true });
    expect(cleanTerm('***')).toBeNull();
  });
});
