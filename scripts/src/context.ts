import { openArchive } from '@newsarchive/archive';
import type { Archive } from '@newsarchive/archive';
import { createEngine } from '@newsarchive/search';
import type { SearchEngine } from '@newsarchive/search';
import type { ScriptEnv } from './env.ts';

/** The archive named by ARCHIVE_DB. */
export function archiveFrom(env: ScriptEnv): Archive {
  return openArchive({ path: env.ARCHIVE_DB, busyTimeoutMs: env.ARCHIVE_BUSY_TIMEOUT_MS });
}

/**
 * The search engine chosen by SEARCH_ENGINE / MEILI_URL, over the given archive. Commands search
 * in their own thread; `searchThreads` is for those that search as the server does (benchmarks).
 */
export function engineFrom(
  env: ScriptEnv,
  archive: Archive,
  options: { searchThreads?: number } = {},
): Promise<SearchEngine> {
  return createEngine({
    engine: env.SEARCH_ENGINE,
    meiliUrl: env.MEILI_URL,
    meiliMasterKey: env.MEILI_MASTER_KEY,
    meiliIndex: env.MEILI_INDEX,
    db: archive.db,
    searchThreads: options.searchThreads,
  });
}

/** Writes a line to stderr, where progress and diagnostics go (stdout is for data). */
export function say(line: string): void {
  process.stderr.write(`${line}\n`);
}
