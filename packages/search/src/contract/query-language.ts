import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SearchRequest, SearchResponse, type SearchDocument } from '@newsarchive/core';
import { searchDocument } from './fixtures.ts';
import type { ContractTarget } from './index.ts';

function doc(id: string, title: string, body: string): SearchDocument {
  return searchDocument({ id, title, body, publishedAt: '2024-05-01' });
}

/** One short article per spelling the query language must tell apart or bring together. */
export function queryLanguageDocuments(): SearchDocument[] {
  return [
    doc('pm-resigned', 'Cabinet in turmoil', 'The prime minister resigned on Friday evening.'),
    doc('prime-time', 'Coverage row', 'The minister said prime time coverage was unfair.'),
    doc('trump-russia', 'Sanctions speech', 'Trump spoke about Russia and new sanctions.'),
    doc('trump-rally', 'Rally in Ohio', 'Trump held a rally in Ohio on Saturday.'),
    doc('russia-troops', 'Troops at the border', 'Russia moved troops near the border.'),
    doc('mail-hyphen', 'Ministry letter', 'Officials sent an e-mail to the ministry.'),
    doc('mail-joined', 'Late reply', 'The email from the ministry arrived late.'),
    doc('care-joined', 'Senate vote', 'The healthcare bill passed the senate.'),
    doc('care-spaced', 'Costs rise', 'Health care costs rose again in the spring.'),
    doc('care-hyphen', 'Shortages', 'A health-care worker described the shortages.'),
    doc('fiveg-joined', 'Rollout delayed', 'The 5G rollout was delayed by a month.'),
    doc('fiveg-hyphen', 'Masts tested', 'Operators tested 5-G masts near the airport.'),
    doc('sp-index', 'Markets close higher', 'The S&P 500 index closed higher as markets rallied.'),
    doc('sp-grades', 'School results', 'Pupils were graded S, P, 500 in all, the school said.'),
    doc('cpp', 'Engine rewrite', 'Engineers rewrote the engine in C++ for speed.'),
    doc('c-grade', 'Inspection', 'The school earned a C grade from inspectors.'),
    doc('nine-eleven', 'Anniversary', 'Memorials marked the anniversary of 9/11 in New York.'),
    doc('us-army', 'Drills announced', 'The U.S. army announced new drills.'),
    doc('cafe-accent', 'Reopening', 'A café in Paris reopened after the protests.'),
    doc('cafe-plain', 'Guests', 'The cafe owner welcomed guests.'),
    doc('hostage-one', 'Release', 'One hostage was released on Tuesday.'),
    doc('hostages-many', 'Freed', 'Several hostages were freed after the negotiations.'),
    doc('israel-possessive', 'Night meeting', "Israel's cabinet met late into the night."),
    searchDocument({
      id: 'named-topics',
      title: 'Summit agenda',
      body: 'Leaders met behind closed doors.',
      publishedAt: '2024-05-01',
      actors: [
        { id: 'nuclear-war', name: 'Nuclear War', type: 'organization' },
        { id: 'trade-deficits', name: 'Trade Deficits', type: 'organization' },
      ],
    }),
  ];
}

/**
 * The query language on every engine: phrases, exclusion, OR, grouping, prefixes, and the
 * spellings that count as one word (compounds, symbols, diacritics, possessives, plurals).
 */
