import { describe, expect, it } from 'vitest';
import {
  analyzeTerm,
  compoundSplits,
  isFunctionWord,
  extractUnits,
  foldTerm,
  inflections,
  letterDigitSplit,
  wordsOf,
} from './analysis.ts';

describe('text analysis', () => {
  it('folds diacritics and case', () => {
    expect(foldTerm('Café')).toBe('cafe');
    expect(wordsOf('Zürich’s São Paulo')).toEqual(['zurich', 's', 'sao', 'paulo']);
  });

  it('folds possessives and splits terms into the index words', () => {
    expect(analyzeTerm("israel's")).toEqual({
      parts: ['israel'],
      joined: null,
      units: [],
      possessive: true,
    });
    expect(analyzeTerm('hostages’')).toMatchObject({ parts: ['hostages'], possessive: false });
    expect(analyzeTerm('e-mail')).toMatchObject({
      parts: ['e', 'mail'],
      joined: 'email',
      units: [],
    });
    expect(analyzeTerm('s&p')).toMatchObject({ parts: ['s', 'p'], joined: null, units: ['s&p'] });
    expect(analyzeTerm('c++')).toMatchObject({ parts: ['c'], joined: null, units: ['c++'] });
  });

  it('finds symbol names as units, the same way in documents and queries', () => {
    expect(
      extractUnits('The S&P 500 rose; AT&T and C++ at 9/11 in the U.S. (see nytimes.com).'),
    ).toEqual(['s&p', 'at&t', 'c++', '9/11', 'u.s', 'nytimes.com']);
    // Decimals are numbers, not names; plain words have none.
    expect(extractUnits('up 3.5 per cent')).toEqual([]);
    expect(extractUnits('plain words only')).toEqual([]);
    // A sentence's full stop is not part of a name.
    expect(extractUnits('It ended. Then')).toEqual([]);
  });

  it('splits letters from digits', () => {
    expect(letterDigitSplit('covid19')).toEqual(['covid', '19']);
    expect(letterDigitSplit('5g')).toEqual(['5', 'g']);
    expect(letterDigitSplit('g7x')).toBeNull();
  });

  it('splits joined compounds into known words, never around a function word', () => {
    const known = new Set([
      'health',
      'care',
      'mail',
      'e',
      'the',
      'rapist',
      'of',
      'ten',
      'sea',
      'son',
      'wi',
      'fi',
    ]);
    const has = (w: string) => known.has(w);
    expect(compoundSplits('healthcare', has)).toEqual([['health', 'care']]);
    expect(compoundSplits('email', has)).toEqual([['e', 'mail']]);
    expect(compoundSplits('therapist', has)).toEqual([]);
    expect(compoundSplits('often', has)).toEqual([]);
    expect(compoundSplits('covid19', has)).toEqual([['covid', '19']]);
    expect(compoundSplits('wifi', has)).toEqual([['wi', 'fi']]);
    // s and t stand alone after apostrophes: no "s train" for strain.
    expect(compoundSplits('strain', (w) => w === 's' || w === 'train')).toEqual([]);
    expect(isFunctionWord('in')).toBe(true);
    expect(isFunctionWord('put')).toBe(false);
  });

  it('gives singular and plural spellings of English words', () => {
    expect(inflections('hostage')).toEqual(['hostages']);
    expect(inflections('hostages')).toEqual(['hostage', 'hostag']);
    expect(inflections('country')).toEqual(['countries']);
    expect(inflections('countries')).toEqual(['country']);
    expect(inflections('boxes')).toEqual(['box']);
    expect(inflections('church')).toEqual(['churches']);
    expect(inflections('women')).toEqual(['woman']);
    // Not plurals, or too short to tell.
    expect(inflections('news')).toEqual([]);
    expect(inflections('its')).toEqual([]);
    expect(inflections('boss')).toEqual(['bosses']);
    expect(inflections('g7')).toEqual([]);
  });
});
