import type { Archive } from '@newsarchive/archive';
import type { ExtractedArticle } from '@newsarchive/core';
import { createActorExtractor, prepareItems } from '@newsarchive/ingest';

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
 * Raw posted items -> cleaned, extracted articles, through the same pipeline as `npm run ingest`
 * (tolerant field names, cleaning, metadata, actors from the registry, fingerprints).
 */
export function prepareForArchive(
  items: RawItem[],
  options: { outlet?: string; collection?: string; archive: Archive; ndjson: boolean },
): PreparedItem[] {
  const results = prepareItems(
    items.map((i) => i.value),
    {
      origin: 'api',
      format: options.ndjson ? 'ndjson' : 'json',
      outlet: options.outlet,
      collections: options.collection ? [options.collection] : [],
      extractActors: createActorExtractor(options.archive.actors.dictionary()),
    },
  );
  return results.map((r, i) => {
    const item = items[i]!.item;
    if (!r.ok || !r.article) return { item, error: r.error?.reason ?? 'rejected' };
    // Provenance names the sender's own numbering: the NDJSON line or array position.
    return { item, article: { ...r.article, source: { ...r.article.source, line: item } } };
  });
}
