import type { Archive } from '@newsarchive/archive';
import type { ExtractedArticle } from '@newsarchive/core';
import { ColumnTally, createActorExtractor, prepareItems } from '@newsarchive/ingest';
import type { FieldMapping } from '@newsarchive/ingest';

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
  options: {
    outlet?: string;
    collection?: string;
    mapping?: FieldMapping;
    archive: Archive;
    ndjson: boolean;
  },
): { items: PreparedItem[]; columns: Record<string, string> } {
  const results = prepareItems(
    items.map((i) => i.value),
    {
      origin: 'api',
      format: options.ndjson ? 'ndjson' : 'json',
      outlet: options.outlet,
      mapping: options.mapping,
      collections: options.collection ? [options.collection] : [],
      extractActors: createActorExtractor(options.archive.actors.dictionary()),
    },
  );
  const tally = new ColumnTally();
  for (const r of results) if (r.columns) tally.add(r.columns);
  const prepared = results.map((r, i): PreparedItem => {
    const item = items[i]!.item;
    if (!r.ok || !r.article) return { item, error: r.error?.reason ?? 'rejected' };
    // Provenance names the sender's own numbering: the NDJSON line or array position.
    return { item, article: { ...r.article, source: { ...r.article.source, line: item } } };
  });
  return { items: prepared, columns: tally.result() };
}
