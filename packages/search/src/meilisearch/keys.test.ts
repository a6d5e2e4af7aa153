import { Meilisearch, MeilisearchApiError } from 'meilisearch';
import { afterAll, describe, expect, it } from 'vitest';
import { createClients, keyUid } from './keys.ts';
import { LIVE_MEILI, NO_LIVE_MEILI_REASON, scratchIndex } from './live-server.ts';

describe('derived key uids', () => {
  it('are UUID v4-shaped and the same in every process for an index and purpose', () => {
    const uid = keyUid('articles', 'search');
    expect(uid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-8[0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(keyUid('articles', 'search')).toBe(uid);
    expect(keyUid('articles', 'admin')).not.toBe(uid);
    expect(keyUid('other', 'search')).not.toBe(uid);
  });
});

describe.skipIf(!LIVE_MEILI?.masterKey)(
  `scoped keys on a real Meilisearch${LIVE_MEILI?.masterKey ? '' : ` — skipped: ${NO_LIVE_MEILI_REASON} (with MEILI_MASTER_KEY)`}`,
  () => {
    const index = scratchIndex('keys');
    const root = () => new Meilisearch({ host: LIVE_MEILI!.url, apiKey: LIVE_MEILI!.masterKey });
    afterAll(async () => {
      if (!LIVE_MEILI?.masterKey) return;
      await root().deleteIndexIfExists(index);
      for (const k of (await root().getKeys({ limit: 1000 })).results) {
        if (k.name?.includes(`(${index})`)) await root().deleteKey(k.uid);
      }
    });

    it('makes a search-only key and an admin key, found again rather than made twice', async () => {
      const options = { host: LIVE_MEILI!.url, masterKey: LIVE_MEILI!.masterKey, indexUid: index };
      const first = await createClients({ ...options, timeoutMs: 2000 }).get();
      const again = await createClients({ ...options, timeoutMs: 2000 }).get();
      expect(again.searchKey).toBe(first.searchKey);
      expect(first.searchKey).not.toBe(LIVE_MEILI!.masterKey);

      await first.admin.createIndex(index, { primaryKey: 'id' }).waitTask();
      const refused = await first.search
        .index(index)
        .addDocuments([{ id: 'x' }])
        .catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(MeilisearchApiError);
      expect((refused as MeilisearchApiError).response.status).toBe(403);
      // Scoped to this index: the admin key may not touch another one.
      const other = await first.admin.getRawIndex('not-this-one').catch((e: unknown) => e);
      expect((other as MeilisearchApiError).response.status).toBe(403);
    });
  },
);
