import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { openArchive } from '@newsarchive/archive';
import { afterAll, describe, expect, it } from 'vitest';
import { extracted } from './test-support.ts';

// Typo tolerance must know every word of every article, whichever process stored it: here the
// ingest command writes while the server runs, and the server is restarted afterwards.
const root = resolve(import.meta.dirname, '..', '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'newsarchive-typos-'));
const archivePath = join(dir, 'archive.db');
{
  const archive = openArchive({ path: archivePath });
  archive.upsertArticles(Array.from({ length: 5 }, (_, i) => extracted(i + 1)));
  archive.close();
}
const servers: ChildProcess[] = [];
afterAll(() => {
  for (const s of servers) s.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

const env = {
  PATH: process.env.PATH ?? '',
  ARCHIVE_DB: archivePath,
  SEARCH_ENGINE: 'embedded',
  MEILI_URL: '',
};

async function startServer(): Promise<{ url: string; stop: () => Promise<void> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'apps/api/src/main.ts')], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...env, SEARCH_THREADS: '1', HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'info' },
  });
  servers.push(child);
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) throw new Error(`the server exited early: ${stderr}`);
    const listening = stdout
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as { msg: string; url?: string })
      .find((l) => l.msg === 'newsarchive listening');
    if (listening?.url) {
      const exited = new Promise<void>((ok) => child.once('exit', () => ok()));
      return {
        url: listening.url,
        stop: async () => {
          child.kill('SIGTERM');
          await exited;
        },
      };
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`the server did not start: ${stderr}`);
}

/** Totals of a reader's search. */
async function total(url: string, q: string): Promise<number> {
  const res = await fetch(`${url}/api/search?q=${encodeURIComponent(q)}`);
  expect(res.status).toBe(200);
  return ((await res.json()) as { totalHits: number }).totalHits;
}

describe('typo tolerance stays complete', () => {
  it('knows the words another process wrote, deep in a body, and still knows them after a restart', async () => {
    const server = await startServer();
    // The rare word sits well past the first few dozen words of the body.
    const filler = Array.from({ length: 60 }, (_, i) => `word${i}`).join(' ');
    const file = join(dir, 'new.ndjson');
    writeFileSync(
      file,
      `${JSON.stringify({
        url: 'https://news.example.com/lighthouse',
        title: 'Lighthouse keepers vote',
        body: `The keepers met on Monday. ${filler} Their spokesman, Quillbertson, said the vote was close.`,
        outlet: 'Example News',
        date: '2024-05-01',
      })}\n`,
    );
    expect(await total(server.url, 'Quillbertsen')).toBe(0);
    const ingest = spawnSync(
      process.execPath,
      ['--import', 'tsx', join(root, 'scripts/src/ingest.ts'), file],
      { cwd: root, env, encoding: 'utf8', timeout: 120_000 },
    );
    expect(ingest.status, ingest.stderr).toBe(0);
    // Within a second or so of the write, the misspelling finds it on the running server.
    await expect.poll(() => total(server.url, 'Quillbertsen'), { timeout: 5_000 }).toBe(1);
    const answer = (await (await fetch(`${server.url}/api/search?q=Quillbertsen`)).json()) as {
      query: { suggestion: string | null };
    };
    expect(answer.query.suggestion).toBe('quillbertson');
    await server.stop();

    const again = await startServer();
    expect(await total(again.url, 'Quillbertsen')).toBe(1);
    expect(await total(again.url, 'Quilbertson')).toBe(1);
    await again.stop();
  }, 120_000);
});
