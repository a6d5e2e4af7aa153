import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { serve } from '@hono/node-server';
import { openArchive, type Archive } from '@newsarchive/archive';
import { SearchRequest } from '@newsarchive/core';
import { createEngine, defaultSearchThreads, type SearchEngine } from '@newsarchive/search';
import { pino, type Logger } from 'pino';
import { createApp, type App } from './app.ts';
import { createApiConfig, type ApiConfig } from './config.ts';
import { createIndexer, type Indexer } from './indexer.ts';

/** Log lines are written when this many bytes are waiting… */
const LOG_BATCH_BYTES = 4096;
/** …or after this long, whichever comes first. */
const LOG_FLUSH_MS = 1000;

export interface ServerConfig {
  /** The archive file (ARCHIVE_DB); ignored when `archive` is given. */
  archivePath: string;
  /** How long a write waits for another process's write lock (ARCHIVE_BUSY_TIMEOUT_MS). */
  archiveBusyTimeoutMs?: number;
  engine: 'auto' | 'meilisearch' | 'embedded';
  meiliUrl?: string;
  meiliMasterKey?: string;
  meiliIndex: string;
  /** Embedded engine: worker threads that answer searches (default: one per core, up to 4; 0 = none). */
  searchThreads?: number;
  host: string;
  /** 0 picks a free port (see the handle's `port`). */
  port: number;
  logLevel: string;
  api?: Partial<ApiConfig>;
  /** An archive opened by the caller (e.g. start.ts after ingesting the sample); closed by close(). */
  archive?: Archive;
  /** An engine made by the caller; closed by close(). */
  searchEngine?: SearchEngine;
  logger?: Logger;
  /** How often the outbox is polled while it has rows. */
  indexIntervalMs?: number;
  /** How long close() lets in-flight requests finish before cutting connections. */
  shutdownGraceMs?: number;
}

export interface ServerHandle {
  /** e.g. http://127.0.0.1:3000 */
  url: string;
  host: string;
  port: number;
  app: App;
  archive: Archive;
  engine: SearchEngine;
  indexer: Indexer;
  logger: Logger;
  /** Stops accepting connections, lets in-flight requests finish, then closes engine and archive. */
  close(): Promise<void>;
}

/**
 * Opens the archive, makes the engine, and serves the API (and the built UI) over HTTP, with the
 * outbox drained in the background. Resolves once the port is listening.
 */
export async function startServer(config: ServerConfig): Promise<ServerHandle> {
  // Request lines are buffered and written in batches of 4 KB, at least once a second: a write
  // per line cost the serving thread ~70 µs per request on this kind of VM (a third of what the
  // API itself spends). close() flushes what is left, and pino flushes it on a normal exit.
  const logger =
    config.logger ??
    pino(
      { level: config.logLevel, base: { service: 'newsarchive-api' } },
      pino.destination({ dest: 1, sync: false, minLength: LOG_BATCH_BYTES }),
    );
  const logFlush = config.logger ? null : setInterval(() => logger.flush(), LOG_FLUSH_MS);
  logFlush?.unref();
  const archive =
    config.archive ??
    openArchive({ path: config.archivePath, busyTimeoutMs: config.archiveBusyTimeoutMs });
  let engine: SearchEngine;
  try {
    engine =
      config.searchEngine ??
      (await createEngine({
        engine: config.engine,
        meiliUrl: config.meiliUrl,
        meiliMasterKey: config.meiliMasterKey,
        meiliIndex: config.meiliIndex,
        db: archive.db,
        searchThreads: config.searchThreads ?? defaultSearchThreads(),
      }));
  } catch (err) {
    if (logFlush) clearInterval(logFlush);
    archive.close();
    throw err;
  }
  if (engine.capabilities.warmsUp) {
    // The embedded engine loads its facet tables on first use (seconds on a large archive):
    // pay that before listening rather than on the first reader's request. Search threads load
    // theirs as they start; healthy() waits for every one of them.
    const started = performance.now();
    await engine
      .search(SearchRequest.parse({}))
      .catch((err: unknown) => logger.warn({ err }, 'engine warm-up failed'));
    if (!(await engine.healthy())) logger.warn('the search engine is not healthy after warm-up');
    logger.debug({ ms: Math.round(performance.now() - started) }, 'engine warmed up');
  }
  const indexer = createIndexer({
    archive,
    engine,
    logger,
    awaitWrites: engine.capabilities.writesSearchableOnReturn,
  });
  const app = createApp({ archive, engine, config: createApiConfig(config.api), logger, indexer });

  const server = await new Promise<Server>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, hostname: config.host, port: config.port }, () =>
      resolve(s as Server),
    );
    s.once('error', reject);
  });
  // Slow or idle clients must not hold sockets forever.
  server.requestTimeout = 30_000;
  server.headersTimeout = 10_000;
  server.keepAliveTimeout = 5_000;
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${host}:${address.port}`;
  indexer.start(config.indexIntervalMs ?? 1000);
  logger.info({ url, engine: engine.name, archive: archive.path }, 'newsarchive listening');

  let closing: Promise<void> | null = null;
  async function close(): Promise<void> {
    logger.info('shutting down: finishing in-flight requests');
    const grace = setTimeout(() => server.closeAllConnections(), config.shutdownGraceMs ?? 10_000);
    grace.unref();
    // Keep-alive sockets go idle as their last response is written; close them as they do.
    const reap = setInterval(() => server.closeIdleConnections(), 50);
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeIdleConnections();
    });
    clearInterval(reap);
    clearTimeout(grace);
    await indexer.stop();
    // One last pass so writes accepted just before shutdown reach the engine if it is up.
    await indexer.drain();
    await engine.close().catch((err: unknown) => logger.warn({ err }, 'engine close failed'));
    archive.close();
    logger.info('stopped');
    if (logFlush) clearInterval(logFlush);
    logger.flush();
  }

  return {
    url,
    host: address.address,
    port: address.port,
    app,
    archive,
    engine,
    indexer,
    logger,
    close: () => (closing ??= close()),
  };
}

/** SIGINT / SIGTERM close the server gracefully; a second signal exits at once. */
export function shutdownOnSignals(handle: ServerHandle): void {
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) process.exit(1);
    stopping = true;
    handle.logger.info({ signal }, 'signal received');
    handle.close().then(
      () => process.exit(0),
      (err: unknown) => {
        handle.logger.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
}
