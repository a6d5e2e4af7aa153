import type { Meilisearch } from 'meilisearch';
import type { Clients } from './keys.ts';
import { synonymsFromSetting, type Synonyms } from './synonyms.ts';
import type { Lexicon } from './translate.ts';
import { isIndexNotFound } from './tasks.ts';

/**
 * What one engine's writes, searches and rebuilds share: the live index, its clients, and what
 * this process knows of Meilisearch's queue and settings.
 */
export interface IndexState {
  readonly indexUid: string;
  readonly clients: { get(): Promise<Clients> };
  /** Tasks enqueued by index/remove that nobody waited for yet (for flush). */
  pending: number[];
  settingsApplied: Promise<void> | null;
  /** A rebuild's new index: writes go to it too so none is lost in the swap. */
  building: string | null;
  /** The live index's words for query translation, with when they were read (see search.ts). */
  lexicon: { at: number; value: Promise<Lexicon | null> } | null;
  /**
   * Each index's synonyms as this process last wrote or read them; a write that brings new
   * singular/plural pairs sends the whole list again (Meilisearch has no partial update). Two
   * processes writing new words at the same instant can lose each other's pairs; a rebuild
   * recomputes them all.
   */
  readonly synonymsOf: Map<string, Promise<Synonyms>>;
}

export function createIndexState(
  indexUid: string,
  clients: { get(): Promise<Clients> },
): IndexState {
  return {
    indexUid,
    clients,
    pending: [],
    settingsApplied: null,
    building: null,
    lexicon: null,
    synonymsOf: new Map(),
  };
}

/** An index's synonyms as this process knows them, read once; none for a missing index. */
export function loadSynonyms(
  state: IndexState,
  admin: Meilisearch,
  uid: string,
): Promise<Synonyms> {
  let known = state.synonymsOf.get(uid);
  if (!known) {
    known = admin
      .index(uid)
      .getSynonyms()
      .then(
        (setting) => synonymsFromSetting(setting),
        (err: unknown) => {
          if (isIndexNotFound(err)) return new Map();
          state.synonymsOf.delete(uid);
          throw err;
        },
      );
    state.synonymsOf.set(uid, known);
  }
  return known;
}
