import type { IngestError, SourceFormat } from '@newsarchive/core';
import type { FieldMapping } from './fields.ts';
import type { NexisMetadata } from './readers/nexis.ts';

/**
 * One article as a reader found it: metadata as written in the source (not yet parsed or
 * trusted) and the body as text or HTML. Cleaning and extraction happen in `prepareArticle`.
 */
export interface RawArticle {
  format: SourceFormat;
  /** The file (relative to the working directory), `file#n` for a feed item, or `stdin`. */
  origin: string;
  /** 1-based line (NDJSON, CSV) or item number (JSON array, feed); null for a whole file. */
  line: number | null;
  title: string | null;
  /** The article text as found; may still hold site chrome. */
  body: string | null;
  bodyFormat: 'text' | 'html';
  url: string | null;
  /** An explicit outlet name (outlet, publication, site_name, publisher). */
  outlet: string | null;
  /** A `source` label: usually an outlet, but some datasets put a columnist there. */
  sourceLabel: string | null;
  /** The outlet's home page or domain (`source_url`). */
  sourceUrl: string | null;
  /** The publication date as written. */
  published: string | null;
  /** Authors as written (a list is joined with ", "). */
  byline: string | null;
  /**
   * What a press-database envelope says besides the text (section, page, length, language,
   * subjects with scores…): kept apart so it never reaches the body or the actors.
   */
  metadata?: NexisMetadata;
}

export type ReadResult =
  | { kind: 'article'; raw: RawArticle }
  | { kind: 'error'; error: IngestError }
  | { kind: 'skipped'; source: string; reason: string }
  /**
   * For a CSV/JSON/NDJSON file: which column fed which field (`{outlet: 'journal'}`), and the
   * columns a `--map` named that the file does not have (then none of its rows were read).
   */
  | { kind: 'columns'; source: string; fields: Record<string, string>; missing: string[] };

export interface ReadOptions {
  /** Read every input as this format instead of guessing from the name and content. */
  format?: SourceFormat;
  /** Files larger than this are reported, not read. Default 5 MB. */
  maxBytes?: number;
  /** Where `-` reads NDJSON from. */
  stdin?: NodeJS.ReadableStream;
  /** Paths are reported relative to this directory. Default `process.cwd()`. */
  cwd?: string;
  /** CSV/JSON/NDJSON: the column that feeds a field, overriding the recognised names. */
  mapping?: FieldMapping;
}

export const DEFAULT_MAX_BYTES = 5 * 1024 * 1024;

export function emptyRaw(format: SourceFormat, origin: string, line: number | null): RawArticle {
  return {
    format,
    origin,
    line,
    title: null,
    body: null,
    bodyFormat: 'text',
    url: null,
    outlet: null,
    sourceLabel: null,
    sourceUrl: null,
    published: null,
    byline: null,
  };
}
