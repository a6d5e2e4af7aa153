import { z } from 'zod';
import { loadSettings, SHARED_SETTINGS } from '@newsarchive/core/env';
import type { ServerConfig } from './server.ts';

const csv = z
  .string()
  .default('')
  .transform((s) =>
    s
      .split(',')
      .map((x) => x.trim())
      .filter(Boolean),
  )
  .pipe(z.array(z.url('each CORS_ORIGINS entry must be an origin such as https://example.org')));
const count = z.coerce.number().int().nonnegative();

/** The server's settings: the only place the API reads process.env. */
const Env = z.object({
  ...SHARED_SETTINGS,
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  RATE_LIMIT_PER_MINUTE: count.default(600),
  TRUST_PROXY: count.max(10).default(0),
  CORS_ORIGINS: csv,
  MAX_INGEST_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(10 * 1024 * 1024),
  // 1.5 s so the 503 reaches the client within 2 s, the contract's promise, with time to spare.
  ENGINE_TIMEOUT_MS: z.coerce.number().int().positive().max(60_000).default(1500),
  WEB_DIST: z.string().min(1).default('apps/web/dist'),
  SERVER_TIMING: z.enum(['librarian', 'all']).default('librarian'),
});
export type ServerEnv = z.infer<typeof Env>;

/** Parses the environment; on a bad value, names every bad field on stderr and exits 2. */
export function loadServerEnv(source: NodeJS.ProcessEnv = process.env): ServerEnv {
  return loadSettings(Env, source);
}

/** The server's config from a parsed environment. */
export function serverConfigFrom(env: ServerEnv): ServerConfig {
  return {
    archivePath: env.ARCHIVE_DB,
    archiveBusyTimeoutMs: env.ARCHIVE_BUSY_TIMEOUT_MS,
    engine: env.SEARCH_ENGINE,
    meiliUrl: env.MEILI_URL,
    meiliMasterKey: env.MEILI_MASTER_KEY,
    meiliIndex: env.MEILI_INDEX,
    host: env.HOST,
    port: env.PORT,
    logLevel: env.LOG_LEVEL,
    searchThreads: env.SEARCH_THREADS,
    api: {
      rateLimitPerMinute: env.RATE_LIMIT_PER_MINUTE,
      trustedProxies: env.TRUST_PROXY,
      corsOrigins: env.CORS_ORIGINS,
      maxIngestBytes: env.MAX_INGEST_BYTES,
      engineTimeoutMs: env.ENGINE_TIMEOUT_MS,
      webDist: env.WEB_DIST,
      serverTiming: env.SERVER_TIMING,
    },
  };
}
