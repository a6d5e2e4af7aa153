import type { SearchDocument } from '@newsarchive/core';
import { EngineError } from '../engine.ts';
import { INDEX_SETTINGS, toMeili, type MeiliDocument } from './documents.ts';
import { loadSynonyms, type IndexState } from './state.ts';
import {
  compoundSynonyms,
  documentWords,
  inflectionSynonyms,
  mergeSynonyms,
  synonymsSetting,
} from './synonyms.ts';
import { isIndexNotFound, translate, waitAll } from './tasks.ts';
import { wordsWithoutTypos } from './typos.ts';

/**
 * Fills a fresh index from every document, swaps it in and deletes the old one; searches keep
 * answering from the old index until the swap, and writes meanwhile go to both (`building`).
 */
export async function rebuildIndex(
  state: IndexState,
  batchSize: number,
  batches: AsyncIterable<SearchDocument[]> | Iterable<SearchDocument[]>,
  onProgress?: (indexed: number) => void,
): Promise<{ documents: number }> {
  const { indexUid } = state;
  if (state.building) throw new EngineError('a rebuild is already running');
  const next = `${indexUid}__rebuild_${Date.now().toString(36)}`;
  try {
    const { admin } = await state.clients.get();
    state.building = next;
    await admin.createIndex(next, { primaryKey: 'id' }).waitTask({ timeout: 60_000 });
    await admin.index(next).updateSettings(INDEX_SETTINGS).waitTask({ timeout: 600_000 });
    let documents = 0;
    // Keep two batches in flight: Meilisearch batches queued tasks together.
    const inFlight: number[] = [];
    let chunk: MeiliDocument[] = [];
    /** Documents per word, for the synonyms and the words typos stay off. */
    const counts = new Map<string, number>();
    const send = async () => {
      if (chunk.length === 0) return;
      const t = await admin.index(next).addDocuments(chunk, { primaryKey: 'id' });
      inFlight.push(t.taskUid);
      chunk = [];
      if (inFlight.length > 2) await waitAll(admin, inFlight.splice(0, inFlight.length - 2));
    };
    for await (const batch of batches) {
      for (const doc of batch) {
        chunk.push(toMeili(doc));
        for (const w of documentWords(doc)) counts.set(w, (counts.get(w) ?? 0) + 1);
        if (chunk.length >= batchSize) await send();
      }
      documents += batch.length;
      onProgress?.(documents);
    }
    await send();
    await waitAll(admin, inFlight);
    // Singular/plural pairs whose both forms the archive holds (writes made during the
    // rebuild may have added theirs to the new index already), joined words written apart
    // (compoundSynonyms), and the words typos stay off, as in the embedded engine; all only
    // need the archive's words, so they are computed here rather than on every write.
    const words = new Set(counts.keys());
    const synonyms = inflectionSynonyms(words, words);
    mergeSynonyms(synonyms, compoundSynonyms(words));
    state.synonymsOf.delete(next);
    mergeSynonyms(synonyms, await loadSynonyms(state, admin, next));
    await admin
      .index(next)
      .updateSettings({
        synonyms: synonymsSetting(synonyms),
        typoTolerance: { disableOnWords: wordsWithoutTypos(counts) },
      })
      .waitTask({ timeout: 600_000 });
    // Swapping needs both indexes; a first rebuild makes the live one.
    const exists = await admin.getRawIndex(indexUid).then(
      () => true,
      (err: unknown) => {
        if (isIndexNotFound(err)) return false;
        throw err;
      },
    );
    if (!exists)
      await admin.createIndex(indexUid, { primaryKey: 'id' }).waitTask({ timeout: 60_000 });
    // A swap task belongs to no index, so an index-scoped key cannot read it; the deletion
    // queued after it can be read, and tasks run in order.
    await admin.swapIndexes([{ indexes: [indexUid, next], rename: false }]);
    state.building = null;
    state.synonymsOf.clear();
    state.lexicon = null;
    await admin.deleteIndex(next).waitTask({ timeout: 600_000 });
    const live = (await admin.index(indexUid).getStats()).numberOfDocuments;
    if (live !== documents) {
      throw new EngineError(
        `the swap did not take: ${indexUid} holds ${live} documents, not ${documents}`,
      );
    }
    state.settingsApplied = null;
    return { documents: live };
  } catch (err) {
    state.building = null;
    const { admin } = await state.clients.get().catch(() => ({ admin: null }));
    await admin?.deleteIndexIfExists(next).catch(() => false);
    throw translate(err, 'a rebuild');
  }
}
