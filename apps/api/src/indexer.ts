import type { Archive } from '@newsarchive/archive';
import type { IndexTarget } from '@newsarchive/core';
import type { Logger } from 'pino';

/** Moves pending outbox operations from the archive into the search engine. */
export interface Indexer {
  /**
   * Call after a write. With `awaitWrites` the caller waits (bounded) until the outbox drained so
   * the change shows in search straight away; otherwise the drain runs in the background.
   */
  afterWrite(): Promise<void>;
  /** One drain pass now (coalesced with one already running); never rejects. */
  drain(): Promise<void>;
  /** Poll the outbox every `intervalMs` while it has rows, backing off while the engine fails. */
  start(intervalMs?: number): void;
  /** Stop polling and wait for a running pass. */
  stop(): Promise<void>;
}

export interface IndexerOptions {
  archive: Archive;
  engine: IndexTarget;
  logger: Logger;
  /** Wait for the drain after writes (right for an in-process engine; remote engines index in tasks). */
  awaitWrites: boolean;
  /** Longest wait in afterWrite before answering anyway. */
  waitMs?: number;
  maxBackoffMs?: number;
}

/** An indexer that never runs two drains at once and never lets an engine failure escape. */
export function createIndexer(options: IndexerOptions): Indexer {
  const { archive, engine, logger, awaitWrites } = options;
  const waitMs = options.waitMs ?? 2000;
  const maxBackoffMs = options.maxBackoffMs ?? 30_000;
  let current: Promise<void> | null = null;
  let queued: Promise<void> | null = null;
  let failures = 0;
  let timer: NodeJS.Timeout | null = null;
  let stopped = true;
  let intervalMs = 1000;

  async function pass(): Promise<void> {
    try {
      const { indexed, removed } = await archive.drainOutbox(engine);
      if (failures > 0)
        logger.info({ indexed, removed }, 'search engine reachable again; outbox drained');
      failures = 0;
      if (indexed + removed > 0) logger.debug({ indexed, removed }, 'outbox drained');
    } catch (err) {
      failures += 1;
      // Once per streak is enough: the loop keeps retrying with backoff.
      if (failures === 1) logger.warn({ err }, 'outbox drain failed; operations stay queued');
    }
  }

  function drain(): Promise<void> {
    if (!current) {
      current = pass().finally(() => {
        current = null;
      });
      return current;
    }
    queued ??= current.then(() => {
      queued = null;
      return drain();
    });
    return queued;
  }

  function schedule(delay: number): void {
    if (stopped) return;
    timer = setTimeout(tick, delay);
    timer.unref();
  }

  async function tick(): Promise<void> {
    timer = null;
    try {
      if (archive.pendingIndexOps() > 0) await drain();
    } catch (err) {
      logger.error({ err }, 'outbox poll failed');
    }
    schedule(failures > 0 ? Math.min(intervalMs * 2 ** failures, maxBackoffMs) : intervalMs);
  }

  return {
    async afterWrite() {
      const done = drain();
      if (!awaitWrites) return;
      let t: NodeJS.Timeout | undefined;
      await Promise.race([done, new Promise<void>((r) => (t = setTimeout(r, waitMs)))]);
      clearTimeout(t);
    },
    drain,
    start(ms = 1000) {
      intervalMs = ms;
      if (!stopped) return;
      stopped = false;
      schedule(0);
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = null;
      await (queued ?? current);
    },
  };
}
