import { statSync } from 'node:fs';
import { extname, relative } from 'node:path';
import type {
  ExtractedArticle,
  IngestError,
  IngestSummary,
  UpsertOutcome,
} from '@newsarchive/core';
import { createActorExtractor } from './actors/index.ts';
import type { DictionaryEntry } from './actors/index.ts';
import { PreparePool } from './pool.ts';
import type { PrepareOutcome } from './pool.ts';
import { prepareArticle } from './prepare.ts';
import type { PrepareOptions } from './prepare.ts';
import { readWarc, type WarcPage } from './readers/warc.ts';
import { expandInputs, isWarc, readExpanded } from './sources.ts';
import type { SourceFile } from './sources.ts';
import { DEFAULT_MAX_BYTES } from './types.ts';
import type { RawArticle, ReadOptions } from './types.ts';

export interface IngestSink {
  /** Stores a batch (one transaction) and says, per article, what happened. */
  upsertArticles(batch: ExtractedArticle[]): { id: string; outcome: UpsertOutcome }[];
  /** Optional, for dry runs: what `upsertArticles` would report, without writing. */
  classify?(batch: ExtractedArticle[]): { id: string; outcome: UpsertOutcome }[];
}

export interface IngestProgress {
  /** Articles read so far (stored, unchanged or failed). */
  done: number;
  failed: number;
  elapsedMs: number;
  ratePerSec: number;
  etaMs: number | null;
  /** Expected number of articles when it can be known up front (one article per file), else null. */
  total: number | null;
}

export interface RunIngestOptions extends ReadOptions, PrepareOptions {
  inputs: string[];
  /** Read, clean and extract, but do not store (the sink's `classify` is asked, if it has one). */
  dryRun?: boolean;
  sink: IngestSink;
  onProgress?: (p: IngestProgress) => void;
  /**
   * Articles per sink call (one transaction each). Default 200: a batch holds the archive's write
   * lock while it is stored, and other writers (another ingest, the server) wait that long.
   */
  batchSize?: number;
  /**
   * Prepare articles on this many worker threads (0: in this thread, the default). Workers cannot
   * take a function, so they build their actor extractor from `actorDictionary` (as this thread
   * does when no `extractActors` is given); a custom `extractActors` keeps preparation here.
   */
  workers?: number;
  actorDictionary?: DictionaryEntry[];
  /** False: find no actors (for measuring the rest, or when actors are filled in later). */
  actors?: boolean;
}

type Outcome = PrepareOutcome;

const FILE_CHUNK_BYTES = 512 * 1024;

