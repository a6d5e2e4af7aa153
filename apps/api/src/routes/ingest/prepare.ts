import type { Archive } from '@newsarchive/archive';
import type { ExtractedArticle } from '@newsarchive/core';

export interface RawItem {
  /** 1-based array position or NDJSON line. */
  item: number;
  value: unknown;
}

export interface PreparedItem {
  item: number;
  article?: ExtractedArticle;
  error?: string;
}

/**
 * Raw posted items -> cleaned, extracted articles, through the same pipeline as `npm run ingest`.
 */
export function prepareForArchive(
  items: RawItem[],
  options: { outlet?: string; collection?: string; archive: Archive },
): PreparedItem[] {
  void options;
  return items.map(({ item }) => ({ item, error: 'ingest over HTTP is not available yet' }));
}
