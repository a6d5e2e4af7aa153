import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MEILI_BIN } from './mode.ts';

/** A free loopback port (asked of the OS, then released). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

/** A throwaway Meilisearch on its own loopback port and temp database, which tests stop and restart. */
export interface ThrowawayMeili {
  url: string;
  masterKey: string;
  start(): Promise<void>;
  kill(signal?: NodeJS.Signals): Promise<void>;
  pause(): void;
  resume(): void;
  dispose(): Promise<void>;
}

/** Why the real-Meilisearch tests cannot run here, or null when they can. */
export function meiliMissing(): string | null {
  if (!MEILI_BIN)
    return 'MEILI_BIN is not set (the path of a Meilisearch 1.50 binary; see docs/reliability.md)';
  if (!existsSync(MEILI_BIN)) return `MEILI_BIN=${MEILI_BIN} does not exist`;
  return null;
}

function binary(): string {
  const missing = meiliMissing();
  if (missing) throw new Error(`no Meilisearch to start: ${missing}`);
  return MEILI_BIN!;
}

export async function createThrowawayMeili(): Promise<ThrowawayMeili> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'faults-meili-'));
  const masterKey = randomBytes(24).toString('hex');
  const url = `http://127.0.0.1:${port}`;
  let child: ChildProcess | null = null;
  const meili: ThrowawayMeili = {
    url,
    masterKey,
    async start() {
      child = spawn(
        binary(),
        [
          '--db-path',
          join(dir, 'data.ms'),
          '--http-addr',
          `127.0.0.1:${port}`,
          '--master-key',
          masterKey,
          '--no-analytics',
          '--env',
          'development',
          '--max-indexing-threads',
          '1',
          '--dump-dir',
          join(dir, 'dumps'),
          '--snapshot-dir',
          join(dir, 'snapshots'),
        ],
        { cwd: dir, stdio: 'ignore' },
      );
      const deadline = Date.now() + 30_000;
      while (Date.now() < deadline) {
        try {
          const res = await fetch(`${url}/health`);
          if (res.ok) return;
        } catch {
          // not listening yet
        }
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error(`meilisearch did not start on ${url}`);
    },
    async kill(signal = 'SIGKILL') {
      const c = child;
      if (!c || c.exitCode !== null || c.signalCode !== null) return;
      const gone = new Promise((r) => c.once('exit', r));
      c.kill(signal);
      await gone;
      child = null;
    },
    pause() {
      child?.kill('SIGSTOP');
    },
    resume() {
      child?.kill('SIGCONT');
    },
    async dispose() {
      meili.resume();
      await meili.kill();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return meili;
}
