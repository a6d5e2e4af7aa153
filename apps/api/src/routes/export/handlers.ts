import {
  csvHeader,
  exportArticles as articlesToExport,
  exportLine,
  type ExportQuery,
} from '@newsarchive/archive';
import { SearchRequest, type Article } from '@newsarchive/core';
import { seesHidden } from '../../middleware/auth.ts';
import type { AppRouteHandler } from '../../router.ts';
import type * as routes from './routes.ts';

export const exportArticles: AppRouteHandler<typeof routes.exportArticles> = async (c) => {
  const { format = 'ndjson', collection, ...query } = c.req.valid('query');
  const caller = c.get('caller');
  const filters: SearchRequest & ExportQuery = {
    ...SearchRequest.parse({ ...query, includeHidden: seesHidden(caller) }),
    collection,
  };
  const engine = c.get('engine');
  // The export use case is the archive's (the CLI's too); the engine only ranks the words.
  const source = articlesToExport(c.get('archive'), filters, async (page) => {
    const result = await engine.search({ ...filters, page, perPage: 100, group: undefined });
    return {
      ids: result.hits.map((h) => h.id),
      last: result.hits.length < 100 || page >= result.totalPages,
    };
  });
  // Fail before the 200 goes out when the engine is down.
  const first = await source.next();
  const encoder = new TextEncoder();
  let pendingFirst: IteratorResult<Article> | null = first;
  const line = (a: Article) => exportLine(a, format, filters.includeHidden);
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
        chunk += line(next.value);
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
