export { openArchive, toSearchDocument } from './archive.ts';
export { aliasKey } from './actors.ts';
export { hashToken } from './tokens.ts';
export { migrations } from './migrations.ts';
export type * from './types.ts';
export {
  assignCopy,
  bandKeys,
  sameCopy,
  shareBand,
  signatureSimilarity,
  SAME_COPY_THRESHOLD,
  DATE_WINDOW_DAYS,
} from './copies.ts';
export {
  CSV_COLUMNS,
  csvHeader,
  csvRow,
  matchesExportFilters,
  exportArticles,
  exportLine,
  MAX_SEARCH_EXPORT,
  type ExportQuery,
  type SearchPage,
  withoutOrigin,
  forReaders,
  readerOrigin,
  type ExportFilters,
} from './export.ts';
