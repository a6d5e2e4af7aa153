import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { buildSync } from 'esbuild';
import type {
  PrepareOutcome,
  PrepareRequest,
  PrepareResponse,
  WorkerReadOptions,
  WorkerSetup,
} from './prepare-worker.ts';
import type { SourceFile } from './sources.ts';
import type { WarcPage } from './readers/warc.ts';
import type { RawArticle } from './types.ts';

export type { PrepareOutcome, WorkerReadOptions, WorkerSetup };

let bundle: URL | null | undefined;

/**
 * The worker and everything it imports as one ES module (a data: URL), built once per process.
 * A worker does not inherit the parent's TypeScript loader: registering tsx in each one gave it a
 * loader thread of its own and cost ~2.7 s of CPU per worker before its first article (on 2 cores,
 * a fifth of an ingest of the allsides corpus); the bundle starts in ~0.35 s. Null when it cannot
 * be built, and the workers register tsx instead.
 */
function workerBundle(): URL | null {
  if (bundle !== undefined) return bundle;
  try {
    const out = buildSync({
      entryPoints: [fileURLToPath(new URL('./prepare-worker.ts', import.meta.url))],
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      write: false,
      logLevel: 'silent',
      // Bundled CommonJS dependencies require Node's built-in modules.
      banner: {
        js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(process.cwd() + '/');",
      },
    });
    const code = out.outputFiles[0]!.contents;
    bundle = new URL(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`);
  } catch {
    bundle = null;
  }
  return bundle;
}

/** Bootstrap for a worker that loads the TypeScript module through tsx (the fallback). */
function tsxBootstrap(): string {
  const entry = new URL('./prepare-worker.ts', import.meta.url).href;
  const tsxDir = dirname(createRequire(import.meta.url).resolve('tsx/package.json'));
  const tsx = pathToFileURL(join(tsxDir, 'dist', 'esm', 'api', 'index.mjs')).href;
  return `import(${JSON.stringify(tsx)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); });`;
}

/**
 * Each worker's old-generation heap, in MB. Without a bound V8 lets a worker's heap grow lazily
 * with the garbage HTML parsing leaves (2 GB over a 16,000-page web archive); at this bound it
 * collects sooner and a run stays near 800 MB, at the same speed. A file is read whole inside
 * one worker, so the bound also caps the file a worker can hold: ample at the 5 MB default.
 */
const WORKER_HEAP_MB = 512;

/**
 * Reads files and prepares articles on worker threads, results in input order. Chunks keep
 * messaging cheap; a bounded number in flight per worker keeps memory flat on big inputs.
 */
export class PreparePool {
  private readonly workers: Worker[];
  private readonly pending = new Map<number, (r: PrepareResponse) => void>();
  private nextSeq = 0;
  private next = 0;
  private failure: Error | null = null;

  constructor(size: number, setup: WorkerSetup) {
    const bundled = workerBundle();
    const bootstrap = bundled ? null : tsxBootstrap();
    this.workers = Array.from({ length: size }, () => {
      const w = bootstrap
        ? new Worker(bootstrap, {
            eval: true,
            workerData: setup,
            resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB },
          })
        : new Worker(bundled!, {
            workerData: setup,
            resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB },
          });
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

  /** Sends one chunk of a web archive's HTML pages to the next worker, which reads them. */
  pages(pages: WarcPage[]): Promise<PrepareOutcome[]> {
    return this.send((seq) => ({ seq, pages }));
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
