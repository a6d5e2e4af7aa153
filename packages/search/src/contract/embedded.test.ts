import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { createEmbeddedEngine } from '../embedded/engine.ts';
import { runContractSuite } from './index.ts';

runContractSuite('embedded (SQLite FTS5)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'search-contract-'));
  const db = new Database(join(dir, 'archive.db'));
  db.pragma('journal_mode = WAL');
  const engine = createEmbeddedEngine({ db });
  return {
    engine,
    async cleanup() {
      await engine.close();
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});
