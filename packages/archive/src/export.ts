import { stringify } from 'csv-stringify/sync';
import type { Article } from '@newsarchive/core';
import type { Archive } from './types.ts';

/**
 * The export formats, shared by `npm run export` and GET /api/export so a script sees the same
 * columns and the same filters whichever door it uses.
 */

export const CSV_COLUMNS = [
  'id',
  'url',
  'title',
  'outlet',
  'byline',
  'publishedAt',
  'actors',
  'storyId',
  'status',
  'collections',
  'format',
  'origin',
  'body',
] as const;

/** The CSV header line. */
export function csvHeader(): string {
  return stringify([[...CSV_COLUMNS]]);
}

/**
 * A cell a spreadsheet would read as a formula (OWASP "CSV injection": a leading =, +, -, @,
 * tab or carriage return) gets a leading single quote, so it shows as the text it is. Quoting
 * of the cell itself (commas, quotes, line breaks) is left to the CSV writer.
 */
export function neutraliseFormula(cell: string): string {
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}

/**
 * One article as a CSV line (effective values; `origin` names the file or feed it came from, and
 * is empty when the caller may not see it).
 */
export function csvRow(a: Article): string {
  return stringify([
    (
      [
        a.id,
        a.url ?? '',
        a.title,
        a.outlet?.name ?? '',
        a.byline ?? '',
        a.publishedAt ?? '',
        a.actors.map((x) => x.name).join('; '),
        a.storyId,
        a.status,
        a.collections.join('; '),
        a.source.format,
        a.source.origin ?? '',
        a.body,
      ] as string[]
    ).map(neutraliseFormula),
  ]);
}

/** The article as someone other than a librarian sees it: without the server's own path. */
export function withoutOrigin(a: Article): Article {
  const { origin: _origin, ...source } = a.source;
  return { ...a, source };
}

/**
 * What a reader may learn of where an article came from: the file's name, never the directories
 * of the server's disk; a feed's address without its query string (which may carry a key).
 */
export function readerOrigin(origin: string | undefined): string | undefined {
  if (origin === undefined) return undefined;
  if (/^https?:\/\//i.test(origin)) {
    try {
      const url = new URL(origin);
      return `${url.origin}${url.pathname}`;
    } catch {
      return undefined;
    }
  }
  const name = origin.split(/[\\/]/).pop();
  return name || undefined;
}

/** The article as a reader sees it: its origin reduced to what {@link readerOrigin} allows. */
export function forReaders(a: Article): Article {
  const { origin, ...source } = a.source;
  const shown = readerOrigin(origin);
  return { ...a, source: shown === undefined ? source : { ...source, origin: shown } };
}

/** The search filters an export can narrow by (all optional; empty lists mean no filter). */
export interface ExportFilters {
  outlet?: string[];
  excludeOutlet?: string[];
  actor?: string[];
  excludeActor?: string[];
  collection?: string;
  from?: string;
  to?: string;
}

/** Search semantics: any of the outlets, all of the actors, inclusive dates (undated left out). */
export function matchesExportFilters(f: ExportFilters, a: Article): boolean {
  const outlet = a.outlet?.id;
  const actorIds = new Set(a.actors.map((x) => x.id));
  return (
    (!f.outlet?.length || (outlet !== undefined && f.outlet.includes(outlet))) &&
    (outlet === undefined || !f.excludeOutlet?.includes(outlet)) &&
    (f.actor ?? []).every((id) => actorIds.has(id)) &&
    !(f.excludeActor ?? []).some((id) => actorIds.has(id)) &&
    (f.collection === undefined || a.collections.includes(f.collection)) &&
    (f.from === undefined || (a.publishedAt !== null && a.publishedAt >= f.from)) &&
    (f.to === undefined || (a.publishedAt !== null && a.publishedAt <= f.to))
  );
}

/** What an export asks for: the search's filters, its words, and whether hidden articles count. */
export interface ExportQuery extends ExportFilters {
  q?: string;
  includeHidden: boolean;
}

/**
 * One page of a search's matching ids in rank order, from whatever engine the caller holds
 * (the archive does not know engines): `last` when no page follows.
 */
export type SearchPage = (page: number) => Promise<{ ids: string[]; last: boolean }>;

/** At most this many articles come from a search (a browse exports the whole archive). */
export const MAX_SEARCH_EXPORT = 10_000;

/**
 * The articles an export holds, in order, for `npm run export` and GET /api/export alike: with
 * words, the search's matches in rank order (up to MAX_SEARCH_EXPORT; the engine applies the
 * filters and the hidden rule, the archive supplies each article's effective values); without,
 * every article in id order, read in keyset batches so other work can use the connection in
 * between. The filters are checked on each article either way.
 */
export async function* exportArticles(
  archive: Archive,
  query: ExportQuery,
  search?: SearchPage,
): AsyncGenerator<Article> {
  const read = { includeHidden: query.includeHidden };
  if (query.q?.trim()) {
    if (!search) throw new Error('an export with words needs a search engine');
    let seen = 0;
    for (let page = 1; seen < MAX_SEARCH_EXPORT; page += 1) {
      const { ids, last } = await search(page);
      for (const id of ids) {
        if (seen >= MAX_SEARCH_EXPORT) return;
        seen += 1;
        const article = archive.getArticle(id, read);
        if (article && matchesExportFilters(query, article)) yield article;
      }
      if (last) return;
    }
    return;
  }
  for (const article of archive.articles(read)) {
    if (matchesExportFilters(query, article)) yield article;
  }
}

/** One exported article as a line of NDJSON or CSV; `origin` goes to librarians only. */
export function exportLine(a: Article, format: 'ndjson' | 'csv', withOrigin: boolean): string {
  const shown = withOrigin ? a : withoutOrigin(a);
  return format === 'csv' ? csvRow(shown) : `${JSON.stringify(shown)}\n`;
}
