import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type {
  PrepareOutcome,
  PrepareRequest,
  PrepareResponse,
  WorkerReadOptions,
  WorkerSetup,
} from './prepare-worker.ts';
import type { SourceFile } from './sources.ts';
import type { RawArticle } from './types.ts';

export type { PrepareOutcome, WorkerReadOptions, WorkerSetup };

/**
 * Reads files and prepares articles on worker threads, results in input order. Chunks keep messaging cheap;
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
        for (const resolve of this.pending.values()) resolve({ seq: -1, outcomes: [] });
        this.pending.clear();
      });
      return w;
    });
  }

  /** Sends one chunk of raw articles to the next worker; resolves with their outcomes. */
  prepare(raws: RawArticle[]): Promise<PrepareOutcome[]> {
    return this.send((seq) => ({ seq, raws }));
  }

  /** Sends one chunk of files to the next worker, which reads and prepares them. */
  read(files: SourceFile[], read: WorkerReadOptions): Promise<PrepareOutcome[]> {
    return this.send((seq) => ({ seq, files, read }));
  }

  private send(request: (seq: number) => PrepareRequest): Promise<PrepareOutcome[]> {
    if (this.failure) return Promise.reject(this.failure);
    const seq = this.nextSeq++;
    const worker = this.workers[this.next++ % this.workers.length]!;
    return new Promise((resolve, reject) => {
      this.pending.set(seq, (res) => (this.failure ? reject(this.failure) : resolve(res.outcomes)));
      worker.postMessage(request(seq));
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}
