import { describe, expect, it } from 'vitest';
import { members } from './bitset.ts';
import { doc, readerOver } from './test-docs.ts';

const docs = [
  doc({ id: 'a', title: 'Ceasefire talks in Cairo', body: 'Negotiators met.' }),
  doc({ id: 'b', title: 'Ceasefire holds', body: 'Quiet in Doha.' }),
  doc({ id: 'c', title: 'Markets', body: 'The S&P rallied.' }),
  doc({ id: 'd', title: 'Letters', body: 'S and P are letters; so is P.' }),
  doc({ id: 'e', title: 'Weather', body: 'Mild.', status: 'hidden' }),
];

/** The ids a query matches, in rowid order (rows holding no document left out). */
function ids(q: string): string[] {
  const { reader } = setup;
  const matched = reader.match(reader.plan(q, false));
  if (!matched) return ['(browse)'];
  return [...members(matched.set, matched.count)].flatMap((r) => docs[r - 1]?.id ?? []);
}
const setup = readerOver(docs);

describe('Reader matching', () => {
  it('matches words, AND by default, OR, and NOT', () => {
    expect(ids('ceasefire')).toEqual(['a', 'b']);
    expect(ids('ceasefire cairo')).toEqual(['a']);
    expect(ids('cairo OR doha')).toEqual(['a', 'b']);
    expect(ids('ceasefire -cairo')).toEqual(['b']);
    // A lone negation: everything else (empty rows included: the filters drop those).
    expect(ids('-ceasefire')).toEqual(['c', 'd', 'e']);
  });

  it('matches symbol names through the units index, not their scattered parts', () => {
    expect(ids('S&P')).toEqual(['c']);
    expect(ids('s p')).toEqual(['c', 'd']);
  });

  it('browses on no query and matches nothing on text without a word', () => {
    expect(ids('')).toEqual(['(browse)']);
    expect(ids('&&&')).toEqual([]);
  });

  it('matches hidden documents too: visibility is a filter, not a match', () => {
    expect(ids('weather')).toEqual(['e']);
  });

  it('keeps broad sets in its cache until cleared, and leaves narrow ones to FTS5', () => {
    const many = Array.from({ length: 600 }, (_, i) =>
      doc({ id: `w${i}`, title: `Bulletin ${i}`, body: i < 3 ? 'rare word' : 'common' }),
    );
    const { reader } = readerOver(many);
    const broad = reader.exprSet('"bulletin"', 'all');
    expect(broad.count).toBe(600);
    expect(reader.cache.get('all:"bulletin"')).toBe(broad);
    expect(reader.exprSet('"bulletin"', 'all')).toBe(broad);
    expect(reader.exprSet('"rare"', 'all').count).toBe(3);
    expect(reader.cache.get('all:"rare"')).toBeUndefined();
    expect(reader.exprSet('"bulletin"', 'titles').count).toBe(600);
    reader.cache.clear();
    expect(reader.cache.get('all:"bulletin"')).toBeUndefined();
  });

  it('answers a hit with its title and snippet highlighted and hidden marked', () => {
    const { reader } = setup;
    const p = reader.plan('cairo', true);
    const hit = reader.hit(1, p.matcher);
    expect(hit.id).toBe('a');
    expect(hit.title).toContainEqual({ text: 'Cairo', match: true });
    expect(hit).not.toHaveProperty('hidden');
    expect(reader.hit(5, null)).toMatchObject({ id: 'e', hidden: true });
  });
});
