import {
  csvHeader,
  csvRow,
  matchesExportFilters,
  withoutOrigin,
  type Archive,
  type ExportFilters,
} from '@newsarchive/archive';
import { SearchRequest, type Article } from '@newsarchive/core';
import type { SearchEngine } from '@newsarchive/search';
import { seesHidden } from '../../middleware/auth.ts';
import type { AppRouteHandler } from '../../router.ts';
import type * as routes from './routes.ts';

const MAX_SEARCH_EXPORT = 10_000;

type Filters = SearchRequest & ExportFilters;

/** The search's matching ids, page by page (the engine applies the filters and hidden rule). */
async function* searchMatches(
  engine: SearchEngine,
  archive: Archive,
  f: Filters,
): AsyncGenerator<Article> {
  let seen = 0;
  for (let page = 1; seen < MAX_SEARCH_EXPORT; page += 1) {
    const result = await engine.search({ ...f, page, perPage: 100, group: undefined });
    for (const hit of result.hits) {
      const article = archive.getArticle(hit.id, { includeHidden: f.includeHidden });
      if (article && matchesExportFilters(f, article)) yield article;
      seen += 1;
    }
    if (result.hits.length < 100 || page >= result.totalPages) return;
  }
}

export const exportArticles: AppRouteHandler<typeof routes.exportArticles> = async (c) => {
  const { format = 'ndjson', collection, ...query } = c.req.valid('query');
  const caller = c.get('caller');
  const filters: Filters = {
    ...SearchRequest.parse({ ...query, includeHidden: seesHidden(caller) }),
    collection,
  };
  const archive = c.get('archive');
  const engine = c.get('engine');
  // The archive reads in keyset batches (no open cursor), so other requests can use the same
  // connection between two chunks of the export.
  const source: AsyncIterator<Article> | Iterator<Article> = filters.q
    ? searchMatches(engine, archive, filters)
    : archive.articles({ includeHidden: filters.includeHidden })[Symbol.iterator]();
  // Fail before the 200 goes out when the engine is down.
  const first = await source.next();
  const encoder = new TextEncoder();
  let pendingFirst: IteratorResult<Article> | null = first;
  const shown = (a: Article) => (filters.includeHidden ? a : withoutOrigin(a));
  const line = (a: Article) =>
    format === 'csv' ? csvRow(shown(a)) : `${JSON.stringify(shown(a))}\n`;
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      if (format === 'csv') controller.enqueue(encoder.encode(csvHeader()));
    },
    async pull(controller) {
      let chunk = '';
      while (chunk.length < 64 * 1024) {
        const next = pendingFirst ?? (await source.next());
        pendingFirst = null;
        if (next.done) {
          if (chunk) controller.enqueue(encoder.encode(chunk));
          controller.close();
          return;
        }
        if (filters.q || matchesExportFilters(filters, next.value)) chunk += line(next.value);
      }
      controller.enqueue(encoder.encode(chunk));
    },
  });
  c.header('Cache-Control', 'private, no-store');
  c.header(
    'Content-Type',
    format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8',
  );
  c.header('Content-Disposition', `attachment; filename="articles.${format}"`);
  return c.body(body, 200);
};
