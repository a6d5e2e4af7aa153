import { availableParallelism } from 'node:os';
import type { Database } from 'better-sqlite3';
import { createEmbeddedEngine } from './embedded/engine.ts';
import type { SearchEngine } from './engine.ts';
import { withSearchThreads } from './embedded/threads.ts';

export {
  EngineError,
  EngineUnavailableError,
  serialisedSearchOf,
  type EngineCapabilities,
  type SearchEngine,
  type SerialisedSearch,
} from './engine.ts';
export { chooseInterval } from './dates.ts';
export { FACET_LIMIT } from './facets.ts';
export { normalizeFacetRequest, normalizeSearchRequest } from './request.ts';
export { formatQuery, parseQuery, type ParsedQuery, type QueryNode } from './query/syntax.ts';
export { withSearchThreads, type ThreadedEngine } from './embedded/threads.ts';

export interface EngineConfig {
  /** auto: Meilisearch when meiliUrl is set, else the embedded engine. */
  engine: 'auto' | 'meilisearch' | 'embedded';
  meiliUrl?: string;
  meiliMasterKey?: string;
  meiliIndex: string;
  /** The archive's better-sqlite3 handle (the embedded engine keeps its tables there). */
  db: Database;
  /**
   * Embedded engine only: answer searches on this many worker threads (0 or absent: in the
   * calling thread). Needs an archive file; an in-memory database searches in-process.
   */
  searchThreads?: number;
}

/**
 * How many threads the embedded engine searches on when SEARCH_THREADS is not set: one per core,
 * up to four (each thread holds its own facet store and page cache).
 */
export function defaultSearchThreads(): number {
  return Math.min(4, availableParallelism());
}

/**
 * The search engine the configuration asks for. The Meilisearch adapter is loaded only when
 * used, so the embedded engine needs nothing of it.
 */
export async function createEngine(config: EngineConfig): Promise<SearchEngine> {
  const which =
    config.engine === 'auto' ? (config.meiliUrl ? 'meilisearch' : 'embedded') : config.engine;
  if (which === 'embedded') {
    const engine = createEmbeddedEngine({ db: config.db });
    const threads = config.searchThreads ?? 0;
    const path = config.db.memory ? null : config.db.name;
    return threads > 0 && path ? withSearchThreads(engine, { path, threads }) : engine;
  }
  if (!config.meiliUrl) throw new Error('SEARCH_ENGINE=meilisearch needs MEILI_URL');
  const { createMeilisearchEngine } = await import('./meilisearch/engine.ts');
  return createMeilisearchEngine({
    url: config.meiliUrl,
    masterKey: config.meiliMasterKey,
    index: config.meiliIndex,
  });
}
