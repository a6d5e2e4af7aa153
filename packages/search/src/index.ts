import type { Database } from 'better-sqlite3';
import { createEmbeddedEngine } from './embedded/engine.ts';
import type { SearchEngine } from './engine.ts';

export { EngineUnavailableError, type SearchEngine } from './engine.ts';
export { chooseInterval } from './dates.ts';
export { FACET_LIMIT } from './facets.ts';

export interface EngineConfig {
  /** auto: Meilisearch when meiliUrl is set, else the embedded engine. */
  engine: 'auto' | 'meilisearch' | 'embedded';
  meiliUrl?: string;
  meiliMasterKey?: string;
  meiliIndex: string;
  /** The archive's better-sqlite3 handle (the embedded engine keeps its tables there). */
  db: Database;
}

/**
 * The search engine the configuration asks for. The Meilisearch adapter is loaded only when
 * used, so the embedded engine needs nothing of it.
 */
export async function createEngine(config: EngineConfig): Promise<SearchEngine> {
  const which =
    config.engine === 'auto' ? (config.meiliUrl ? 'meilisearch' : 'embedded') : config.engine;
  if (which === 'embedded') return createEmbeddedEngine({ db: config.db });
  if (!config.meiliUrl) throw new Error('SEARCH_ENGINE=meilisearch needs MEILI_URL');
  const { createMeilisearchEngine } = await import('./meilisearch/engine.ts');
  return createMeilisearchEngine({
    url: config.meiliUrl,
    masterKey: config.meiliMasterKey,
    index: config.meiliIndex,
  });
}
