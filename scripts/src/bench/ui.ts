import { existsSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { startServer } from '@newsarchive/api';
import { fmt, formatDuration, parseCommandLine } from '../cli.ts';
import { say } from '../context.ts';
import { ensureWebBuilt } from '../web-build.ts';
import { cacheDir, openBenchArchive } from './articles.ts';
import { corpusDocuments } from './corpus.ts';
import { corpusDir, machine, percentile } from './figures.ts';

const HELP = `Usage: npm run bench -- ui [--delay MS]

The reader's view of speed, in Debian's Chromium against the real server (embedded engine) on
127.0.0.1, over the allsides corpus (../shared/corpus, every article once, 1 in 100 hidden):
  - keystroke to results painted: ten searches typed a letter at a time; for every keystroke
    whose results showed, the time from its input event to the frame after they are in the page
  - the JavaScript a first visit downloads, compressed on the wire and unpacked
Targets (issue 16): keystroke p95 <= 100 ms at 16k articles; initial JS <= 150 KiB sent.
The archive is cached beside the articles benchmark's (under the system temp folder).
  --delay MS   pause between keystrokes (default 130, a quick typist)`;

const CHROMIUM = '/usr/bin/chromium';
const WEB_DIST = resolve(import.meta.dirname, '..', '..', '..', 'apps', 'web', 'dist');

/** Searches a reader of this corpus types: one word, two words, a name, a phrase. */
const TYPED = [
  'immigration',
  'climate change',
  'supreme court',
  'health care',
  'tariffs',
  'border wall',
  'mueller',
  'gun control',
  'shutdown',
  'north korea',
];

/** `npm run bench -- ui`: keystroke-to-results and initial JavaScript in a real browser. */
export async function benchUi(args: string[]): Promise<void> {
  const { values } = parseCommandLine(
    args,
    { delay: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    false,
  );
  if (values.help) {
    process.stdout.write(`${HELP}\n`);
    return;
  }
  const delayMs = Number(values.delay ?? 130);
  if (!Number.isFinite(delayMs) || delayMs < 0) throw new Error('--delay must be milliseconds');
  if (!existsSync(corpusDir)) return say(`bench ui: skipped: the corpus is not at ${corpusDir}`);
  if (!existsSync(CHROMIUM)) {
    return say(`bench ui: skipped: ${CHROMIUM} is absent (apt-get install -y chromium)`);
  }
  if (!ensureWebBuilt(WEB_DIST, say)) throw new Error('the web UI did not build');
  const { chromium } = await import('playwright-core');
  const { initialScriptBytes, typingLatency } = await import('@newsarchive/web/e2e/typing');

  const corpus = corpusDocuments();
  const n = corpus.length;
  say(`bench ui: ${fmt(n)} articles; ${machine()}`);
  const archive = openBenchArchive(corpus, n, false);
  const server = await startServer({
    archivePath: join(cacheDir, `archive-${n}.db`),
    archive,
    engine: 'embedded',
    meiliIndex: 'articles',
    host: '127.0.0.1',
    port: 0,
    logLevel: 'silent',
    api: { webDist: WEB_DIST, rateLimitPerMinute: 0 },
  });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
  });
  try {
    // The server's indexer drains the outbox in the background; the first run indexes the
    // whole corpus (the archive keeps the index, so later runs start at once).
    const t = performance.now();
    for (
      let pending = archive.pendingIndexOps();
      pending > 0;
      pending = archive.pendingIndexOps()
    ) {
      process.stderr.write(`\rbench ui: indexing, ${fmt(pending)} articles to go   `);
      await new Promise((r) => setTimeout(r, 1000));
    }
    say(`\rbench ui: index ready after ${formatDuration(performance.now() - t)}`);
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    await page.goto(`${server.url}/`);
    await page.locator('#results[aria-busy="false"]').waitFor();
    const js = await initialScriptBytes(page);
    // One untimed pass warms the engine's caches and the page, as a reader's second search is.
    await typingLatency(page, TYPED.slice(0, 2), { delayMs });
    await page.reload();
    await page.locator('#results[aria-busy="false"]').waitFor();
    const load = loadavg()[0]!;
    await page.evaluate(() => performance.clearResourceTimings());
    const latency = await typingLatency(page, TYPED, { delayMs });
    // Where the time goes: the search requests as the browser saw them (network, server and
    // decompression), the rest being React's render and the browser's layout and paint.
    const requests = (
      await page.evaluate(() =>
        (performance.getEntriesByType('resource') as PerformanceResourceTiming[])
          .filter((e) => e.name.includes('/api/search?'))
          .map((e) => e.responseEnd - e.startTime),
      )
    ).sort((a, b) => a - b);
    const f = (p: number) => percentile(latency, p).toFixed(1);
    say(`\nKeystroke to results painted at ${fmt(n)} articles, ${delayMs} ms between keys:`);
    say('| keystrokes timed | p50 ms | p95 ms | max ms | target p95 |');
    say('| ---: | ---: | ---: | ---: | ---: |');
    say(`| ${latency.length} | ${f(50)} | ${f(95)} | ${latency.at(-1)!.toFixed(1)} | <= 100 ms |`);
    say(
      `Of which the search request (as the browser timed it, ${requests.length} requests): p50 ${percentile(requests, 50).toFixed(1)} ms, p95 ${percentile(requests, 95).toFixed(1)} ms`,
    );
    say(
      `Initial JavaScript: ${(js.encoded / 1024).toFixed(1)} KiB sent, ${(js.decoded / 1024).toFixed(1)} KiB unpacked (target <= 150 KiB sent)`,
    );
    say(`${machine()}; load ${load.toFixed(2)}; ${new Date().toISOString()}`);
  } finally {
    await browser.close();
    await server.close();
  }
}
