import { describe, expect, it } from 'vitest';
import { boundedDistance, typoBudget, Vocabulary } from './typo.ts';

describe('typo tolerance', () => {
  it('allows one typo from 5 letters and two from 9', () => {
    expect(typoBudget('gaza')).toBe(0);
    expect(typoBudget('talks')).toBe(1);
    expect(typoBudget('netanyau')).toBe(1);
    expect(typoBudget('netanyahu')).toBe(2);
  });

  it('measures edits with swaps, stopping early past the budget', () => {
    expect(boundedDistance('cesefire', 'ceasefire', 2)).toBe(1);
    expect(boundedDistance('presidnet', 'president', 2)).toBe(1);
    expect(boundedDistance('abcdef', 'badcfe', 2)).toBe(3);
    expect(boundedDistance('kitten', 'sitting', 1)).toBe(2);
  });

  it('finds neighbours in the vocabulary, most frequent first', () => {
    const v = new Vocabulary();
    v.add('ceasefire', 40);
    v.add('netanyahu', 30);
    v.add('president', 90);
    v.add('presidents', 10);
    v.add('resident', 5);
    expect(v.candidates('cesefire')).toEqual(['ceasefire']);
    expect(v.candidates('netanyau')).toEqual(['netanyahu']);
    expect(v.candidates('presidnet')).toEqual(['president', 'presidents']);
    // A typo on the first letter costs two: allowed only from 9 letters.
    expect(v.candidates('xeasefire')).toEqual(['ceasefire']);
    expect(v.candidates('tresident')).toEqual(['president', 'resident']);
    expect(v.candidates('gaxa')).toEqual([]);
  });
});