export function runQueryLanguageSuite(name: string, make: () => Promise<ContractTarget>): void {
  describe(`SearchEngine contract, query language: ${name}`, () => {
    let target: ContractTarget;
    const search = async (q: string) => {
      const request = { ...SearchRequest.parse({ perPage: 100 }), q };
      return SearchResponse.parse(await target.engine.search(request));
    };
    const ids = async (q: string) => (await search(q)).hits.map((h) => h.id).sort();

    beforeAll(async () => {
      target = await make();
      await target.engine.index(queryLanguageDocuments());
      await target.engine.flush?.();
    });
    afterAll(async () => {
      await target?.cleanup();
    });

    it('matches a quoted phrase only with its words together and in order', async () => {
      expect(await ids('prime minister')).toEqual(['pm-resigned', 'prime-time']);
      expect(await ids('"prime minister"')).toEqual(['pm-resigned']);
      expect(await ids('"minister prime"')).toEqual([]);
      // An unclosed quote runs to the end of the text.
      expect(await ids('"prime minister')).toEqual(['pm-resigned']);
      // A phrase stays inside one name: Nuclear War and Trade Deficits hold no "war trade".
      expect(await ids('"nuclear war"')).toEqual(['named-topics']);
      expect(await ids('"war trade"')).toEqual([]);
    });

    it('leaves out words and phrases after a minus', async () => {
      expect(await ids('trump -russia')).toEqual(['trump-rally']);
      expect(await ids('-russia trump')).toEqual(['trump-rally']);
      expect(await ids('minister -"prime minister"')).toEqual(['prime-time']);
      expect(await ids('trump NOT russia')).toEqual(['trump-rally']);
      // Leaving out a symbol name keeps what merely holds its letters, and lists every hit.
      const school = await search('school -C++');
      expect(school.hits.map((h) => h.id).sort()).toEqual(['c-grade', 'sp-grades']);
      expect(school.totalHits).toBe(2);
    });

    it('takes either side of OR and |, grouped by parentheses', async () => {
      const either = ['russia-troops', 'trump-rally', 'trump-russia'];
      expect(await ids('trump OR russia')).toEqual(either);
      expect(await ids('trump | russia')).toEqual(either);
      expect(await ids('(trump OR russia) sanctions')).toEqual(['trump-russia']);
      expect(await ids('rally OR troops')).toEqual(['russia-troops', 'trump-rally']);
      // Lower-case "or" is a word, not the operator.
      expect(await ids('trump or russia')).toEqual([]);
    });

    it('matches word beginnings with a star', async () => {
      expect(await ids('hostag*')).toEqual(['hostage-one', 'hostages-many']);
      // Without the star, a word means itself (and its typos from five letters).
      expect(await ids('hosta')).toEqual([]);
    });

    it('brings hyphenated, spaced and joined compounds together', async () => {
      const mail = ['mail-hyphen', 'mail-joined'];
      expect(await ids('email')).toEqual(mail);
      expect(await ids('e-mail')).toEqual(mail);
      const care = ['care-hyphen', 'care-joined', 'care-spaced'];
      expect(await ids('healthcare')).toEqual(care);
      expect(await ids('health care')).toEqual(care);
      expect(await ids('health-care')).toEqual(care);
      expect(await ids('5G')).toEqual(['fiveg-hyphen', 'fiveg-joined']);
      expect(await ids('5-G')).toEqual(['fiveg-hyphen', 'fiveg-joined']);
    });

    it('finds names with symbols as units, not their letters anywhere', async () => {
      expect(await ids('S&P 500')).toEqual(['sp-index']);
      expect(await ids('C++')).toEqual(['cpp']);
      expect(await ids('9/11')).toEqual(['nine-eleven']);
      expect(await ids('U.S.')).toEqual(['us-army']);
      // ...and by their parts too.
      expect(await ids('army')).toEqual(['us-army']);
    });

    it('folds diacritics, possessives and plurals', async () => {
      expect(await ids('cafe')).toEqual(['cafe-accent', 'cafe-plain']);
      expect(await ids('café')).toEqual(['cafe-accent', 'cafe-plain']);
      expect(await ids("Israel's")).toEqual(['israel-possessive']);
      expect(await ids('israel')).toEqual(['israel-possessive']);
      expect(await ids('hostage')).toEqual(['hostage-one', 'hostages-many']);
      expect(await ids('hostages')).toEqual(['hostage-one', 'hostages-many']);
    });

    it('highlights the variant that matched', async () => {
      const r = await search('hostages');
      const one = r.hits.find((h) => h.id === 'hostage-one')!;
      expect(one.snippet.filter((s) => s.match).map((s) => s.text.toLowerCase())).toContain(
        'hostage',
      );
      const care = (await search('healthcare')).hits.find((h) => h.id === 'care-spaced')!;
      expect(care.snippet.filter((s) => s.match).map((s) => s.text.toLowerCase())).toEqual(
        expect.arrayContaining(['health', 'care']),
      );
    });

    it('matches nothing, not everything, when no searchable word is typed', async () => {
      for (const q of ['***', '"', '""', '-', '( )', 'OR', '|', '- -', '&&']) {
        const r = await search(q);
        expect(r.totalHits, q).toBe(0);
      }
    });

    it('says how it read the query', async () => {
      expect((await search('trump -russia')).query?.read).toBe('trump -russia');
      // OR binds tighter than the implicit AND, as in web search.
      expect((await search('trump OR russia sanctions')).query?.read).toBe(
        '(trump OR russia) sanctions',
      );
      expect((await search('(trump | russia) sanctions')).query?.read).toBe(
        '(trump OR russia) sanctions',
      );
    });
  });
}
