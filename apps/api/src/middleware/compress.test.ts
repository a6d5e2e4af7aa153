import { mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import type { SearchEngine } from '@newsarchive/search';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../server.ts';
import { createTestWorld, extracted, type TestWorld } from '../test-support.ts';
import { negotiateEncoding } from './compress.ts';

const longBody = (n: number) =>
  Array.from(
    { length: 40 },
    (_, i) => `Paragraph ${i} of report ${n}: the harbour works went on through the night.`,
  ).join('\n\n');

let w: TestWorld;
beforeAll(async () => {
  w = await createTestWorld([
    extracted(1, { body: longBody(1) }),
    extracted(2, { body: longBody(2) }),
  ]);
});
afterAll(() => w.close());

describe('compression', () => {
  it('picks brotli or gzip by Accept-Encoding, honouring q-values', () => {
    expect(negotiateEncoding(undefined)).toBeNull();
    expect(negotiateEncoding('gzip, deflate, br')).toBe('br');
    expect(negotiateEncoding('gzip')).toBe('gzip');
    expect(negotiateEncoding('br;q=0.5, gzip')).toBe('gzip');
    expect(negotiateEncoding('br;q=0, gzip;q=0')).toBeNull();
    expect(negotiateEncoding('identity')).toBeNull();
    expect(negotiateEncoding('*')).toBe('br');
    expect(negotiateEncoding('br', ['gzip'])).toBeNull();
  });

  it('gzips a JSON answer for a client that accepts gzip; the bytes decode to the same JSON', async () => {
    const plain = await w.app.request('/api/articles/art-1');
    expect(plain.status).toBe(200);
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(plain.headers.get('vary')).toContain('Accept-Encoding');
    const text = await plain.text();
    expect(text.length).toBeGreaterThan(2000);

    const zipped = await w.app.request('/api/articles/art-1', {
      headers: { 'accept-encoding': 'gzip' },
    });
    expect(zipped.status).toBe(200);
    expect(zipped.headers.get('content-encoding')).toBe('gzip');
    expect(zipped.headers.get('content-type')).toContain('application/json');
    // The reader's answer keeps the caching the API chose for it.
    expect(zipped.headers.get('cache-control')).toBe(plain.headers.get('cache-control'));
    expect(zipped.headers.get('cache-control')).toContain('private');
    const bytes = Buffer.from(await zipped.arrayBuffer());
    expect(Number(zipped.headers.get('content-length'))).toBe(bytes.byteLength);
    expect(bytes.byteLength).toBeLessThan(text.length / 2);
    expect(JSON.parse(gunzipSync(bytes).toString('utf8'))).toEqual(JSON.parse(text));

    const br = await w.app.request('/api/articles/art-1', {
      headers: { 'accept-encoding': 'gzip, deflate, br' },
    });
    expect(br.headers.get('content-encoding')).toBe('br');
    const brBytes = Buffer.from(await br.arrayBuffer());
    expect(JSON.parse(brotliDecompressSync(brBytes).toString('utf8'))).toEqual(JSON.parse(text));
  });

  it('compresses the search answer (pre-serialised bytes) too', async () => {
    const plain = await w.app.request('/api/search?q=harbour');
    const zipped = await w.app.request('/api/search?q=harbour', {
      headers: { 'accept-encoding': 'gzip' },
    });
    expect(zipped.headers.get('content-encoding')).toBe('gzip');
    const decoded = JSON.parse(gunzipSync(Buffer.from(await zipped.arrayBuffer())).toString());
    const expected = await plain.json();
    // The times differ from one search to the next.
    const timeless = (x: object) => ({ ...x, tookMs: 0, processingTimeMs: 0 });
    expect(timeless(decoded)).toEqual(timeless(expected as object));
  });

  it('leaves small answers, HEAD and answers without Accept-Encoding alone', async () => {
    const small = await w.app.request('/api/nope', { headers: { 'accept-encoding': 'gzip' } });
    expect(small.status).toBe(404);
    expect(small.headers.get('content-encoding')).toBeNull();
    expect((await small.json()) as object).toHaveProperty('error');
    const head = await w.app.request('/api/articles/art-1', {
      method: 'HEAD',
      headers: { 'accept-encoding': 'gzip' },
    });
    expect(head.headers.get('content-encoding')).toBeNull();
  });

  it('compresses static files and caches hashed assets for good, index.html never', async () => {
    const dist = join(w.dir, 'dist-cache');
    mkdirSync(join(dist, 'assets'), { recursive: true });
    writeFileSync(
      join(dist, 'index.html'),
      '<!doctype html><div id="root"></div><script type="module" src="/assets/index-AbC123.js"></script>',
    );
    const script = `export const words = ${JSON.stringify(longBody(9).split(' '))};\n`;
    writeFileSync(join(dist, 'assets', 'index-AbC123.js'), script);
    writeFileSync(join(dist, 'assets', 'logo-Zz9.png'), Buffer.alloc(4096, 7));
    const app = w.withConfig({ webDist: dist });

    const js = await app.request('/assets/index-AbC123.js', {
      headers: { 'accept-encoding': 'gzip' },
    });
    expect(js.status).toBe(200);
    expect(js.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(js.headers.get('content-encoding')).toBe('gzip');
    expect(gunzipSync(Buffer.from(await js.arrayBuffer())).toString()).toBe(script);
    const jsPlain = await app.request('/assets/index-AbC123.js');
    expect(jsPlain.headers.get('content-encoding')).toBeNull();
    expect(await jsPlain.text()).toBe(script);

    // Already compressed types go out as they are.
    const png = await app.request('/assets/logo-Zz9.png', {
      headers: { 'accept-encoding': 'gzip' },
    });
    expect(png.headers.get('content-encoding')).toBeNull();
    expect(png.headers.get('cache-control')).toContain('immutable');

    for (const path of ['/', '/index.html', '/articles/art-1']) {
      const page = await app.request(path);
      expect(page.status, path).toBe(200);
      expect(await page.text(), path).toContain('id="root"');
      expect(page.headers.get('cache-control'), path).toBe('no-cache');
    }
  });
});

describe('compression over real HTTP', () => {
  it('compresses pre-serialised search bytes before they are given back for reuse', async () => {
    const recycled: Uint8Array[] = [];
    const real = w.engine;
    // Serialises on this thread and, like the threaded engine, reuses the bytes once recycled:
    // here they are overwritten at once, so a read after recycling would show.
    const engine: SearchEngine = Object.assign(Object.create(real) as SearchEngine, {
      capabilities: { ...real.capabilities, serialisedSearch: true },
      searchJson: async (r: Parameters<SearchEngine['search']>[0]) =>
        new TextEncoder().encode(
          JSON.stringify({ ...(await real.search(r)), tookMs: 0, processingTimeMs: 0 }),
        ),
      recycle: (bytes: Uint8Array) => {
        recycled.push(bytes);
        bytes.fill(0x20);
      },
    });
    const handle = await startServer({
      archivePath: w.archive.path,
      engine: 'embedded',
      meiliIndex: 'articles',
      host: '127.0.0.1',
      port: 0,
      logLevel: 'silent',
      archive: w.archive,
      searchEngine: engine,
      logger: pino({ level: 'silent' }),
    });
    // The server closes the archive with itself: keep the world's open.
    handle.archive.close = () => {};
    handle.engine.close = async () => {};
    try {
      const get = (headers: Record<string, string>) =>
        new Promise<{ headers: Record<string, unknown>; body: Buffer }>((resolve, reject) => {
          request(`${handle.url}/api/search?q=harbour`, { headers }, (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (c: Buffer) => chunks.push(c));
            res.on('end', () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
            res.on('error', reject);
          })
            .on('error', reject)
            .end();
        });
      const plain = await get({});
      expect(plain.headers['content-encoding']).toBeUndefined();
      const zipped = await get({ 'accept-encoding': 'gzip' });
      expect(zipped.headers['content-encoding']).toBe('gzip');
      const expected = JSON.parse(plain.body.toString());
      expect(expected.hits.length).toBeGreaterThan(0);
      expect(JSON.parse(gunzipSync(zipped.body).toString())).toEqual(expected);
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(recycled.length).toBe(2);
    } finally {
      await handle.close();
    }
  });
});
