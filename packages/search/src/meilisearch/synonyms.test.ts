import { describe, expect, it } from 'vitest';
import { queryLanguageDocuments } from '../contract/query-language.ts';
import {
  documentWords,
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
