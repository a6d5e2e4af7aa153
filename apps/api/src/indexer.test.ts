import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openArchive, type Archive } from '@newsarchive/archive';
import type { SearchDocument } from '@newsarchive/core';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createIndexer } from './indexer.ts';
import { extracted } from './test-support.ts';

/** An index target whose engine can be switched off and on, recording what it received. */
function switchableTarget() {
  const docs = new Map<string, SearchDocument>();
  const state = { up: false, calls: 0 };
  return {
    docs,
    state,
    async index(batch: SearchDocument[]) {
      state.calls += 1;
      if (!state.up) throw new Error('connect ECONNREFUSED 127.0.0.1:7700');
      for (const d of batch) docs.set(d.id, d);
    },
    async remove(ids: string[]) {
      if (!state.up) throw new Error('connect ECONNREFUSED 127.0.0.1:7700');
      for (const id of ids) docs.delete(id);
    },
  };
}

let dir: string;
let archive: Archive;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'api-indexer-'));
  archive = openArchive({ path: join(dir, 'archive.db') });
});
afterEach(() => {
  archive.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('createIndexer', () => {
  it('keeps operations queued while the engine is down and drains them once it is back', async () => {
    const target = switchableTarget();
    const indexer = createIndexer({
      archive,
      engine: target,
      logger: pino({ level: 'silent' }),
      awaitWrites: true,
      maxBackoffMs: 40,
    });
    archive.upsertArticles([extracted(1), extracted(2)]);
    await indexer.afterWrite(); // must not throw while the engine is down
    expect(archive.pendingIndexOps()).toBeGreaterThan(0);
    indexer.start(10);
    await expect.poll(() => target.state.calls).toBeGreaterThan(2);
    expect(archive.pendingIndexOps()).toBeGreaterThan(0);
    target.state.up = true;
    await expect.poll(() => archive.pendingIndexOps()).toBe(0);
    expect([...target.docs.keys()].sort()).toEqual(['art-1', 'art-2']);
    await indexer.stop();
  });

  it('never runs two drains at once', async () => {
    const target = switchableTarget();
    target.state.up = true;
    let inFlight = 0;
    let most = 0;
    const slow = {
      index: async (batch: SearchDocument[]) => {
        most = Math.max(most, ++inFlight);
        await new Promise((r) => setTimeout(r, 5));
        await target.index(batch);
        inFlight--;
      },
      remove: target.remove,
    };
    const indexer = createIndexer({
      archive,
      engine: slow,
      logger: pino({ level: 'silent' }),
      awaitWrites: true,
    });
    archive.upsertArticles([extracted(1)]);
    await Promise.all([indexer.drain(), indexer.drain(), indexer.drain()]);
    expect(most).toBe(1);
    expect(archive.pendingIndexOps()).toBe(0);
  });
});
