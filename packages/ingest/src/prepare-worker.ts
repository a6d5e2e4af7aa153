import { parentPort, workerData } from 'node:worker_threads';
import { createActorExtractor } from './actors/index.ts';
import type { DictionaryEntry } from './actors/index.ts';
import { prepareArticle } from './prepare.ts';
import type { PrepareOptions, PrepareResult } from './prepare.ts';
import type { RawArticle } from './types.ts';

/** What the pool sends: a numbered chunk of raw articles. */
export interface PrepareRequest {
  seq: number;
  raws: RawArticle[];
}
export interface PrepareResponse {
  seq: number;
  results: PrepareResult[];
  /** Milliseconds each article took, for finding the slowest. */
  ms: number[];
}
export interface WorkerSetup {
  outlet?: string;
  collections?: string[];
  /** The registry's spellings: each worker builds its own extractor from them. */
  actorDictionary?: DictionaryEntry[];
  /** Skip actor extraction (benchmarks of the rest). */
  noActors?: boolean;
}

const setup = workerData as WorkerSetup;
const options: PrepareOptions = {
  outlet: setup.outlet,
  collections: setup.collections,
  extractActors: setup.noActors ? () => [] : createActorExtractor(setup.actorDictionary ?? []),
};

parentPort?.on('message', (req: PrepareRequest) => {
  const ms: number[] = [];
  const results = req.raws.map((raw) => {
    const started = performance.now();
    try {
      return prepareArticle(raw, options);
    } catch (err) {
      return {
        ok: false as const,
        error: {
          source: raw.origin,
          ...(raw.line ? { line: raw.line } : {}),
          reason: `could not prepare: ${(err as Error).message}`,
        },
      };
    } finally {
      ms.push(performance.now() - started);
    }
  });
  parentPort!.postMessage({ seq: req.seq, results, ms } satisfies PrepareResponse);
});
