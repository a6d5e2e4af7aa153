import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { openArchive } from '@newsarchive/archive';
import type { ExtractedArticle } from '@newsarchive/core';
import { runIngest } from '@newsarchive/ingest';
import { fmt, formatDuration, parseCommandLine, wholeNumberFlag } from '../cli.ts';
import { say } from '../context.ts';
import { corpusDir, machine } from './figures.ts';
import { writePressExports } from './press-exports.ts';
import { writeWarc } from './warc-export.ts';

const HELP = `Usage: npm run bench -- ingest [--workers N] [--discard] [--no-actors] [--press N] [--warc N]

Ingests the whole allsides corpus (../shared/corpus, 16,680 JSON files) into a fresh temporary
archive, as \`npm run ingest\` does (read, clean, extract metadata, actors and fingerprints,
store), and prints articles/s, the total time, where the time went and the slowest article.
  --workers N   prepare articles on N worker threads (default 2; 0 = in the main thread)
  --discard     do not store: measure reading and preparation only
  --no-actors   skip actor extraction: measure the rest
  --press N     instead of the corpus, press-database downloads of N invented articles each
                (a Nexis Uni DOCX, a Factiva HTML page, a Factiva XML file), written to the
                temporary folder first: 3 x N articles
  --warc N      instead of the corpus, a web archive (.warc.gz) of the first N corpus articles
                as crawled HTML pages, written to the temporary folder first; the peak memory of
                the run is printed (the file is streamed record by record)`;

/** `npm run bench -- ingest`: end-to-end ingest throughput on the allsides corpus. */
export async function benchIngest(args: string[]): Promise<void> {
  const { values } = parseCommandLine(args, {
    workers: { type: 'string' },
    discard: { type: 'boolean' },
    'no-actors': { type: 'boolean' },
    press: { type: 'string' },
    warc: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    process.stdout.write(`${HELP}\n`);
    return;
  }
  const workers = wholeNumberFlag(values.workers, 'workers', { max: 64, fallback: 2 });
  const press = wholeNumberFlag(values.press, 'press', { min: 1, max: 100_000, fallback: 0 });
  const warc = wholeNumberFlag(values.warc, 'warc', { min: 1, max: 1_000_000, fallback: 0 });
  if (!press && !existsSync(corpusDir)) {
    say(`bench ingest: skipped — the corpus is not at ${corpusDir} (it is not part of a clone).`);
    return;
  }

  const dir = mkdtempSync(join(tmpdir(), 'newsarchive-bench-ingest-'));
  const archive = values.discard ? null : openArchive({ path: join(dir, 'archive.db') });
  let storeMs = 0;
  let stored = 0;
  try {
    const web = warc ? writeWarc(dir, corpusDir, warc) : null;
    const inputs = press ? writePressExports(dir, press) : web ? [web.path] : [corpusDir];
    say(
      `bench ingest: ${press ? `${inputs.length} press downloads of ${fmt(press)} articles each` : web ? `a web archive of ${fmt(web.pages)} pages (${fmt(Math.round(statSync(web.path).size / 2 ** 20))} MiB gzipped)` : corpusDir} -> ${archive ? archive.path : '(discarded)'}, ${workers} worker(s)`,
    );
    let peakRss = process.memoryUsage().rss;
    const sampler = setInterval(() => {
      peakRss = Math.max(peakRss, process.memoryUsage().rss);
    }, 100);
    // Other work on the machine changes the figure a lot on 2 cores: the load is printed with it.
    const loadStart = loadavg()[0]!;
    const cpuStart = process.cpuUsage();
    const started = performance.now();
    const summary = await runIngest({
      inputs,
      // A download of thousands of articles is one file, larger than the per-file default.
      ...(press ? { maxBytes: 512 * 1024 * 1024 } : {}),
      workers,
      actors: !values['no-actors'],
      actorDictionary: archive ? archive.actors.dictionary() : [],
      sink: {
        upsertArticles(batch: ExtractedArticle[]) {
          const t = performance.now();
          const out = archive
            ? archive.upsertArticles(batch)
            : batch.map((a) => ({ id: a.id, outcome: 'new' as const }));
          storeMs += performance.now() - t;
          stored += batch.length;
          return out;
        },
      },
      onProgress: process.stderr.isTTY
        ? (p) =>
            process.stderr.write(
              `\r\x1b[2K${fmt(p.done)} articles, ${fmt(Math.round(p.ratePerSec))}/s`,
            )
        : undefined,
    });
    // Closing checkpoints what is left in the WAL (up to 64 MB): part of storing, so timed.
    const closing = performance.now();
    archive?.close();
    storeMs += performance.now() - closing;
    const totalMs = performance.now() - started;
    clearInterval(sampler);
    const cpu = process.cpuUsage(cpuStart);
    if (process.stderr.isTTY) process.stderr.write('\r\x1b[2K');
    const articles = summary.new + summary.updated + summary.unchanged + summary.failed;
    const lines = [
      `ingest benchmark — ${new Date().toISOString().slice(0, 10)}, ${machine()}`,
      `  articles:        ${fmt(articles)} (${fmt(summary.new)} new, ${fmt(summary.unchanged)} unchanged, ${fmt(summary.failed)} failed, ${fmt(summary.skipped)} skipped)`,
      `  total time:      ${formatDuration(totalMs)} (${(totalMs / 1000).toFixed(1)} s)`,
      `  throughput:      ${fmt(Math.round((articles / totalMs) * 1000))} articles/s end to end`,
      `  storing:         ${(storeMs / 1000).toFixed(1)} s for ${fmt(stored)} articles${archive ? '' : ' (discarded)'}`,
      `  CPU (all threads): ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s`,
      `  peak memory:     ${fmt(Math.round(peakRss / 2 ** 20))} MiB resident (main thread and workers)`,
      `  load average:    ${loadStart.toFixed(2)} at the start, ${loadavg()[0]!.toFixed(2)} at the end (1 min)`,
      `  slowest article: ${summary.slowest ? `${summary.slowest.source} (${summary.slowest.ms.toFixed(0)} ms to prepare)` : 'none'}`,
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
    if (summary.errors.length)
      say(`  first error: ${summary.errors[0]!.source}: ${summary.errors[0]!.reason}`);
  } finally {
    archive?.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
