import { describe, expect, it } from 'vitest';
import {
  highlightText,
  noSearchableWords,
  queryTerms,
  readQuery,
  showReading,
  suggestionFor,
  wordMatches,
} from './query-terms.ts';

describe('query terms for the article page', () => {
  it('takes words, folds case and accents, drops operators and one-letter words', () => {
    expect(queryTerms('"Café" AND a Netanyahu-led')).toEqual(['cafe', 'netanyahu', 'led']);
  });

  it('leaves out excluded words, phrases and groups', () => {
    expect(queryTerms('trump -russia')).toEqual(['trump']);
    expect(queryTerms('trump NOT russia sanctions')).toEqual(['trump', 'sanctions']);
    expect(queryTerms('strike -"ferry crossings" harbour')).toEqual(['strike', 'harbour']);
    expect(queryTerms('port -(ferry OR bus) tides')).toEqual(['port', 'tides']);
    expect(queryTerms('NOT (ferry bus) tides')).toEqual(['tides']);
    // Excluded inside an excluded group: wanted again, as the engines read it.
    expect(queryTerms('-(ferry -bus)')).toEqual(['bus']);
  });

  it('does not take operators for words, but takes their lower-case spellings as words', () => {
    expect(queryTerms('ferry OR bus | tram AND port')).toEqual(['ferry', 'bus', 'tram', 'port']);
    expect(queryTerms('"not guilty" or')).toEqual(['not', 'guilty', 'or']);
    expect(queryTerms('-OR ferry')).toEqual(['ferry']);
  });

  it('strips quotes, parentheses and stars, typographic quotes too', () => {
    expect(queryTerms('(harb* OR “dock workers”) «strike')).toEqual([
      'harb',
      'dock',
      'workers',
      'strike',
    ]);
  });

  it('highlights the words a prefix starts', () => {
    const s = highlightText('Harbours and the harbour master; a harp.', queryTerms('harb*'));
    expect(s.filter((x) => x.match).map((x) => x.text)).toEqual(['Harbours', 'harbour']);
  });

  it('does not highlight excluded words on the page', () => {
    const s = highlightText('Ferry and bus strike', queryTerms('strike -ferry NOT bus'));
    expect(s.filter((x) => x.match).map((x) => x.text)).toEqual(['strike']);
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

describe('whether a query uses the language', () => {
  it('sees every operator', () => {
    for (const q of [
      'trump -russia',
      '"exact phrase"',
      'a OR b',
      'a | b',
      'a AND b',
      'NOT a',
      '(a b)',
      'harb*',
    ]) {
      expect(readQuery(q).operators, q).toBe(true);
    }
  });

  it('takes plain words, inner hyphens and symbols as no operator', () => {
    for (const q of ['harbour strike', 'e-mail', 'S&P 500', 'C++', 'U.S.', 'or not and', 'a - b']) {
      expect(readQuery(q).operators, q).toBe(false);
    }
  });
});

describe('telling the reader how the query was read', () => {
  it('shows the reading when operators were used', () => {
    expect(showReading('Trump -Russia', 'trump -russia')).toBe(true);
    expect(showReading('a b OR c', 'a (b OR c)')).toBe(true);
  });

  it('stays quiet for plain words, whatever their case, accents and punctuation', () => {
    expect(showReading('Harbour  Strike', 'harbour strike')).toBe(false);
    expect(showReading('Café, U.S.', 'cafe u.s')).toBe(false);
  });

  it('shows it when the reading left words out', () => {
    expect(showReading('one two three', 'one two')).toBe(true);
  });

  it('has nothing to show for a reading without words', () => {
    expect(showReading('***', '')).toBe(false);
  });
});

describe('did you mean', () => {
  const answer = (totalHits: number, suggestion: string | null) => ({
    totalHits,
    query: { read: 'ortis', suggestion },
  });

  it('offers the suggestion when the search found little', () => {
    expect(suggestionFor('Ortis', answer(0, 'ortiz'))).toBe('ortiz');
    expect(suggestionFor('Ortis', answer(4, 'ortiz'))).toBe('ortiz');
  });

  it('offers nothing when the search found enough, or there is no suggestion', () => {
    expect(suggestionFor('Ortis', answer(5, 'ortiz'))).toBeNull();
    expect(suggestionFor('Ortis', answer(0, null))).toBeNull();
    expect(suggestionFor('Ortis', { totalHits: 0 })).toBeNull();
  });

  it('never offers what was typed', () => {
    expect(suggestionFor('Ortiz ', answer(0, 'ortiz'))).toBeNull();
  });
});

describe('text without a searchable word', () => {
  it('is told apart from a search that found nothing', () => {
    expect(noSearchableWords('***', '')).toBe(true);
    expect(noSearchableWords('OR', '')).toBe(true);
    expect(noSearchableWords('harbour', 'harbour')).toBe(false);
    expect(noSearchableWords('', '')).toBe(false);
  });

  it('falls back on the text itself when the engine gave no reading', () => {
    expect(noSearchableWords('--- ***', undefined)).toBe(true);
    expect(noSearchableWords('harbour', undefined)).toBe(false);
  });
});
