import { DomainError } from '@newsarchive/core';
import type { Context, MiddlewareHandler } from 'hono';
import type { AppEnv } from '../context.ts';

export interface RateLimitOptions {
  /** Requests per minute per client; 0 or less disables the limit. */
  perMinute: number;
  /** Bucket size: how many requests a quiet client may send at once. Defaults to perMinute / 6 (10 s worth). */
  burst?: number;
  /** Proxies in front of the server whose X-Forwarded-For is believed (see clientAddress). */
  trustedProxies?: number;
  key?: (c: Context) => string;
  now?: () => number;
}

interface Bucket {
  tokens: number;
  at: number;
}

/**
 * The client's address. With `trustedProxies` = 0 it is the socket's peer, and X-Forwarded-For is
 * ignored (a client could write anything there). Behind N proxies that each append the address
 * they received from, it is the Nth address from the right of [...X-Forwarded-For, peer]: what
 * the outermost trusted proxy saw, which no client can forge.
 */
export function clientAddress(c: Context, trustedProxies = 0): string {
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined;
  const peer = env?.incoming?.socket?.remoteAddress ?? 'local';
  if (trustedProxies <= 0) return peer;
  const forwarded = (c.req.header('x-forwarded-for') ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const chain = [...forwarded, peer];
  return chain[Math.max(0, chain.length - 1 - trustedProxies)]!;
}

/**
 * An in-memory token bucket per client: refills at perMinute/60 per second. A refused request gets
 * 429 rate_limited with Retry-After (whole seconds until one token is back).
 */
export function rateLimit(options: RateLimitOptions): MiddlewareHandler<AppEnv> {
  const perMinute = options.perMinute;
  if (perMinute <= 0) return async (_c, next) => next();
  const capacity = Math.max(1, options.burst ?? Math.ceil(perMinute / 6));
  const perMs = perMinute / 60_000;
  const key = options.key ?? ((c: Context) => clientAddress(c, options.trustedProxies ?? 0));
  const now = options.now ?? Date.now;
  const buckets = new Map<string, Bucket>();

  function sweep(t: number): void {
    for (const [k, b] of buckets) if (b.tokens + (t - b.at) * perMs >= capacity) buckets.delete(k);
  }

  return async (c, next) => {
    const t = now();
    const k = key(c);
    let bucket = buckets.get(k);
    if (!bucket) {
      if (buckets.size >= 10_000) sweep(t);
      bucket = { tokens: capacity, at: t };
      buckets.set(k, bucket);
    } else {
      bucket.tokens = Math.min(capacity, bucket.tokens + (t - bucket.at) * perMs);
      bucket.at = t;
    }
    if (bucket.tokens < 1) {
      const retryAfter = Math.max(1, Math.ceil((1 - bucket.tokens) / perMs / 1000));
      c.header('Retry-After', String(retryAfter));
      throw new DomainError('rate_limited', `too many requests; retry in ${retryAfter} s`);
    }
    bucket.tokens -= 1;
    return next();
  };
}
