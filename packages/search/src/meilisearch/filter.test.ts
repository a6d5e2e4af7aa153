import { SearchFilters } from '@newsarchive/core';
import { describe, expect, it } from 'vitest';
import { HOSTILE_QUERIES } from '../contract/fixtures.ts';
import { buildFilter, quoteFilterValue, unitFilter } from './filter.ts';

/** Reads one quoted filter string back the way Meilisearch's parser does. */
function unquote(s: string): { value: string; rest: string } {
  expect(s[0]).toBe('"');
  let out = '';
  for (let i = 1; i < s.length; i++) {
    const c = s[i]!;
    if (c === '\\') out += s[++i] ?? '';
    else if (c === '"') return { value: out, rest: s.slice(i + 1) };
    else out += c;
  }
  throw new Error('unterminated');
}

describe('quoteFilterValue', () => {
  it('round-trips every hostile string as one value with nothing after it', () => {
    for (const v of [...HOSTILE_QUERIES, 'a" OR status = "hidden', 'x\\" OR 1=1']) {
      const { value, rest } = unquote(quoteFilterValue(v));
      expect(value).toBe(v);
      expect(rest).toBe('');
    }
  });

  it('builds ANDed filters, leaving out one facet for disjunctive counts', () => {
    const f = SearchFilters.parse({
      outlet: ['a', 'b'],
      actor: ['x', 'y'],
      excludeOutlet: ['c'],
      excludeActor: ['z'],
      from: '2024-01-01',
      to: '2024-01-31',
    });
    expect(buildFilter(f)).toEqual([
      'status = "visible"',
      'outletId IN ["a", "b"]',
      'actorIds = "x"',
      'actorIds = "y"',
      'outletId NOT IN ["c"]',
      'actorIds NOT IN ["z"]',
      'date >= 20240101',
      'date <= 20240131',
    ]);
    expect(buildFilter(f, 'outlet')).not.toContain('outletId IN ["a", "b"]');
    expect(buildFilter(f, 'date').some((x) => x.startsWith('date'))).toBe(false);
    expect(buildFilter({ ...f, includeHidden: true })[0]).toBe('outletId IN ["a", "b"]');
  });
});

describe('unitFilter', () => {
  it('quotes the symbol name through quoteFilterValue, negated on request', () => {
    expect(unitFilter('s&p')).toBe('units = "s&p"');
    expect(unitFilter('c++', true)).toBe('NOT units = "c++"');
    const { value, rest } = unquote(unitFilter('a" OR status = "hidden').slice('units = '.length));
    expect(value).toBe('a" OR status = "hidden');
    expect(rest).toBe('');
  });
});
