import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer, type ServerHandle } from '@newsarchive/api';
import { openArchive } from '@newsarchive/archive';
import { fixtureArticles } from './fixtures.ts';

const dist = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist');

export interface World {
  server: ServerHandle;
  url: string;
  librarianToken: string;
  close(): Promise<void>;
}

/** The real API (embedded engine) on 127.0.0.1, a free port, over a temp archive holding the fixtures. */
export async function startWorld(): Promise<World> {
  const dir = mkdtempSync(join(tmpdir(), 'web-e2e-archive-'));
  const archivePath = join(dir, 'archive.db');
  const archive = openArchive({ path: archivePath });
  archive.upsertArticles(fixtureArticles);
  const librarian = archive.tokens.create('librarian', 'e2e');
  const server = await startServer({
    archivePath,
    archive,
    engine: 'embedded',
    meiliIndex: 'articles',
    host: '127.0.0.1',
    port: 0,
    logLevel: 'silent',
    indexIntervalMs: 100,
    api: { webDist: dist, rateLimitPerMinute: 0 },
  });
  await archive.drainOutbox(server.engine);
  return {
    server,
    url: server.url,
    librarianToken: librarian.token,
    async close() {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
