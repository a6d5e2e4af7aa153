import { closeSync, openSync, readdirSync, readFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

/**
 * A web archive for `bench ingest --warc N`: N corpus articles as the HTML responses a crawler
 * would have stored, each beside its request record, one gzip member per record (as Common
 * Crawl writes them). Written record by record, so the file may be far larger than memory.
 */

const escape = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function record(type: string, uri: string, block: Buffer, contentType: string): Buffer {
  const head = [
    'WARC/1.1',
    `WARC-Type: ${type}`,
    `WARC-Record-ID: <urn:uuid:${crypto.randomUUID()}>`,
    'WARC-Date: 2024-03-12T08:15:00Z',
    `WARC-Target-URI: ${uri}`,
    `Content-Type: ${contentType}`,
    `Content-Length: ${block.length}`,
  ].join('\r\n');
  return gzipSync(Buffer.concat([Buffer.from(`${head}\r\n\r\n`), block, Buffer.from('\r\n\r\n')]));
}

interface CorpusArticle {
  ID: string;
  title: string;
  content_original: string;
  source: string;
  date?: string;
  authors?: string;
}

/** Writes the archive; returns its path and how many pages it holds. */
export function writeWarc(
  dir: string,
  corpusDir: string,
  limit: number,
): { path: string; pages: number } {
  const path = join(dir, 'crawl.warc.gz');
  const fd = openSync(path, 'w');
  let pages = 0;
  try {
    for (const name of readdirSync(corpusDir).sort()) {
      if (pages >= limit) break;
      if (!name.endsWith('.json')) continue;
      const a = JSON.parse(readFileSync(join(corpusDir, name), 'utf8')) as CorpusArticle;
      if (!a.title || !a.content_original) continue;
      const uri = `https://news.example.org/${a.ID}`;
      const html = `<!doctype html><html><head><meta charset="utf-8"><title>${escape(a.title)} | ${escape(a.source)}</title>
<meta property="og:site_name" content="${escape(a.source)}"><meta name="author" content="${escape(a.authors ?? '')}">
</head><body><nav><a href="/">Home</a></nav><article><h1>${escape(a.title)}</h1>
${a.content_original
  .split(/\n+/)
  .map((p) => `<p>${escape(p)}</p>`)
  .join('\n')}
</article><footer>© ${escape(a.source)}</footer></body></html>`;
      const body = Buffer.from(html);
      const http = Buffer.concat([
        Buffer.from(
          `HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: ${body.length}\r\n\r\n`,
        ),
        body,
      ]);
      writeSync(
        fd,
        record(
          'request',
          uri,
          Buffer.from(`GET /${a.ID} HTTP/1.1\r\nHost: news.example.org\r\n\r\n`),
          'application/http; msgtype=request',
        ),
      );
      writeSync(fd, record('response', uri, http, 'application/http; msgtype=response'));
      pages++;
    }
  } finally {
    closeSync(fd);
  }
  return { path, pages };
}
