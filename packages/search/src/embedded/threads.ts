import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import {
  DomainError,
  type ErrorCode,
  type FacetSearchRequest,
  type FacetSearchResponse,
  type SearchRequest,
  type SearchResponse,
} from '@newsarchive/core';
import { EngineUnavailableError, type SearchEngine, type SerialisedSearch } from '../engine.ts';

/** What a search thread is given when it starts. */
export interface ThreadSetup {
  path: string;
  prefix?: string;
  cacheBytes?: number;
}

export type ThreadRequest =
  | { kind: 'search'; id: number; request: SearchRequest; json: boolean }
  | { kind: 'facet'; id: number; request: FacetSearchRequest }
  | { kind: 'recycle'; buffer: ArrayBuffer }
  | { kind: 'close' };

export type ThreadReply =
  | { id: number; result: unknown; error?: undefined; ready?: undefined }
  | { id: number; error: { code: ErrorCode; message: string }; result?: undefined; ready?: boolean }
  | { id: -1; ready: true; result?: undefined; error?: undefined };

export interface SearchThreadsOptions {
  /** The archive file the engine's tables are in (each thread opens its own connection). */
  path: string;
  /** How many threads answer searches (>= 1). */
  threads: number;
  prefix?: string;
  cacheBytes?: number;
}

/** An engine whose searches run on worker threads: see `withSearchThreads`. */
export interface ThreadedEngine extends SearchEngine, SerialisedSearch {
  readonly threads: number;
}

interface Pending {
  resolve(value: unknown): void;
  reject(err: Error): void;
}

interface SearchThread {
  worker: Worker;
  ready: Promise<void>;
  inFlight: number;
  pending: Map<number, Pending>;
}

/** A worker that runs TypeScript: it registers tsx's loader (workers do not inherit hooks). */
function tsWorker(entry: URL, workerData: unknown): Worker {
  const tsxDir = dirname(createRequire(import.meta.url).resolve('tsx/package.json'));
  const tsx = pathToFileURL(join(tsxDir, 'dist', 'esm', 'api', 'index.mjs')).href;
  const bootstrap = `import(${JSON.stringify(tsx)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry.href)}); });`;
  return new Worker(bootstrap, { eval: true, workerData });
}

/**
 * Runs the embedded engine's searches on `threads` worker threads, each with its own connection
 * to the archive file, and everything else (writes, rebuilds, stats) on `engine`, the
 * in-process engine over the same file. better-sqlite3 is synchronous: in the server's own
 * thread a search holds up every other request (health checks, article pages, static files) for
 * its whole duration, and uses one core however many the machine has. Threads catch up with
 * writes through the engine's change log, as another process would.
 *
 * A thread that dies fails its in-flight searches with engine_unavailable and is replaced.
 */
