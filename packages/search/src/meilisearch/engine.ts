import type { SearchEngine } from '../engine.ts';
import { EngineError, EngineUnavailableError } from '../engine.ts';
import { createDocumentWrites, INDEX_SETTINGS } from './documents.ts';
import { createTags } from './formatted.ts';
import { createClients } from './keys.ts';
import { rebuildIndex } from './rebuild.ts';
import { createSearches } from './search.ts';
import { createSearchTransport } from './search-transport.ts';
import { createIndexState } from './state.ts';
import { isIndexNotFound, translate, waitAll } from './tasks.ts';

export { INDEX_SETTINGS } from './documents.ts';

export interface MeilisearchEngineOptions {
  url: string;
  /** Used only to derive scoped keys (search-only for queries, admin for writes). */
  masterKey?: string;
  index: string;
  /** Per request; network errors and timeouts become EngineUnavailableError within it. */
  timeoutMs?: number;
  /** Documents per indexing request. */
  batchSize?: number;
}

/**
 * The production engine: Meilisearch over HTTP with scoped keys (keys.ts). Writes are enqueued
 * and not awaited (documents.ts; the outbox retries on failure, `flush` waits for them in
 * scripts and tests); searches go out side by side (search.ts); `rebuild` fills a fresh index,
 * swaps it in and deletes the old one (rebuild.ts).
 */
export async function createMeilisearchEngine(
  options: MeilisearchEngineOptions,
): Promise<SearchEngine & { flush(): Promise<void>; applySettings(): Promise<void> }> {
  const timeout = options.timeoutMs ?? 2000;
  const batchSize = options.batchSize ?? 5000;
  const clients = createClients({
    host: options.url,
    masterKey: options.masterKey,
    indexUid: options.index,
    timeoutMs: timeout,
  });
  const state = createIndexState(options.index, clients);
  const transport = createSearchTransport(options.url, timeout);
  const writes = createDocumentWrites(state, batchSize);
  const searches = createSearches(state, transport, createTags());
  /** After close, as the embedded engine: the same error for the same condition. */
  let closed = false;
  const open = () => {
    if (closed) throw new EngineUnavailableError('the Meilisearch engine is closed');
  };

  return {
    name: 'meilisearch',
    capabilities: {
      inProcess: false,
      writesSearchableOnReturn: false,
      warmsUp: false,
      serialisedSearch: false,
    },
    async index(documents) {
      open();
      await writes.index(documents);
    },
    async remove(ids) {
      open();
      await writes.remove(ids);
    },
    async search(request) {
      open();
      return searches.search(request);
    },
    async searchFacet(request) {
      open();
      return searches.searchFacet(request);
    },

    async stats() {
      open();
      try {
        const { admin } = await clients.get();
        return { documents: (await admin.index(state.indexUid).getStats()).numberOfDocuments };
      } catch (err) {
        if (isIndexNotFound(err)) return { documents: 0 };
        throw translate(err, 'stats');
      }
    },

    async rebuild(batches, onProgress) {
      open();
      return rebuildIndex(state, batchSize, batches, onProgress);
    },

    /**
     * Brings the live index's settings up to INDEX_SETTINGS and waits until they apply. Writes
     * do this on their own; for scripts that only search an index built by an older version.
     */
    async applySettings() {
      try {
        const { admin } = await clients.get();
        const task = await admin
          .index(state.indexUid)
          .updateSettings(INDEX_SETTINGS)
          .waitTask({ timeout: 600_000 });
        if (task.status !== 'succeeded') {
          throw new EngineError(`settings task ${task.status}: ${task.error?.message ?? ''}`);
        }
      } catch (err) {
        throw translate(err, 'settings');
      }
    },

    async flush() {
      const { admin } = await clients.get();
      const uids = state.pending;
      state.pending = [];
      try {
        await waitAll(admin, uids);
      } catch (err) {
        throw translate(err, 'waiting for tasks');
      }
    },

    async healthy() {
      if (closed) return false;
      try {
        const { search: client } = await clients.get();
        return await client.isHealthy();
      } catch {
        return false;
      }
    },

    async close() {
      closed = true;
      clients.reset();
      await transport.close();
    },
  };
}
