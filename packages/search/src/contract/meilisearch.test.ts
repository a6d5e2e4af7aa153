import { describe, it } from 'vitest';
import { Meilisearch } from 'meilisearch';
import { createMeilisearchEngine } from '../meilisearch/engine.ts';
import { runContractSuite } from './index.ts';

// Tests may read the environment; the library never does.
const url = process.env.MEILI_URL;
const masterKey = process.env.MEILI_MASTER_KEY || undefined;

if (!url) {
  const reason =
    'MEILI_URL is not set: the Meilisearch contract run needs a real server (e.g. docker compose up meilisearch, then MEILI_URL=http://127.0.0.1:7700 MEILI_MASTER_KEY=...)';
  console.warn(`[search contract] meilisearch skipped: ${reason}`);
  describe.skip(`SearchEngine contract: meilisearch — skipped: ${reason}`, () => {
    it('needs MEILI_URL', () => {});
  });
} else {
  runContractSuite(`meilisearch at ${url}`, async () => {
    const index = `contract_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 6)}`;
    const engine = await createMeilisearchEngine({ url, masterKey, index });
    return {
      engine,
      async cleanup() {
        await engine.close();
        const admin = new Meilisearch({ host: url, apiKey: masterKey });
        for (const i of (await admin.getIndexes({ limit: 1000 })).results) {
          if (i.uid.startsWith(index)) await admin.deleteIndex(i.uid).waitTask();
        }
        for (const k of (await admin.getKeys({ limit: 1000 })).results) {
          if (k.name?.includes(`(${index})`)) await admin.deleteKey(k.uid);
        }
      },
    };
  });
}
