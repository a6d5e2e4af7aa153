import { Meilisearch } from 'meilisearch';
import { afterAll, describe, expect, it } from 'vitest';
import { EngineError, EngineUnavailableError } from '../engine.ts';
import { LIVE_MEILI, NO_LIVE_MEILI_REASON, scratchIndex } from './live-server.ts';
import { isIndexNotFound, isUnavailable, translate, waitAll } from './tasks.ts';

describe('Meilisearch client errors in the engine family', () => {
  it('reads a refused connection as unavailable, without the URL in the message', async () => {
    const client = new Meilisearch({ host: 'http://127.0.0.1:9', timeout: 500 });
    const err = await client.getStats().catch((e: unknown) => e);
    expect(isUnavailable(err)).toBe(true);
    const out = translate(err, 'stats');
    expect(out).toBeInstanceOf(EngineUnavailableError);
    expect(out.message).toBe('Meilisearch did not answer (stats)');
  });

  it('passes the engine family through unchanged', () => {
    const mine = new EngineError('a rebuild is already running');
    expect(translate(mine, 'a rebuild')).toBe(mine);
  });
});

describe.skipIf(!LIVE_MEILI)(
  `tasks on a real Meilisearch${LIVE_MEILI ? '' : ` — skipped: ${NO_LIVE_MEILI_REASON}`}`,
  () => {
    const index = scratchIndex('tasks');
    const admin = () => new Meilisearch({ host: LIVE_MEILI!.url, apiKey: LIVE_MEILI!.masterKey });
    afterAll(async () => {
      if (LIVE_MEILI) await admin().deleteIndexIfExists(index);
    });

    it('names the refusal code and knows a missing index', async () => {
      const err = await admin()
        .index(index)
        .getStats()
        .catch((e: unknown) => e);
      expect(isIndexNotFound(err)).toBe(true);
      expect(isUnavailable(err)).toBe(false);
      const out = translate(err, 'stats');
      expect(out).toBeInstanceOf(EngineError);
      expect(out.message).toBe('Meilisearch refused stats (index_not_found)');
    });

    it('waits for tasks in order and turns a failed one into an EngineError', async () => {
      const ok = await admin().createIndex(index, { primaryKey: 'id' });
      // A document without its primary key: accepted into the queue, failed when it runs.
      const bad = await admin()
        .index(index)
        .addDocuments([{ title: 'no id' }]);
      await expect(waitAll(admin(), [ok.taskUid])).resolves.toBeUndefined();
      const err = await waitAll(admin(), [bad.taskUid]).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(EngineError);
      expect((err as Error).message).toContain(`task ${bad.taskUid} failed`);
    });
  },
);
