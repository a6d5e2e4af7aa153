import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { createEmbeddedEngine } from '../embedded/engine.ts';
import { withSearchThreads } from '../embedded/threads.ts';
import { runContractSuite } from './index.ts';

// The same engine with its searches on two worker threads (as the API server runs it): every
// write goes through the in-process engine, every search through a thread's own connection, so
// the suite also proves the threads see each write.
runContractSuite('embedded, searching on 2 threads', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'search-contract-threads-'));
  const path = join(dir, 'archive.db');
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  const engine = withSearchThreads(createEmbeddedEngine({ db }), { path, threads: 2 });
  return {
    engine,
    async cleanup() {
      await engine.close();
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});
