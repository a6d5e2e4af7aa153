import { describe, expect, it } from 'vitest';
import { wordsWithoutTypos } from './typos.ts';

describe('wordsWithoutTypos', () => {
  it('turns typos off on known words unless a neighbour is TYPO_RARITY times more frequent', () => {
    const counts = new Map([
      ['russia', 300],
      ['russian', 200],
      ['goverment', 3],
      ['government', 900],
      ['gaza', 50],
      ['hostage', 10],
      ['hostages', 40],
      ['postage', 400],
    ]);
    const off = wordsWithoutTypos(counts);
    // Russia and Russian are about as common: each means itself.
    expect(off).toContain('russia');
    expect(off).toContain('russian');
    // A rare misspelling next to a common word still finds the common word.
    expect(off).not.toContain('goverment');
    expect(off).toContain('government');
    // Four letters have no typos to turn off.
    expect(off).not.toContain('gaza');
    // Singular and plural count together: 50 documents, postage is not TYPO_RARITY times more.
    expect(off).toContain('hostage');
  });
});
