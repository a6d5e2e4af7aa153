import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { openArchive } from '@newsarchive/archive';
import { afterAll, describe, expect, it } from 'vitest';
import { extracted } from './test-support.ts';

const root = resolve(import.meta.dirname, '..', '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'newsarchive-main-'));
const archivePath = join(dir, 'archive.db');
{
  // Sixty harbour reports and one other article: long and short answers to send side by side.
  const archive = openArchive({ path: archivePath });
  archive.upsertArticles([
    ...Array.from({ length: 60 }, (_, i) => extracted(i + 1)),
    extracted(99, { title: 'Lighthouse keepers strike', body: 'The keepers walked out.' }),
  ]);
  archive.close();
}
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface LogLine {
  msg: string;
  url?: string;
  requestId?: string;
  path?: string;
  status?: number;
  ms?: number;
}

describe('the server process (main.ts)', () => {
  it('answers searches from its search thread, logs a JSON line per request and flushes them on SIGTERM', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'apps/api/src/main.ts')], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        PATH: process.env.PATH ?? '',
        ARCHIVE_DB: archivePath,
        SEARCH_ENGINE: 'embedded',
        SEARCH_THREADS: '1',
        HOST: '127.0.0.1',
        PORT: '0',
        LOG_LEVEL: 'info',
      },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((ok) => child.once('exit', (code) => ok(code)));
    const lines = () =>
      stdout
        .split('\n')
        .filter((l) => l.startsWith('{'))
        .map((l) => JSON.parse(l) as LogLine);

    try {
      // Lines are written in batches; a quiet server still writes its batch within a second.
      let listening: LogLine | undefined;
      for (let i = 0; i < 300 && !listening; i++) {
        if (child.exitCode !== null) throw new Error(`the server exited early: ${stderr}`);
        await new Promise((r) => setTimeout(r, 100));
        listening = lines().find((l) => l.msg === 'newsarchive listening');
      }
      expect(listening?.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);

      const res = await fetch(`${listening!.url}/api/health`, {
        headers: { 'X-Request-Id': 'main-test-1' },
      });
      expect(res.status).toBe(200);
      expect(res.headers.get('x-request-id')).toBe('main-test-1');

      // The thread's answer buffers are given back and filled again once written: answers sent
      // at the same time, long and short, must each arrive whole and be their own.
      const base = listening!.url;
      await expect
        .poll(async () => {
          const health = (await (await fetch(`${base}/api/health`)).json()) as {
            pendingIndexOps: number;
          };
          return health.pendingIndexOps;
        })
        .toBe(0);
      for (let round = 0; round < 3; round++) {
        const answers = await Promise.all(
          Array.from({ length: 16 }, async (_, i) => {
            const q = i % 2 ? 'lighthouse' : 'harbour';
            const r = await fetch(`${base}/api/search?q=${q}&perPage=100`);
            return { q, body: (await r.json()) as { totalHits: number; hits: { id: string }[] } };
          }),
        );
        for (const { q, body } of answers) {
          if (q === 'lighthouse') expect(body.hits.map((h) => h.id)).toEqual(['art-99']);
          else expect(body.hits).toHaveLength(60);
        }
      }
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }

    const request = lines().find((l) => l.requestId === 'main-test-1');
    expect(request).toMatchObject({ msg: 'request', path: '/api/health', status: 200 });
    expect(typeof request?.ms).toBe('number');
    expect(lines().at(-1)?.msg).toBe('stopped');
  }, 60_000);
});
