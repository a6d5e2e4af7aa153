import { describe, expect, it } from 'vitest';
import { queryLanguageDocuments } from '../contract/query-language.ts';
import {
  compoundSynonyms,
  documentWords,
  lexiconOf,
  inflectionSynonyms,
  mergeSynonyms,
  synonymsFromSetting,
  synonymsSetting,
} from './synonyms.ts';

describe('inflection synonyms', () => {
  it('pairs singular and plural both ways', () => {
    expect(synonymsSetting(inflectionSynonyms(['hostage']))).toEqual({
      hostage: ['hostages'],
      hostages: ['hostage'],
    });
  });

  it('keeps only pairs the archive holds both forms of, when told the vocabulary', () => {
    const words = new Set<string>();
    for (const d of queryLanguageDocuments()) documentWords(d, words);
    const s = synonymsSetting(inflectionSynonyms(words, words));
    expect(s.hostage).toEqual(['hostages']);
    expect(s.hostages).toEqual(['hostage']);
    // "troops" is there, "troop" is not.
    expect(s.troops).toBeUndefined();
    // Folded like the index: café is cafe.
    expect(words.has('cafe')).toBe(true);
  });

  it('merges, reports news, and reads its own setting back', () => {
    const a = inflectionSynonyms(['box']);
    expect(mergeSynonyms(a, inflectionSynonyms(['box']))).toBe(false);
    expect(mergeSynonyms(a, inflectionSynonyms(['country']))).toBe(true);
    const setting = synonymsSetting(a);
    expect(setting.countries).toEqual(['country']);
    expect(synonymsSetting(synonymsFromSetting(setting))).toEqual(setting);
  });
});

describe('compound synonyms', () => {
  it('writes a joined word apart, its last part singular or plural, as the embedded planner', () => {
    const words = new Set(
      'cyberattack cyberattacks cyber attack attacks emails email e mail nonprofit non profit'.split(
        ' ',
      ),
    );
    const s = synonymsSetting(compoundSynonyms(words));
    expect(s.cyberattack).toEqual(['cyber attack', 'cyber attacks']);
    expect(s.cyberattacks).toEqual(['cyber attack', 'cyber attacks']);
    // "mails" is not a word of this archive: only the form it holds.
    expect(s.emails).toEqual(['e mail']);
    expect(s.nonprofit).toEqual(['non profit']);
    // Parts must be words, and not function words: no "cyber at tack".
    expect(s.attack).toBeUndefined();
  });

  it('reads the index words back for the translation', () => {
    const lexicon = lexiconOf(synonymsFromSetting({ email: ['e mail', 'emails'] }), ['putin']);
    expect(lexicon.spellings('email')).toEqual(['e mail', 'emails']);
    expect(lexicon.spellings('putin')).toEqual([]);
    expect(lexicon.exact('putin')).toBe(true);
    expect(lexicon.exact('nato')).toBe(true);
    expect(lexicon.exact('zuckerburg')).toBe(false);
    // "put in" could be Meilisearch's split of putin; "e mail" is a spelling of email.
    const risky = lexiconOf(synonymsFromSetting({ put: ['puts'], email: ['e mail'] }), ['putin']);
    expect(risky.splitRisk('putin')).toBe(true);
    expect(risky.splitRisk('email')).toBe(false);
    expect(risky.splitRisk('zuckerberg')).toBe(false);
  });
});
