import { describe, expect, it } from 'vitest';
import { parseQuery } from '../query/syntax.ts';
import { HOSTILE_QUERIES } from '../contract/fixtures.ts';
import { lexiconOf, synonymsFromSetting } from './synonyms.ts';
import { intersect, MAX_CONJUNCTIONS, translateQuery, type MeiliQuery } from './translate.ts';

/** The searches a query becomes, as [q, filters] pairs. */
function searches(text: string): [string, string[]][] {
  const plan = translateQuery(parseQuery(text));
  if (plan.kind !== 'search') throw new Error(`${text}: ${plan.kind}`);
  return plan.conjunctions.map((c) => [c.q, c.filter]);
}
const plan = (text: string): MeiliQuery => translateQuery(parseQuery(text));

describe('translateQuery', () => {
  it('sends plain words as one search, the last word without its implicit prefix', () => {
    expect(searches('prime minister')).toEqual([['prime minister ', []]]);
    // The trailing space is what turns Meilisearch's last-word prefix off.
    expect(searches('hosta')).toEqual([['hosta ', []]]);
  });

  it('keeps phrases and exclusions native, exclusions first', () => {
    expect(searches('"prime minister"')).toEqual([['"prime minister" ', []]]);
    expect(searches('trump -russia')).toEqual([['-russia -russias trump ', []]]);
    expect(searches('trump NOT russia')).toEqual([['-russia -russias trump ', []]]);
    expect(searches('minister -"prime minister"')).toEqual([['-"prime minister" minister ', []]]);
    // Negative words match exactly in Meilisearch, so the plural is excluded by name.
    expect(searches('trump -hostage')).toEqual([['-hostage -hostages trump ', []]]);
  });

  it('reads a lone exclusion as everything without it', () => {
    expect(searches('-russia')).toEqual([['-russia -russias ', []]]);
  });

  it('puts the prefix word last, without a trailing space', () => {
    expect(searches('hostag*')).toEqual([['hostag', []]]);
    expect(searches('ai* humanitarian')).toEqual([['humanitarian ai', []]]);
    const two = plan('ceasef* humani*');
    // Meilisearch reads one prefix per search: the other is a whole word.
    expect(two).toMatchObject({ kind: 'search', exact: false });
    expect(searches('ceasef* humani*')).toEqual([['ceasef humani', []]]);
  });

  it('turns OR into one search per alternative', () => {
    expect(searches('trump OR russia')).toEqual([
      ['trump ', []],
      ['russia ', []],
    ]);
    expect(searches('(trump | russia) sanctions')).toEqual([
      ['trump sanctions ', []],
      ['russia sanctions ', []],
    ]);
    // Lower-case or is a word.
    expect(searches('trump or russia')).toEqual([['trump or russia ', []]]);
  });

  it('distributes exclusions of groups (De Morgan)', () => {
    expect(searches('a -(b c)')).toEqual([
      ['-b a ', []],
      ['-c a ', []],
    ]);
    expect(searches('a -(bb OR cc)')).toEqual([['-bb -cc a ', []]]);
  });

  it('matches compounds as their parts in order or joined', () => {
    // Phrases take no synonyms, so the plural of the last part is a search of its own.
    expect(searches('e-mail')).toEqual([
      ['"e mail" ', []],
      ['"e mails" ', []],
      ['email ', []],
    ]);
    expect(searches('5-G')).toEqual([
      ['"5 g" ', []],
      ['5g ', []],
    ]);
    expect(searches('-e-mail news')).toEqual([['-"e mail" -"e mails" -email -emails news ', []]]);
  });

  it('filters symbol names on the units field', () => {
    expect(searches('S&P 500')).toEqual([['"s p" 500 ', ['units = "s&p"']]]);
    expect(searches('C++')).toEqual([['c ', ['units = "c++"']]]);
    expect(searches('9/11')).toEqual([['"9 11" ', ['units = "9/11"']]]);
    expect(searches('U.S.')).toEqual([['"u s" ', ['units = "u.s"']]]);
    expect(searches('army -C++')).toEqual([['army ', ['NOT units = "c++"']]]);
  });

  it('folds possessives and diacritics before Meilisearch sees them', () => {
    expect(searches("Israel's")).toEqual([['israel ', []]]);
    expect(searches('café')).toEqual([['cafe ', []]]);
  });

  it('says how it read the query, and tells browse from nothing', () => {
    expect(plan('trump OR russia sanctions').read).toBe('(trump OR russia) sanctions');
    expect(plan('')).toEqual({ kind: 'browse', read: '' });
    for (const q of ['***', '"', '""', '-', '( )', 'OR', '|', '- -', '&&'])
      expect(plan(q).kind, q).toBe('nothing');
    expect(plan('a -a').kind).toBe('nothing');
  });

  it('runs a repeated alternative once', () => {
    expect(searches('trump OR trump')).toEqual([['trump ', []]]);
  });

  it(`stays within ${MAX_CONJUNCTIONS} searches, loosening compounds first`, () => {
    // Two compounds, one without a plural: 3 × 2 searches, exact.
    expect(plan('e-mail 5-G')).toMatchObject({ exact: true });
    // 3 × 3: the plural phrases go first.
    expect(searches('e-mail x-ray')).toEqual([
      ['"e mail" "x ray" ', []],
      ['"e mail" xray ', []],
      ['email "x ray" ', []],
      ['email xray ', []],
    ]);
    expect(plan('e-mail x-ray')).toMatchObject({ exact: false });
    // Four: loosened to their parts as plain words (Meilisearch joins neighbours itself).
    expect(searches('e-mail x-ray t-shirt co-op')).toEqual([['e mail x ray t shirt co op ', []]]);
    expect(plan('e-mail x-ray t-shirt co-op')).toMatchObject({ exact: false });
    const wide = plan('(a1 OR b1) (a2 OR b2) (a3 OR b3) (a4 OR b4)');
    expect(wide).toMatchObject({ kind: 'search', exact: false });
    if (wide.kind === 'search') expect(wide.conjunctions).toHaveLength(MAX_CONJUNCTIONS);
  });

  it('intersects two conjunctions into one search', () => {
    const p = translateQuery(parseQuery('(trump -russia) OR (S&P -trump)'));
    if (p.kind !== 'search') throw new Error(p.kind);
    const [a, b] = p.conjunctions;
    expect(intersect(a!, b!)).toBeNull();
    const q = translateQuery(parseQuery('trump OR S&P'));
    if (q.kind !== 'search') throw new Error(q.kind);
    expect(intersect(q.conjunctions[0]!, q.conjunctions[1]!)).toMatchObject({
      q: 'trump "s p" ',
      filter: ['units = "s&p"'],
    });
  });

  it('takes a possessive in a phrase with and without its s', () => {
    expect(searches('"Trump\'s tweets"')).toEqual([
      ['"trump tweets" ', []],
      ['"trump s tweets" ', []],
    ]);
    expect(searches('"Trump\u2019s tweets" -fake')).toEqual([
      ['-fake -fakes "trump tweets" ', []],
      ['-fake -fakes "trump s tweets" ', []],
    ]);
  });

  it('excludes the splits the analysis derives alone, without the index words', () => {
    expect(searches('vaccine -covid19')).toEqual([['-covid19 -"covid 19" vaccine ', []]]);
  });

  describe('with the index words (a rebuilt index settings)', () => {
    const lexicon = lexiconOf(
      synonymsFromSetting({
        healthcare: ['health care', 'health cares'],
        cyberattack: ['cyber attack', 'cyber attacks', 'cyberattacks'],
        hostage: ['hostages'],
        abroad: ['abroads'],
      }),
      ['putin', 'insurance', 'cyberattack', 'healthcare', 'abroad', 'broad'],
    );
    const withWords = (text: string) => {
      const p = translateQuery(parseQuery(text), lexicon);
      if (p.kind !== 'search') throw new Error(`${text}: ${p.kind}`);
      return p.conjunctions.map((c) => [c.q, c.filter]);
    };

    it('excludes every spelling of a negated word, those written apart as phrases', () => {
      expect(withWords('insurance -healthcare')).toEqual([
        ['-healthcare -"health care" -"health cares" "insurance" ', []],
      ]);
      expect(withWords('-cyberattack')).toEqual([
        ['-cyberattack -"cyber attack" -"cyber attacks" -cyberattacks ', []],
      ]);
    });

    it('sends a word with no other spelling and no typos as a phrase (no split words)', () => {
      // Meilisearch would also read putin as "put in".
      expect(withWords("Putin's")).toEqual([['"putin" ', []]]);
      // Short words take no typos either.
      expect(withWords('nato')).toEqual([['"nato" ', []]]);
      // Spellings come through the synonyms: a plain word.
      expect(withWords('cyberattack')).toEqual([['cyberattack ', []]]);
      expect(withWords('hostage')).toEqual([['hostage ', []]]);
      // A word Meilisearch may correct stays a word.
      expect(withWords('zuckerburg')).toEqual([['zuckerburg ', []]]);
    });

    it('sends each spelling as a phrase when split words could read a function word', () => {
      // "a broad": a split next to a function word that is not one of its spellings.
      expect(withWords('abroad')).toEqual([
        ['"abroad" ', []],
        ['"abroads" ', []],
      ]);
      // Cheaper when the searches run out: the plain word.
      const p = translateQuery(parseQuery('abroad (a1 OR b1) (a2 OR b2) (a3 OR b3)'), lexicon);
      expect(p).toMatchObject({ kind: 'search', exact: false });
      if (p.kind === 'search') expect(p.conjunctions[0]!.q).toBe('abroad a1 a2 a3 ');
    });
  });

  it('puts nothing but index words, quotes, minus signs and spaces into q', () => {
    for (const text of HOSTILE_QUERIES) {
      const p = plan(text);
      if (p.kind !== 'search') continue;
      for (const c of p.conjunctions) {
        expect(c.q).toMatch(/^[\p{L}\p{N}\p{Co}" -]*$/u);
        for (const f of c.filter) expect(f).toMatch(/^(NOT )?units = "/);
      }
    }
  });
});
