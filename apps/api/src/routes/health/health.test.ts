import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../app.ts';
import { Health } from '../../schemas.ts';
import { createTestWorld, extracted, silentEngine, type TestWorld } from '../../test-support.ts';

let w: TestWorld;
beforeAll(async () => {
  w = await createTestWorld([extracted(1), extracted(2)]);
  await w.app.request('/api/articles/art-2', {
    method: 'PATCH',
    headers: { ...w.as.librarian, 'content-type': 'application/json' },
    body: JSON.stringify({ status: 'hidden', reason: 'test' }),
  });
});
afterAll(() => w.close());

describe('GET /api/health', () => {
  it('reports status, engine, article count (visible only for readers) and pending index operations', async () => {
    const res = await w.app.request('/api/health');
    expect(res.status).toBe(200);
    expect(Health.parse(await res.json())).toEqual({
      status: 'ok',
      engine: 'embedded',
      engineReachable: true,
      articles: 1,
      pendingIndexOps: 0,
    });
    expect(res.headers.get('cache-control')).toBe('no-store');
    const librarian = Health.parse(
      await (await w.app.request('/api/health', { headers: w.as.librarian })).json(),
    );
    expect(librarian.articles).toBe(2);
  });

  it('says degraded, quickly, when the engine does not answer', async () => {
    const app = createApp({
      archive: w.archive,
      engine: silentEngine(w.engine),
      config: { ...w.config, engineTimeoutMs: 100 },
    });
    const res = await app.request('/api/health');
    expect(res.status).toBe(200);
    expect(Health.parse(await res.json())).toMatchObject({
      status: 'degraded',
      engineReachable: false,
    });
  });
});
