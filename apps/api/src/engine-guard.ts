import { DomainError } from '@newsarchive/core';
import type { SearchEngine, SerialisedSearch } from '@newsarchive/search';
import { EngineUnavailableError, serialisedSearchOf } from '@newsarchive/search';

/** Rejects with engine_unavailable when `work` has not settled within `ms`. */
export async function withTimeout<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new EngineUnavailableError(`the search engine did not answer within ${ms} ms (${what})`),
        ),
      ms,
    );
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The engine as request handlers see it: every read is bounded by a timeout so an unreachable
 * engine turns into a quick 503 rather than a hanging request. Writes (index, remove, rebuild)
 * are left alone: the outbox retries them.
 */
export function guardEngine(engine: SearchEngine, timeoutMs: number): SearchEngine {
  // A remote engine's unexpected failure (a reset connection, a 5xx from the server) means it
  // is not answering; an in-process engine's unexpected failure is a bug and stays a 500.
  const remote = !engine.capabilities.inProcess;
  const call = <T>(work: () => Promise<T>, what: string): Promise<T> =>
    withTimeout(work(), timeoutMs, what).catch((err: unknown) => {
      if (remote && !(err instanceof DomainError)) {
        throw new EngineUnavailableError(`the search engine failed (${what})`, { cause: err });
      }
      throw err;
    });
  const serialised = serialisedSearchOf(engine);
  const transport: Partial<SerialisedSearch> = serialised
    ? {
        searchJson: (request) => call(() => serialised.searchJson(request), 'search'),
        recycle: (bytes) => serialised.recycle(bytes),
      }
    : {};
  return {
    get name() {
      return engine.name;
    },
    capabilities: engine.capabilities,
    search: (request) => call(() => engine.search(request), 'search'),
    ...transport,
    searchFacet: (request) => call(() => engine.searchFacet(request), 'facet search'),
    stats: () => call(() => engine.stats(), 'stats'),
    healthy: () => withTimeout(engine.healthy(), timeoutMs, 'health').catch(() => false),
    index: (documents) => engine.index(documents),
    remove: (ids) => engine.remove(ids),
    rebuild: (batches, onProgress) => engine.rebuild(batches, onProgress),
    close: () => engine.close(),
  };
}
