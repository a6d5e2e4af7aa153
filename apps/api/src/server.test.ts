import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openArchive } from '@newsarchive/archive';
import { SearchResponse } from '@newsarchive/core';
import { createEngine, type SearchEngine } from '@newsarchive/search';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from './client.ts';
import { startServer, type ServerHandle } from './server.ts';
import { extracted } from './test-support.ts';

let dir: string;
let handle: ServerHandle;
let release: (() => void) | null = null;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'api-server-'));
  const archive = openArchive({ path: join(dir, 'archive.db') });
  archive.upsertArticles([extracted(1), extracted(2, { title: 'Lighthouse keepers strike' })]);
  const real = await createEngine({ engine: 'embedded', meiliIndex: 'articles', db: archive.db });
  // The real engine, except that a search for "slow" waits until the test lets it go, so a
  // request can be held in flight across close().
  const engine: SearchEngine = Object.assign(Object.create(real) as SearchEngine, {
    search: async (r: Parameters<SearchEngine['search']>[0]) => {
      if (r.q === 'slow') await new Promise<void>((resolve) => (release = resolve));
      return real.search(r);
    },
  });
  handle = await startServer({
    archivePath: join(dir, 'archive.db'),
    engine: 'embedded',
    meiliIndex: 'articles',
    host: '127.0.0.1',
    port: 0,
    logLevel: 'silent',
    archive,
    searchEngine: engine,
    logger: pino({ level: 'silent' }),
    indexIntervalMs: 50,
  });
});
afterAll(async () => {
  await handle.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the real server over HTTP', () => {
  it('answers TRACE with 405, not 404 and never an echo of the request', async () => {
    const { status, allow, body } = await new Promise<{
      status: number;
      allow: string | undefined;
      body: string;
    }>((resolve, reject) => {
      const req = request(
        `${handle.url}/api/search`,
        { method: 'TRACE', headers: { cookie: 'secret=1' } },
        (res) => {
          let body = '';
          res.on('data', (d: Buffer) => (body += d.toString()));
          res.on('end', () =>
            resolve({ status: res.statusCode ?? 0, allow: res.headers.allow, body }),
          );
        },
      );
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(405);
    expect(allow).toContain('GET');
    expect(JSON.parse(body)).toMatchObject({ error: { code: 'method_not_allowed' } });
    expect(body).not.toContain('secret');
  });

  it('listens on a free port and answers health, search and the typed client', async () => {
    expect(handle.port).toBeGreaterThan(0);
    const health = await fetch(`${handle.url}/api/health`);
    expect(health.status).toBe(200);
    expect(health.headers.get('x-request-id')).toBeTruthy();
    // The background loop drains what was stored before the server started.
    await expect
      .poll(
        async () =>
          ((await (await fetch(`${handle.url}/api/health`)).json()) as { pendingIndexOps: number })
            .pendingIndexOps,
      )
      .toBe(0);

    const client = createClient(handle.url);
    const res = await client.api.search.$get({
      query: { q: 'lighthouse', outlet: ['example-news'] },
    });
    expect(res.status).toBe(200);
    if (res.status !== 200) return;
    const body = SearchResponse.parse(await res.json());
    expect(body.hits.map((h) => h.id)).toEqual(['art-2']);

    const bad = await client.api.search.$get({ query: { page: '0' } });
    expect(bad.status).toBe(400);
  });

  it('finishes a request in flight when it is closed, then refuses new connections', async () => {
    const inFlight = fetch(`${handle.url}/api/search?q=slow`);
    await expect.poll(() => release !== null).toBe(true);
    const closing = handle.close();
    release!();
    const res = await inFlight;
    expect(res.status).toBe(200);
    SearchResponse.parse(await res.json());
    await closing;
    await expect(fetch(`${handle.url}/api/health`)).rejects.toThrow();
  });
});