export function withSearchThreads(
  engine: SearchEngine,
  options: SearchThreadsOptions,
): ThreadedEngine {
  if (!Number.isInteger(options.threads) || options.threads < 1)
    throw new Error(`search threads must be a whole number >= 1, not ${options.threads}`);
  const setup: ThreadSetup = {
    path: options.path,
    prefix: options.prefix,
    cacheBytes: options.cacheBytes,
  };
  const entry = new URL('./search-worker.ts', import.meta.url);
  let nextId = 0;
  let closed = false;

  function start(): SearchThread {
    const worker = tsWorker(entry, setup);
    const pending = new Map<number, Pending>();
    let ready!: { resolve(): void; reject(err: Error): void };
    const thread: SearchThread = {
      worker,
      pending,
      inFlight: 0,
      ready: new Promise<void>((resolve, reject) => {
        ready = { resolve, reject };
      }),
    };
    // Nobody may be waiting on readiness yet; a failure still reaches the first search.
    thread.ready.catch(() => {});
    worker.on('message', (reply: ThreadReply) => {
      if (reply.id === -1) {
        if (reply.ready) ready.resolve();
        else
          ready.reject(
            new EngineUnavailableError(`a search thread failed to start: ${reply.error?.message}`),
          );
        return;
      }
      const p = pending.get(reply.id);
      if (!p) return;
      pending.delete(reply.id);
      thread.inFlight--;
      if (reply.error) p.reject(new DomainError(reply.error.code, reply.error.message));
      else p.resolve(reply.result);
    });
    let started = false;
    void thread.ready.then(
      () => (started = true),
      () => {},
    );
    const fail = (why: string) => {
      const err = new EngineUnavailableError(`a search thread stopped: ${why}`);
      ready.reject(err);
      for (const p of pending.values()) p.reject(err);
      pending.clear();
      thread.inFlight = 0;
      // A thread that had been answering is replaced; one that never started (an unreadable
      // archive) would fail the same way again, so it stays failed and health says so.
      const i = pool.indexOf(thread);
      if (i >= 0 && !closed && started) pool[i] = start();
    };
    worker.on('error', (err) => fail(err.message));
    worker.on('exit', (code) => {
      if (!closed) fail(`exit code ${code}`);
    });
    return thread;
  }

  const pool: SearchThread[] = Array.from({ length: options.threads }, start);

  /** The least busy thread: searches differ a lot in cost, so round-robin would queue behind slow ones. */
  function pick(): SearchThread {
    let best = pool[0]!;
    for (const t of pool) if (t.inFlight < best.inFlight) best = t;
    return best;
  }

  async function call<T>(make: (id: number) => ThreadRequest): Promise<T> {
    if (closed) throw new EngineUnavailableError('the embedded search engine is closed');
    const thread = pick();
    thread.inFlight++;
    try {
      await thread.ready;
    } catch (err) {
      thread.inFlight--;
      throw err;
    }
    const id = nextId++;
    return new Promise<T>((resolve, reject) => {
      thread.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      thread.worker.postMessage(make(id));
    });
  }

  return {
    name: engine.name,
    capabilities: { ...engine.capabilities, serialisedSearch: true },
    threads: options.threads,
    search: (request) =>
      call<SearchResponse>((id) => ({ kind: 'search', id, request, json: false })),
    searchJson: (request) =>
      call<Uint8Array>((id) => ({ kind: 'search', id, request, json: true })),
    searchFacet: (request) => call<FacetSearchResponse>((id) => ({ kind: 'facet', id, request })),
    recycle(bytes) {
      const buffer = bytes.buffer;
      // Detached (already given back) or not one of ours: nothing to do.
      if (closed || !(buffer instanceof ArrayBuffer) || buffer.byteLength === 0) return;
      const thread = pick();
      thread.worker.postMessage({ kind: 'recycle', buffer } satisfies ThreadRequest, [buffer]);
    },
    index: (docs) => engine.index(docs),
    remove: (ids) => engine.remove(ids),
    stats: () => engine.stats(),
    rebuild: (batches, onProgress) => engine.rebuild(batches, onProgress),
    ...(engine.flush ? { flush: () => engine.flush!() } : {}),
    async healthy() {
      if (closed) return false;
      const ok = await Promise.all(
        pool.map((t) =>
          t.ready.then(
            () => true,
            () => false,
          ),
        ),
      );
      return ok.every(Boolean) && (await engine.healthy());
    },
    async close() {
      if (closed) return;
      closed = true;
      await Promise.all(
        pool.map(async (t) => {
          const exited = new Promise((r) => t.worker.once('exit', r));
          t.worker.postMessage({ kind: 'close' } satisfies ThreadRequest);
          // A thread busy with a long search is not waited for.
          const timer = setTimeout(() => void t.worker.terminate(), 2000);
          await exited;
          clearTimeout(timer);
          for (const p of t.pending.values())
            p.reject(new EngineUnavailableError('the embedded search engine is closed'));
        }),
      );
      await engine.close();
    },
  };
}
