import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from './mode.ts';
import { commandEnv, finished, type Finished } from './processes.ts';

export interface ServerProcess {
  child: ChildProcess;
  url: string;
  /** SIGTERM, then the process's end (exit code, output). */
  stop(): Promise<Finished>;
}

/** The API server (support/serve.ts, embedded engine) as its own process over `db`. */
export async function startServerProcess(db: string, timeoutMs = 600_000): Promise<ServerProcess> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(ROOT, 'tests', 'faults', 'support', 'serve.ts'), db],
    { cwd: ROOT, env: commandEnv(db), stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    const t = setTimeout(() => reject(new Error(`server did not start: ${stderr}`)), 60_000);
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /\{"url":"([^"]+)"\}/.exec(out);
      if (m) {
        clearTimeout(t);
        resolve(m[1]!);
      }
    });
    child.once('exit', () => reject(new Error(`server exited: ${stderr}`)));
  });
  const exit = finished(child, timeoutMs);
  return {
    child,
    url,
    async stop() {
      child.kill('SIGTERM');
      return exit;
    },
  };
}
