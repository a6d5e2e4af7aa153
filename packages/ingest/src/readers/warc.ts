import { createReadStream } from 'node:fs';
import { WARCParser, type WARCRecord } from 'warcio';
import { decodeBytes } from '../decode.ts';
import type { ReadResult } from '../types.ts';
import { readHtml } from './documents.ts';

/**
 * Web archives (`.warc`, `.warc.gz`): WARC files as crawlers write them (Common Crawl News,
 * Heritrix, browsertrix), read record by record with warcio (Webrecorder's parser, which also
 * inflates gzip members) from a file stream, so a file of any size is read in flat memory.
 *
 * Each HTTP response that is an HTML page becomes a page for the HTML reader; everything else is
 * accounted for: requests, metadata and warcinfo records are not pages (passed over silently, as a
 * crawler writes several per page), a response that is not a 200 or not HTML is skipped with its
 * reason. The record's target URI is the article's url when the page names none, and its date is
 * kept as `metadata.crawledAt`, never as the publication date.
 */

export const WARC_EXTENSIONS = /\.warc(?:\.gz)?$/i;

/** An HTML response found in a WARC file, as bytes still to decode and read. */
export interface WarcPage {
  /** The file; `line` is the record's number in it, 1-based. */
  origin: string;
  line: number;
  html: Uint8Array;
  url: string | null;
  crawledAt: string | null;
}

export type WarcItem =
  | { kind: 'page'; page: WarcPage }
  | { kind: 'skipped'; source: string; reason: string }
  | { kind: 'error'; error: { source: string; line?: number; reason: string } };

/** A page under this many characters of text is a section front, a tag list or an error page. */
const MIN_ARTICLE_CHARS = 300;

/** The records of a WARC file that could be articles, and the reasons the others are not. */
export async function* readWarc(
  path: string,
  origin: string,
  maxRecordBytes: number,
): AsyncGenerator<WarcItem> {
  const stream = createReadStream(path);
  let n = 0;
  try {
    for await (const record of new WARCParser(stream)) {
      n++;
      const where = `${origin} record ${n}`;
      const type = record.warcType;
      if (!type || !record.warcHeaders.protocol?.startsWith('WARC/'))
        throw new Error(
          n === 1 ? 'not a WARC file: no WARC record at its start' : 'no WARC header',
        );
      if (type !== 'response' && type !== 'resource') {
        await record.skipFully();
        if (cutShort(record)) throw new Error('the file ends inside it');
        continue;
      }
      const status = type === 'response' ? Number(record.httpHeaders?.statusCode) : 200;
      const contentType = (
        (type === 'response'
          ? record.httpHeaders?.headers.get('content-type')
          : record.warcContentType) ?? ''
      ).toLowerCase();
      let reason: string | null = null;
      if (status !== 200)
        reason = `HTTP ${record.httpHeaders?.statusCode ?? 'status unknown'}, not a page`;
      else if (!/html/.test(contentType))
        reason = `not an HTML page (${contentType.split(';')[0]!.trim() || 'no content type'})`;
      else if (record.warcContentLength > maxRecordBytes)
        reason = `record of ${record.warcContentLength} bytes, over the size limit`;
      if (reason) {
        await record.skipFully();
        if (cutShort(record)) throw new Error('the file ends inside it');
        yield { kind: 'skipped', source: where, reason };
        continue;
      }
      // A copy of just these bytes: the reader's array may be a view into a larger buffer, which
      // posting the page to a worker would copy whole.
      const html = (await record.readFully(true)).slice();
      if (cutShort(record)) throw new Error('the file ends inside it');
      yield {
        kind: 'page',
        page: {
          origin,
          line: n,
          html,
          url: record.warcTargetURI ?? null,
          crawledAt: record.warcDate ?? null,
        },
      };
    }
  } catch (err) {
    yield {
      kind: 'error',
      error: {
        source: origin,
        line: n,
        reason: `WARC record ${n} could not be read (${(err as Error).message}); the records before it were read`,
      },
    };
  } finally {
    stream.destroy();
  }
}

/**
 * True when the file ended before the record's declared length. warcio reads a cut record
 * without complaint, handing back what there is; the record's limit reader keeps the bytes it
 * still expected (a field of warcio 2.4's LimitReader; absent, the record counts as whole).
 */
function cutShort(record: WARCRecord): boolean {
  const reader = (record as unknown as { _reader?: { limit?: unknown } })._reader;
  return typeof reader?.limit === 'number' && reader.limit > 0;
}

function textLength(html: string): number {
  return html
    .replace(/<(script|style|nav|header|footer)[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim().length;
}

/** A page's articles: the HTML reader's, with the record's address and crawl date. */
export function readWarcPage(page: WarcPage): ReadResult[] {
  const where = `${page.origin} record ${page.line}`;
  const decoded = decodeBytes(Buffer.from(page.html));
  if (!decoded.ok) return [{ kind: 'skipped', source: where, reason: decoded.reason }];
  const out: ReadResult[] = [];
  for (const r of readHtml(decoded.text, page.origin)) {
    if (r.kind !== 'article') {
      out.push(r);
      continue;
    }
    const raw = r.raw;
    if (textLength(raw.body ?? '') < MIN_ARTICLE_CHARS) {
      out.push({
        kind: 'skipped',
        source: where,
        reason: `too little text for an article (${page.url ?? 'no address'}: a section front or index page?)`,
      });
      continue;
    }
    raw.format = 'warc';
    raw.line = page.line;
    raw.url ??= page.url;
    if (page.crawledAt) raw.metadata = { ...raw.metadata, crawledAt: page.crawledAt };
    out.push({ kind: 'article', raw });
  }
  return out;
}
