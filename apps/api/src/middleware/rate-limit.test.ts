import { describe, expect, it } from 'vitest';
import { handleError } from '../errors.ts';
import { createRouter } from '../router.ts';
import { clientAddress, rateLimit } from './rate-limit.ts';

function appWith(perMinute: number, clock: { t: number }) {
  const app = createRouter();
  app.use(
    rateLimit({
      perMinute,
      burst: 2,
      now: () => clock.t,
      key: (c) => c.req.header('x-client') ?? 'anon',
    }),
  );
  app.get('/', (c) => c.text('ok'));
  app.onError(handleError);
  return app;
}

describe('rateLimit', () => {
  it('lets a burst through, then refuses with 429 and Retry-After until tokens refill', async () => {
    const clock = { t: 0 };
    const app = appWith(60, clock); // one token per second
    expect((await app.request('/')).status).toBe(200);
    expect((await app.request('/')).status).toBe(200);
    const refused = await app.request('/');
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('1');
    expect(await refused.json()).toEqual({
      error: { code: 'rate_limited', message: expect.any(String) },
    });
    clock.t += 1000;
    expect((await app.request('/')).status).toBe(200);
    expect((await app.request('/')).status).toBe(429);
  });

  it('keeps one bucket per client', async () => {
    const clock = { t: 0 };
    const app = appWith(60, clock);
    for (let i = 0; i < 2; i++) await app.request('/', { headers: { 'x-client': 'a' } });
    expect((await app.request('/', { headers: { 'x-client': 'a' } })).status).toBe(429);
    expect((await app.request('/', { headers: { 'x-client': 'b' } })).status).toBe(200);
  });

  it('is off at 0', async () => {
    const app = appWith(0, { t: 0 });
    for (let i = 0; i < 20; i++) expect((await app.request('/')).status).toBe(200);
  });
});

describe('clientAddress', () => {
  const app = createRouter();
  app.get('/:hops', (c) => c.text(clientAddress(c, Number(c.req.param('hops')))));
  const from = async (hops: number, forwardedFor?: string) => {
    const res = await app.request(
      `/${hops}`,
      { headers: forwardedFor ? { 'x-forwarded-for': forwardedFor } : {} },
      { incoming: { socket: { remoteAddress: '10.0.0.2' } } },
    );
    return res.text();
  };

  it('believes no X-Forwarded-For without trusted proxies: a client cannot pick its own bucket', async () => {
    expect(await from(0, '203.0.113.9')).toBe('10.0.0.2');
  });

  it('behind one proxy, takes the address the proxy saw, whatever the client claimed before it', async () => {
    expect(await from(1, '203.0.113.9')).toBe('203.0.113.9');
    expect(await from(1, '6.6.6.6, 203.0.113.9')).toBe('203.0.113.9');
    expect(await from(2, '6.6.6.6, 203.0.113.9, 10.0.0.1')).toBe('203.0.113.9');
    expect(await from(1)).toBe('10.0.0.2');
  });
});