/** A file's size, or 0 when it cannot be read (the worker reports why). */
function fileSize(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

/**
 * The summary (skipped inputs are listed in `errors` too, reason "skipped: ..."), plus the skips
 * alone (empty or binary files, non-article files, in-run duplicates) and the article that took
 * longest to prepare.
 */
export type IngestReport = IngestSummary & {
  columns: NonNullable<IngestSummary['columns']>;
  /** Columns a mapping named that a file lacks: the file was not read (a usage error). */
  missingColumns: { source: string; columns: string[] }[];
  skips: { source: string; reason: string }[];
  slowest: { source: string; ms: number } | null;
};

const SINGLE_ARTICLE = new Set([
  '.txt',
  '.text',
  '.md',
  '.markdown',
  '.html',
  '.htm',
  '.xhtml',
  '.json',
]);

/**
 * Reads every input, prepares each article and stores them in batches through the sink.
 * Counts are of articles. An article met twice in one run (same id) is stored once: the repeat
 * is "unchanged" when identical, else skipped with a reason naming the first.
 * In a dry run nothing is stored; without `sink.classify` every new id counts as "new".
 */
export async function runIngest(options: RunIngestOptions): Promise<IngestReport> {
  const started = performance.now();
  const summary: IngestReport = {
    new: 0,
    updated: 0,
    unchanged: 0,
    failed: 0,
    skipped: 0,
    errors: [],
    columns: [],
    missingColumns: [],
    skips: [],
    slowest: null,
  };
  const batchSize = options.batchSize ?? 200;
  const expanded = expandInputs(options.inputs, options.cwd ?? process.cwd());
  let total: number | null = 0;
  for (const e of expanded) {
    if (e.kind === 'stdin') total = null;
    else if (e.kind === 'files' && total !== null) {
      if (e.files.some((f) => !SINGLE_ARTICLE.has(extname(f.path).toLowerCase()))) total = null;
      else total += e.files.length;
    }
  }
  const seen = new Map<string, { hash: string; origin: string }>();
  let batch: ExtractedArticle[] = [];
  let done = 0;
  let lastReport = 0;

  // Skips are listed among the errors too (reason "skipped: ..."), so one report explains
  // every input that was not stored; only `failed` counts failures.
  const skip = (source: string, reason: string) => {
    summary.skipped++;
    summary.skips.push({ source, reason });
    summary.errors.push({ source, reason: `skipped: ${reason}` });
  };
  const fail = (error: IngestError) => {
    summary.failed++;
    summary.errors.push(error);
  };
  const flush = () => {
    if (batch.length === 0) return;
    const stored = batch;
    batch = [];
    let results: { id: string; outcome: UpsertOutcome }[];
    try {
      results = options.dryRun
        ? (options.sink.classify?.(stored) ??
          stored.map((a) => ({ id: a.id, outcome: 'new' as const })))
        : options.sink.upsertArticles(stored);
    } catch (err) {
      // The batch is one transaction, so none of it was stored (e.g. the archive stayed locked
      // by another writer past the busy timeout). Each article is reported and the run goes on:
      // the summary still says what was stored and what was not.
      const reason = `not stored: ${(err as Error).message}`;
      for (const a of stored) {
        fail({ source: a.source.origin, line: a.source.line ?? undefined, reason });
        seen.delete(a.id);
      }
      return;
    }
    for (const r of results) summary[r.outcome]++;
  };
  const report = (force: boolean) => {
    if (!options.onProgress) return;
    const now = performance.now();
    if (!force && now - lastReport < 200) return;
    lastReport = now;
    const elapsedMs = now - started;
    const ratePerSec = elapsedMs > 0 ? (done / elapsedMs) * 1000 : 0;
    if (total !== null && done > total) total = null;
    const etaMs = total !== null && ratePerSec > 0 ? ((total - done) / ratePerSec) * 1000 : null;
    options.onProgress({ done, failed: summary.failed, elapsedMs, ratePerSec, etaMs, total });
  };

  const handle = (o: Outcome) => {
    if (o.kind === 'columns') {
      if (Object.keys(o.fields).length > 0)
        summary.columns.push({ source: o.source, fields: o.fields });
      if (o.missing.length > 0)
        summary.missingColumns.push({ source: o.source, columns: o.missing });
      return;
    }
    if (o.kind === 'skipped') {
      skip(o.source, o.reason);
      return;
    }
    done++;
    if (o.kind === 'prepared' && (!summary.slowest || o.ms > summary.slowest.ms)) {
      const src = o.result.ok
        ? o.result.article.source
        : { origin: o.result.error.source, line: o.result.error.line ?? null };
      summary.slowest = { source: src.line ? `${src.origin}:${src.line}` : src.origin, ms: o.ms };
    }
    if (o.kind === 'error') fail(o.error);
    else if (!o.result.ok) fail(o.result.error);
    else {
      const a = o.result.article;
      const where = a.source.line ? `${a.source.origin}:${a.source.line}` : a.source.origin;
      const first = seen.get(a.id);
      if (first) {
        if (first.hash === a.fingerprint.contentHash) {
          summary.unchanged++;
        } else {
          skip(
            where,
            `same article id (same URL) as ${first.origin} earlier in this run, with different text; the first was kept`,
          );
        }
      } else {
        seen.set(a.id, { hash: a.fingerprint.contentHash, origin: where });
        batch.push(a);
        if (batch.length >= batchSize) flush();
      }
    }
    report(false);
  };

  const useWorkers = (options.workers ?? 0) > 0 && !options.extractActors;
  const prepareOptions: PrepareOptions =
    options.actors === false
      ? { ...options, extractActors: () => [] }
      : !options.extractActors && options.actorDictionary
        ? { ...options, extractActors: createActorExtractor(options.actorDictionary) }
        : options;
  if (!useWorkers) {
    for await (const r of readExpanded(expanded, options)) {
      if (r.kind === 'article') {
        const started = performance.now();
        const result = prepareArticle(r.raw, prepareOptions);
        handle({ kind: 'prepared', result, ms: performance.now() - started });
      } else if (r.kind === 'error') handle({ kind: 'error', error: r.error });
      else handle(r);
    }
  } else {
    const pool = new PreparePool(options.workers!, {
      outlet: options.outlet,
      collections: options.collections,
      actorDictionary: options.actorDictionary,
      noActors: options.actors === false,
    });
    // In-order queue of chunks: read and prepared on the workers, handled here as they come back.
    const queue: Promise<Outcome[]>[] = [];
    // Enough queued work that the workers keep going while this thread stores a batch.
    const maxInFlight = options.workers! * 16;
    const drain = async (keep: number) => {
      while (queue.length > keep) for (const o of await queue.shift()!) handle(o);
    };
    const read = {
      cwd: options.cwd ?? process.cwd(),
      format: options.format,
      maxBytes: options.maxBytes,
      mapping: options.mapping,
    };
    const sendWarc = async (file: SourceFile) => {
      const origin = relative(read.cwd, file.path) || file.path;
      let pages: WarcPage[] = [];
      let size = 0;
      const flushPages = () => {
        if (pages.length) queue.push(pool.pages(pages));
        pages = [];
        size = 0;
      };
      for await (const item of readWarc(file.path, origin, read.maxBytes ?? DEFAULT_MAX_BYTES)) {
        if (item.kind === 'page') {
          pages.push(item.page);
          size += item.page.html.byteLength;
          if (pages.length >= 32 || size >= FILE_CHUNK_BYTES) flushPages();
        } else {
          flushPages();
          queue.push(Promise.resolve([item]));
        }
        if (queue.length > maxInFlight) await drain(maxInFlight);
      }
      flushPages();
    };
    let chunk: RawArticle[] = [];
    const send = () => {
      if (chunk.length === 0) return;
      queue.push(pool.prepare(chunk));
      chunk = [];
    };
    try {
      for (const entry of expanded) {
        if (entry.kind === 'files') {
          // Files go to the workers unread: reading and parsing them here would hold up storing.
          // A chunk is closed at 32 files or FILE_CHUNK_BYTES, which bounds the memory in flight.
          let files: SourceFile[] = [];
          let bytes = 0;
          for (const file of entry.files) {
            if (isWarc(file, read)) {
              // A web archive streams from here, record by record; its pages are read (HTML
              // parsed, articles extracted) on the workers like any other file's text.
              if (files.length) queue.push(pool.read(files, read));
              files = [];
              bytes = 0;
              await sendWarc(file);
              continue;
            }
            files.push(file);
            bytes += fileSize(file.path);
            if (files.length >= 32 || bytes >= FILE_CHUNK_BYTES) {
              queue.push(pool.read(files, read));
              files = [];
              bytes = 0;
              if (queue.length > maxInFlight) await drain(maxInFlight);
            }
          }
          if (files.length) queue.push(pool.read(files, read));
          continue;
        }
        for await (const r of readExpanded([entry], options)) {
          if (r.kind === 'article') {
            chunk.push(r.raw);
            if (chunk.length >= 32) send();
          } else {
            send();
            queue.push(
              Promise.resolve([
                r.kind === 'error' ? { kind: 'error' as const, error: r.error } : r,
              ]),
            );
          }
          if (queue.length > maxInFlight) await drain(maxInFlight);
        }
        send();
      }
      await drain(0);
    } finally {
      await pool.close();
    }
  }
  flush();
  report(true);
  return summary;
}
