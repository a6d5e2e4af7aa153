import { describe, expect, it } from 'vitest';
import { highlightText, queryTerms, wordMatches } from './query-terms.ts';

describe('query terms for the article page', () => {
  it('takes words, folds case and accents, drops operators and one-letter words', () => {
    expect(queryTerms('"Café" AND a Netanyahu-led')).toEqual(['cafe', 'netanyahu', 'led']);
  });

  it('matches longer forms and typos within the engines tolerance', () => {
    expect(wordMatches('ceasefire', 'cease')).toBe(true);
    expect(wordMatches('ceasefire', 'cesefire')).toBe(true);
    expect(wordMatches('cat', 'car')).toBe(false);
    expect(wordMatches('hostages', 'hostgaes')).toBe(true);
  });

  it('splits text into segments with the matches marked', () => {
    const s = highlightText(
      'The Ceasefire held; <b>ceasefires</b> rarely do.',
      queryTerms('ceasefire'),
    );
    expect(s.filter((x) => x.match).map((x) => x.text)).toEqual(['Ceasefire', 'ceasefires']);
    expect(s.map((x) => x.text).join('')).toBe('The Ceasefire held; <b>ceasefires</b> rarely do.');
  });

  it('returns the text unmarked without a query', () => {
    expect(highlightText('plain', [])).toEqual([{ text: 'plain', match: false }]);
  });
});
