import { describe, expect, it } from 'vitest';
import { classify } from './classifier.ts';
import { buildDictionary, matchDictionary, otherSpelling } from './dictionary.ts';
import { loadLexicon } from './lexicon.ts';
import { consolidate, resolveArticle } from './resolver.ts';
import { tokenize } from './tokenize.ts';

// Each part of the extractor on its own; actors.test.ts checks them together.

describe('dictionary', () => {
  const byFirst = buildDictionary([
    { alias: 'Bibi', id: 'benjamin-netanyahu', name: 'Benjamin Netanyahu', type: 'person' },
  ]);
  const ids = (text: string) =>
    matchDictionary(tokenize(text), byFirst).map((m) => m.target.id || `(${m.target.name})`);

  it('matches the longest spelling, registry spellings too, and capitals-only ones by case', () => {
    expect(ids('Palestinian Islamic Jihad and Bibi')).toEqual([
      'palestinian-islamic-jihad',
      'benjamin-netanyahu',
    ]);
    expect(ids('the US said')).toEqual(['united-states']);
    expect(ids('they told us')).toEqual([]);
  });

  it('knows both spellings of -isation, and places that only contain an actor name', () => {
    expect(otherSpelling('World Health Organisation')).toBe('World Health Organization');
    expect(otherSpelling('Hamas')).toBeNull();
    expect(ids('the World Health Organisation')).toEqual(['world-health-organization']);
    expect(ids('in New Mexico')).toEqual(['(New Mexico)']);
  });
});

describe('classifier', () => {
  const lex = loadLexicon();
  const as = (text: string, titled = false, after = '') =>
    classify(tokenize(text), text, titled, after, lex);

  it('tells organisations, people and things apart from the words alone', () => {
    expect(as('Deakin University')).toEqual({ name: 'Deakin University', type: 'organization' });
    expect(as('Maria Lopez', false, ' said')).toEqual({ name: 'Maria Lopez', type: 'person' });
    expect(as('Hurricane Lorenzo')).toBeNull();
    expect(as('Lorenzo')).toBe('single');
  });
});

describe('resolver', () => {
  const m = (name: string, type: 'person' | 'organization' | 'group' = 'person', id?: string) => ({
    name,
    type,
    aliases: [] as string[],
    ...(id ? { id } : {}),
  });

  it('folds a part of a fuller name and a name without its article into one entry', () => {
    const out = consolidate(
      [
        m('Samer Abu Daqqa'),
        m('Abu Daqqa'),
        m('Al Qassam Brigades', 'group'),
        m('Qassam Brigades', 'group'),
      ],
      () => undefined,
    );
    expect(out.map((x) => x.name)).toEqual(['Samer Abu Daqqa', 'Al Qassam Brigades']);
    expect(out[0]!.aliases).toContain('Abu Daqqa');
  });

  it('never folds an actor the registry knows by id into another', () => {
    const out = consolidate(
      [m('Jim Jordan'), m('Jordan', 'organization', 'jordan')],
      () => undefined,
    );
    expect(out).toHaveLength(2);
  });
});

describe('resolving one article', () => {
  it('gives a surname alone to the full name found in the article, as a local spelling', () => {
    const out = resolveArticle(
      [{ name: 'Antony Blinken', type: 'person', spelling: 'Antony Blinken' }],
      [{ key: 'blinken', text: 'Blinken', titled: false }],
      [],
      loadLexicon(),
      () => false,
    );
    expect(out).toEqual([{ name: 'Antony Blinken', type: 'person', aliases: [] }]);
  });
});
