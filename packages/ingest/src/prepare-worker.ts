import { parentPort, workerData } from 'node:worker_threads';
import type { IngestError } from '@newsarchive/core';
import { createActorExtractor } from './actors/index.ts';
import type { DictionaryEntry } from './actors/index.ts';
import { prepareArticle } from './prepare.ts';
import type { PrepareOptions, PrepareResult } from './prepare.ts';
import { readWarcPage, type WarcPage } from './readers/warc.ts';
import { readFile } from './sources.ts';
import type { SourceFile } from './sources.ts';
import type { RawArticle, ReadOptions } from './types.ts';

/**
 * What the pool sends: a numbered chunk of raw articles (stdin), or of files that the worker
 * reads itself, so the thread that stores is not also the one that reads and parses.
 */
export type PrepareRequest =
  | { seq: number; raws: RawArticle[] }
  | { seq: number; pages: WarcPage[] }
  | { seq: number; files: SourceFile[]; read: WorkerReadOptions };
/** The ReadOptions that can cross to a worker (a stdin stream cannot). */
export type WorkerReadOptions = Pick<ReadOptions, 'format' | 'maxBytes' | 'cwd' | 'mapping'>;

/** One input's fate, in input order: skipped, failed to read, or prepared (ok or not). */
export type PrepareOutcome =
  | { kind: 'skipped'; source: string; reason: string }
  | { kind: 'error'; error: IngestError }
  | { kind: 'columns'; source: string; fields: Record<string, string>; missing: string[] }
  /** `ms`: how long preparing it took, for finding the slowest article. */
  | { kind: 'prepared'; result: PrepareResult; ms: number };

export interface PrepareResponse {
  seq: number;
  outcomes: PrepareOutcome[];
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

function prepare(raw: RawArticle): PrepareOutcome {
  const started = performance.now();
  let result: PrepareResult;
  try {
    result = prepareArticle(raw, options);
  } catch (err) {
    result = {
      ok: false,
      error: {
        source: raw.origin,
        ...(raw.line ? { line: raw.line } : {}),
        reason: `could not prepare: ${(err as Error).message}`,
      },
    };
  }
  return { kind: 'prepared', result, ms: performance.now() - started };
}

parentPort?.on('message', (req: PrepareRequest) => {
  const outcomes: PrepareOutcome[] = [];
  if ('raws' in req) {
    for (const raw of req.raws) outcomes.push(prepare(raw));
  } else if ('pages' in req) {
    for (const page of req.pages)
      for (const r of readWarcPage(page)) outcomes.push(r.kind === 'article' ? prepare(r.raw) : r);
  } else {
    for (const file of req.files) {
      for (const r of readFile(file, req.read))
        outcomes.push(r.kind === 'article' ? prepare(r.raw) : r);
    }
  }
  parentPort!.postMessage({ seq: req.seq, outcomes } satisfies PrepareResponse);
});
