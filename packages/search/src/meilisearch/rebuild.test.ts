import { Meilisearch } from 'meilisearch';
import type { SearchDocument } from '@newsarchive/core';
import { afterAll, describe, expect, it } from 'vitest';
import { searchDocument } from '../contract/fixtures.ts';
import { EngineError } from '../engine.ts';
import { normalizeSearchRequest } from '../request.ts';
import { createMeilisearchEngine } from './engine.ts';
import { LIVE_MEILI, NO_LIVE_MEILI_REASON, scratchIndex } from './live-server.ts';

describe.skipIf(!LIVE_MEILI)(
  `rebuilding a Meilisearch index${LIVE_MEILI ? '' : ` — skipped: ${NO_LIVE_MEILI_REASON}`}`,
  () => {
    const index = scratchIndex('rebuild');
    afterAll(async () => {
      if (!LIVE_MEILI) return;
      const root = new Meilisearch({ host: LIVE_MEILI.url, apiKey: LIVE_MEILI.masterKey });
      for (const i of (await root.getIndexes({ limit: 1000 })).results) {
        if (i.uid.startsWith(index)) await root.deleteIndex(i.uid).waitTask();
      }
      for (const k of (await root.getKeys({ limit: 1000 })).results) {
        if (k.name?.includes(`(${index})`)) await root.deleteKey(k.uid);
      }
    });

    it('refuses a second rebuild while one runs, swaps the new index in and leaves none behind', async () => {
      const engine = await createMeilisearchEngine({ ...LIVE_MEILI!, index, batchSize: 2 });
      let release!: () => void;
      const paused = new Promise<void>((ok) => (release = ok));
      let started!: () => void;
      const midway = new Promise<void>((ok) => (started = ok));
      async function* batches(): AsyncIterable<SearchDocument[]> {
        yield [1, 2, 3].map((n) => searchDocument({ id: `old-${n}`, title: 'harbour', body: 'x' }));
        started();
        await paused;
      }
      const rebuilt = engine.rebuild(batches());
      await midway;
      await expect(engine.rebuild([])).rejects.toBeInstanceOf(EngineError);
      release();
      await expect(rebuilt).resolves.toEqual({ documents: 3 });
      const res = await engine.search(normalizeSearchRequest({ q: 'harbour', perPage: 10 }));
      expect(res.hits.map((h) => h.id).sort()).toEqual(['old-1', 'old-2', 'old-3']);
      const root = new Meilisearch({ host: LIVE_MEILI!.url, apiKey: LIVE_MEILI!.masterKey });
      const left = (await root.getIndexes({ limit: 1000 })).results.map((i) => i.uid);
      expect(left.filter((uid) => uid.startsWith(`${index}__rebuild_`))).toEqual([]);
      await engine.close();
    });
  },
);
