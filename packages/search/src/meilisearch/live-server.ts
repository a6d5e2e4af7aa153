/**
 * The real Meilisearch the module tests run against, from MEILI_URL / MEILI_MASTER_KEY (tests
 * may read the environment; the library never does). Null, with the reason, when unset.
 */
export const LIVE_MEILI = process.env.MEILI_URL
  ? { url: process.env.MEILI_URL, masterKey: process.env.MEILI_MASTER_KEY || undefined }
  : null;

export const NO_LIVE_MEILI_REASON =
  'MEILI_URL is not set: this test needs a real Meilisearch (see docs/meilisearch.md; e.g. MEILI_URL=http://127.0.0.1:7700 MEILI_MASTER_KEY=...)';

/** A fresh index name per test run, so runs never see each other's data. */
export function scratchIndex(purpose: string): string {
  return `${purpose}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 6)}`;
}
