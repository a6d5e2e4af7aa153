import { TYPO_RARITY, typoBudget, Vocabulary } from '../embedded/typo.ts';
import { inflections } from '../query/analysis.ts';

/**
 * The archive's words on which Meilisearch must not apply typos (its `disableOnWords`), so that
 * it follows the embedded engine's rule instead of always forgiving typos: every known word
 * with a typo budget and no neighbour TYPO_RARITY times more frequent than the word and its
 * singular/plural together. Unknown and rare-next-to-common words keep their typos.
 *
 * @param counts documents per word, over the whole archive
 */
export function wordsWithoutTypos(counts: Map<string, number>): string[] {
  // Only a word held by more than TYPO_RARITY documents can be that much more frequent.
  const frequent = new Vocabulary();
  for (const [w, c] of counts) if (c > TYPO_RARITY) frequent.add(w, c);
  const out: string[] = [];
  for (const w of counts.keys()) {
    if (typoBudget(w) === 0) continue;
    const spellings = new Set([w, ...inflections(w)]);
    let own = 0;
    for (const s of spellings) own += counts.get(s) ?? 0;
    const common = frequent
      .candidates(w)
      .some((t) => !spellings.has(t) && frequent.count(t) > own * TYPO_RARITY);
    if (!common) out.push(w);
  }
  return out.sort();
}
