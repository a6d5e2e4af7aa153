import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExtractedArticle } from '@newsarchive/core';
import { runIngest, type IngestSink } from '../pipeline.ts';

/*
 * Web archives as crawlers write them: per page a request and a response record (with the HTTP
 * headers inside), warcinfo and metadata around them; compressed, one gzip member per record.
 * The fixtures are built here, byte for byte, from pages written for the test.
 */

function record(
  type: string,
  uri: string | null,
  block: string,
  extra: Record<string, string> = {},
): Buffer {
  const body = Buffer.from(block, 'utf8');
  const headers = [
    'WARC/1.1',
    `WARC-Type: ${type}`,
    `WARC-Record-ID: <urn:uuid:${Math.random().toString(16).slice(2)}>`,
    'WARC-Date: 2024-03-12T08:15:00Z',
    ...(uri ? [`WARC-Target-URI: ${uri}`] : []),
    ...Object.entries(extra).map(([k, v]) => `${k}: ${v}`),
    `Content-Length: ${body.length}`,
  ];
  return Buffer.concat([
    Buffer.from(`${headers.join('\r\n')}\r\n\r\n`),
    body,
    Buffer.from('\r\n\r\n'),
  ]);
}

function response(uri: string, status: string, type: string, body: string): Buffer {
  const http = `HTTP/1.1 ${status}\r\nContent-Type: ${type}\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
  return record('response', uri, http, { 'Content-Type': 'application/http; msgtype=response' });
}

const article = (title: string, outlet: string, para: string) => `<!doctype html><html><head>
<title>${title} | ${outlet}</title><meta property="og:site_name" content="${outlet}">
<meta name="author" content="Ines Marlow"><meta property="article:published_time" content="2024-03-11T18:00:00Z">
</head><body><nav><a href="/">Home</a><a href="/world">World</a></nav><article><h1>${title}</h1>
<p>${para}</p><p>${para} Engineers said the inspection of every girder would take two weeks, and ferries would run every twenty minutes in the meantime.</p>
</article><footer>© ${outlet}</footer></body></html>`;

const PAGES = [
  record('warcinfo', null, 'software: test-crawler\r\nformat: WARC File Format 1.1\r\n', {
    'Content-Type': 'application/warc-fields',
  }),
  record(
    'request',
    'https://harbour.example/bridge',
    'GET /bridge HTTP/1.1\r\nHost: harbour.example\r\n\r\n',
    {
      'Content-Type': 'application/http; msgtype=request',
    },
  ),
  response(
    'https://harbour.example/bridge',
    '200 OK',
    'text/html; charset=utf-8',
    article(
      'Tamsin Reef Bridge closed after crack found',
      'Harbour Gazette',
      'The Tamsin Reef Bridge was closed on Monday after engineers found a crack in a girder of its main span, Mayor Elena Voss said.',
    ),
  ),
  response(
    'https://harbour.example/missing',
    '404 Not Found',
    'text/html',
    '<html><body>Not found</body></html>',
  ),
  response('https://harbour.example/logo.png', '200 OK', 'image/png', 'PNGDATA'),
  response(
    'https://harbour.example/world',
    '200 OK',
    'text/html',
    '<html><head><title>World | Harbour Gazette</title></head><body><ul><li><a href="/a">A</a></li><li><a href="/b">B</a></li></ul></body></html>',
  ),
  record(
    'metadata',
    'https://harbour.example/bridge',
    'outlinks: https://harbour.example/world\r\n',
    {
      'Content-Type': 'application/warc-fields',
    },
  ),
  response(
    'https://bay.example/news/ferries',
    '200 OK',
    'text/html',
    article(
      'Ferries double as the bridge stays shut',
      'Bay Herald',
      'Ferry operators doubled their crossings on Tuesday while the Tamsin Reef Bridge stayed shut for inspection, the port authority said.',
    ),
  ),
];

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'warc-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function sink() {
  const stored = new Map<string, ExtractedArticle>();
  const s: IngestSink & { stored: typeof stored } = {
    stored,
    upsertArticles: (batch) =>
      batch.map((a) => {
        stored.set(a.id, a);
        return { id: a.id, outcome: 'new' as const };
      }),
  };
  return s;
}

async function ingest(name: string, bytes: Buffer, workers = 0) {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  const s = sink();
  const report = await runIngest({ inputs: [path], sink: s, actors: false, workers, cwd: dir });
  return { report, articles: [...s.stored.values()] };
}

describe('web archives (.warc, .warc.gz)', () => {
  for (const workers of [0, 2]) {
    it(`reads each HTML response as an article, keeps its address and crawl date, and says why the rest are not (${workers} workers)`, async () => {
      const { report, articles } = await ingest(
        `crawl-${workers}.warc`,
        Buffer.concat(PAGES),
        workers,
      );
      expect(report).toMatchObject({ new: 2, failed: 0 });
      const bridge = articles.find((a) => a.url === 'https://harbour.example/bridge')!;
      expect(bridge.title).toBe('Tamsin Reef Bridge closed after crack found');
      expect(bridge.outlet?.name).toBe('Harbour Gazette');
      expect(bridge.publishedAt).toBe('2024-03-11');
      expect(bridge.metadata?.crawledAt).toBe('2024-03-12T08:15:00Z');
      expect(bridge.source).toMatchObject({
        format: 'warc',
        origin: `crawl-${workers}.warc`,
        line: 3,
      });
      expect(bridge.body).not.toMatch(/Home|World|©/);
      expect(articles.map((a) => a.url).sort()).toEqual([
        'https://bay.example/news/ferries',
        'https://harbour.example/bridge',
      ]);
      const reasons = report.skips.map((s) => `${s.source}: ${s.reason}`);
      expect(reasons).toEqual([
        expect.stringMatching(/record 4: HTTP 404/),
        expect.stringMatching(/record 5: not an HTML page \(image\/png\)/),
        expect.stringMatching(
          /record 6: too little text for an article \(https:\/\/harbour\.example\/world/,
        ),
      ]);
    });
  }

  it('reads a .warc.gz of one gzip member per record the same way', async () => {
    const gz = Buffer.concat(PAGES.map((r) => gzipSync(r)));
    const { report, articles } = await ingest('crawl.warc.gz', gz, 2);
    expect(report).toMatchObject({ new: 2, failed: 0, skipped: 3 });
    expect(articles).toHaveLength(2);
  });

  it('names the record a truncated file breaks off in, and stores every page before it', async () => {
    const whole = Buffer.concat(PAGES);
    const cut = whole.subarray(0, whole.length - 300);
    const { report, articles } = await ingest('cut.warc', cut);
    expect(articles.map((a) => a.url)).toEqual(['https://harbour.example/bridge']);
    expect(report.failed).toBe(1);
    expect(report.errors.find((e) => !e.reason.startsWith('skipped'))).toMatchObject({
      source: 'cut.warc',
      line: 8,
      reason: expect.stringMatching(/WARC record 8 could not be read/),
    });
  });

  it('reports a file that is not a web archive at all, and goes on with the other inputs', async () => {
    writeFileSync(
      join(dir, 'good.ndjson'),
      `${JSON.stringify({ title: 'A harbour report', body: 'The harbour board met on Monday and approved the new quay.' })}\n`,
    );
    const bad = join(dir, 'garbage.warc.gz');
    writeFileSync(bad, Buffer.from('this is not gzip, not WARC, just text pretending'));
    const s = sink();
    const report = await runIngest({
      inputs: [bad, join(dir, 'good.ndjson')],
      sink: s,
      actors: false,
      cwd: dir,
    });
    expect(report.new).toBe(1);
    expect(report.failed).toBe(1);
    expect(report.errors[0]).toMatchObject({
      source: 'garbage.warc.gz',
      reason: expect.stringMatching(/could not be read/),
    });
  });
});
