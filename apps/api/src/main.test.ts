import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '..', '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'newsarchive-main-'));
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
  it('logs one JSON line per request with its id and latency, and flushes them on SIGTERM', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'apps/api/src/main.ts')], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        PATH: process.env.PATH ?? '',
        ARCHIVE_DB: join(dir, 'archive.db'),
        SEARCH_ENGINE: 'embedded',
        SEARCH_THREADS: '0',
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
