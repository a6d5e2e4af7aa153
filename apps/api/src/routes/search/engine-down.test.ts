import { createServer, type Server, type Socket } from 'node:net';
import { createEngine } from '@newsarchive/search';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../app.ts';
import { Health } from '../../schemas.ts';
import { apiError, createTestWorld, extracted, json, type TestWorld } from '../../test-support.ts';

let w: TestWorld;
let closedPort: number;
let blackhole: Server;
let blackholePort: number;
const sockets: Socket[] = [];

/** A port nothing listens on: connections are refused at once. */
async function refusedPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as { port: number }).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

beforeAll(async () => {
  w = await createTestWorld([extracted(1)]);
  closedPort = await refusedPort();
  // A server that accepts connections and never answers: the engine hung, not gone.
  blackhole = createServer((socket) => sockets.push(socket));
  await new Promise<void>((r) => blackhole.listen(0, '127.0.0.1', r));
  blackholePort = (blackhole.address() as { port: number }).port;
});
afterAll(async () => {
  for (const s of sockets) s.destroy();
  await new Promise<void>((r) => blackhole.close(() => r()));
  await w.close();
});

async function meiliApp(port: number) {
  const engine = await createEngine({
    engine: 'meilisearch',
    meiliUrl: `http://127.0.0.1:${port}`,
    meiliIndex: 'articles',
    db: w.archive.db,
  });
  return createApp({ archive: w.archive, engine, config: w.config });
}

describe('with the real Meilisearch adapter and no Meilisearch', () => {
  it('answers searches with 503 engine_unavailable when the connection is refused', async () => {
    const app = await meiliApp(closedPort);
    for (const path of ['/api/search?q=harbour', '/api/facets/outlet', '/api/export?q=harbour']) {
      const res = await app.request(path);
      expect(res.status, path).toBe(503);
      const error = await apiError(res);
      expect(error.code).toBe('engine_unavailable');
      expect(error.message).not.toMatch(/127\.0\.0\.1|key/i);
    }
    expect(Health.parse(await json(await app.request('/api/health')))).toMatchObject({
      status: 'degraded',
      engine: 'meilisearch',
    });
  });

  it('keeps curating while the engine is down: the archive stores the change, the outbox holds it', async () => {
    const app = await meiliApp(closedPort);
    const res = await app.request('/api/articles/art-1', {
      method: 'PATCH',
      headers: { ...w.as.librarian, 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'Stored while the engine was down' }),
    });
    expect(res.status).toBe(200);
    expect(w.archive.getArticle('art-1')?.title).toBe('Stored while the engine was down');
    await expect.poll(() => w.archive.pendingIndexOps()).toBeGreaterThan(0);
  });

  it('answers 503 rather than hanging when the engine accepts but never replies', async () => {
    const app = await meiliApp(blackholePort);
    const res = await app.request('/api/search?q=harbour');
    expect(res.status).toBe(503);
    expect((await apiError(res)).code).toBe('engine_unavailable');
  });
});
