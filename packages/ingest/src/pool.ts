import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { PrepareResult } from './prepare.ts';
import type { PrepareRequest, PrepareResponse, WorkerSetup } from './prepare-worker.ts';
import type { RawArticle } from './types.ts';

export type { WorkerSetup };

/**
 * Prepares raw articles on worker threads, results in input order. Chunks keep messaging cheap;
 * a bounded number in flight per worker keeps memory flat on big inputs.
 */
export class PreparePool {
  private readonly workers: Worker[];
  private readonly pending = new Map<number, (r: PrepareResponse) => void>();
  private nextSeq = 0;
  private next = 0;
  private failure: Error | null = null;

  constructor(size: number, setup: WorkerSetup) {
    // The worker is TypeScript: it registers tsx's loader (as the command line runs under tsx)
    // before importing the module; a worker does not inherit the parent's loader hooks.
    const entry = new URL('./prepare-worker.ts', import.meta.url).href;
    const tsxDir = dirname(createRequire(import.meta.url).resolve('tsx/package.json'));
    const tsx = pathToFileURL(join(tsxDir, 'dist', 'esm', 'api', 'index.mjs')).href;
    const bootstrap = `import(${JSON.stringify(tsx)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); });`;
    this.workers = Array.from({ length: size }, () => {
      const w = new Worker(bootstrap, { eval: true, workerData: setup });
      w.on('message', (res: PrepareResponse) => {
        const resolve = this.pending.get(res.seq);
        this.pending.delete(res.seq);
        resolve?.(res);
      });
      w.on('error', (err) => {
        this.failure = err;
        for (const resolve of this.pending.values()) resolve({ seq: -1, results: [], ms: [] });
        this.pending.clear();
      });
      return w;
    });
  }

  /** Sends one chunk to the next worker; resolves with its results and timings. */
  prepare(raws: RawArticle[]): Promise<{ results: PrepareResult[]; ms: number[] }> {
    if (this.failure) return Promise.reject(this.failure);
    const seq = this.nextSeq++;
    const worker = this.workers[this.next++ % this.workers.length]!;
    return new Promise((resolve, reject) => {
      this.pending.set(seq, (results) => (this.failure ? reject(this.failure) : resolve(results)));
      worker.postMessage({ seq, raws } satisfies PrepareRequest);
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}
