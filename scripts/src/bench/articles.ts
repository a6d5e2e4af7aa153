import { existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApiConfig, createApp } from '@newsarchive/api';
import { openArchive, type Archive } from '@newsarchive/archive';
import type { ExtractedArticle, SearchDocument } from '@newsarchive/core';
import { minhashSignature } from '@newsarchive/ingest';
import { createEmbeddedEngine } from '@newsarchive/search/embedded';
import { fmt, formatDuration, parseCommandLine, wholeNumberFlag } from '../cli.ts';
import { say } from '../context.ts';
import { corpusDocuments } from './corpus.ts';
import { corpusDir, machine, percentile } from './figures.ts';

const HELP = `Usage: npm run bench -- articles [--articles N] [--requests R] [--fresh]

Builds an archive of N articles (the allsides corpus in ../shared/corpus repeated with fresh
ids, stored as ingest stores them: every repeat of an article joins its story, 1 in 100 is
hidden) and prints p50/p95/p99 of GET /api/articles/:id through the app in this process, for a
reader and for a librarian. The archive is cached under the system temp folder; --fresh builds
it again. Target (issue 16, item 7): <= 10 ms at p95 at 100,000 articles.
  --articles N   articles in the archive (default 100000)
  --requests R   measured requests per caller (default 2000; a tenth more, up to 200, warm up)
  --fresh        rebuild the cached archive`;

export const cacheDir = join(tmpdir(), 'newsarchive-bench-articles');

/** The corpus repeated with fresh ids up to `n`; a repeat has its original's signature. */
function* extractedBatches(
  corpus: SearchDocument[],
  signatures: number[][],
  n: number,
  size = 1000,
): Iterable<ExtractedArticle[]> {
  let batch: ExtractedArticle[] = [];
  for (let i = 0; i < n; i++) {
    const base = corpus[i % corpus.length]!;
    const copy = Math.floor(i / corpus.length);
    const id = copy === 0 ? base.id : `${base.id}-r${copy}`;
    batch.push({
      id,
      url: base.url,
      title: base.title,
      titleDerived: false,
      body: base.body,
      outlet: base.outlet,
      byline: base.byline,
      publishedAt: base.publishedAt,
      actors: base.actors.map((a) => ({ id: a.id, name: a.name, type: a.type })),
      collections: base.collections,
      source: { format: 'json', origin: `${corpusDir}/${base.id}.json`, line: null },
      fingerprint: { contentHash: `bench-${id}`, minhash: signatures[i % corpus.length]! },
    });
    if (batch.length === size) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length) yield batch;
}

/**
 * 1 in 100 hidden, written as a librarian's correction is (the row and its override), in one
 * statement each: patchArticle per article would also audit and queue each one.
 */
function hideOneInHundred(archive: Archive): void {
  archive.db
    .prepare(
      "UPDATE articles SET status = 'hidden', hidden_reason = 'bench' WHERE story_ref % 100 = 0",
    )
    .run();
  archive.db
    .prepare(
      `INSERT INTO overrides (article_id, field, value, set_at, set_by)
       SELECT id, 'status', '{"status":"hidden","reason":"bench"}', ?, 'bench'
       FROM articles WHERE story_ref % 100 = 0
       ON CONFLICT (article_id, field) DO NOTHING`,
    )
    .run(new Date().toISOString());
}

export function openBenchArchive(corpus: SearchDocument[], n: number, fresh: boolean): Archive {
  mkdirSync(cacheDir, { recursive: true });
  const path = join(cacheDir, `archive-${n}.db`);
  if (existsSync(path) && !fresh) {
    const archive = openArchive({ path });
    if (archive.countArticles({ includeHidden: true }) === n) {
      // A build cut short after storing: the hidden ones are marked again (idempotent).
      if (archive.countArticles() !== n - Math.floor(n / 100)) hideOneInHundred(archive);
      say(
        `bench articles: reusing ${path} (${fmt(n)} articles, ${fmt(Math.round(statSync(path).size / 2 ** 20))} MiB)`,
      );
      return archive;
    }
    archive.close();
  }
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${path}${suffix}`, { force: true });
  const archive = openArchive({ path });
  const t = performance.now();
  const signatures = corpus.map((d) => minhashSignature(`${d.title}\n${d.body}`));
  let done = 0;
  for (const batch of extractedBatches(corpus, signatures, n)) {
    archive.upsertArticles(batch);
    done += batch.length;
    process.stderr.write(`\rbench articles: stored ${fmt(done)} / ${fmt(n)}`);
  }
  hideOneInHundred(archive);
  // The engine is not under test here: the outbox is not drained.
  archive.db.pragma('wal_checkpoint(TRUNCATE)');
  say(
    `\rbench articles: stored ${fmt(n)} articles in ${formatDuration(performance.now() - t)}, ${fmt(Math.round(statSync(path).size / 2 ** 20))} MiB`,
  );
  return archive;
}

/** `npm run bench -- articles`: latency of the article page at N articles. */
export async function benchArticles(args: string[]): Promise<void> {
  const { values } = parseCommandLine(
    args,
    {
      articles: { type: 'string' },
      requests: { type: 'string' },
      fresh: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    false,
  );
  if (values.help) {
    process.stdout.write(`${HELP}\n`);
    return;
  }
  const n = wholeNumberFlag(values.articles, 'articles', { min: 1, fallback: 100_000 });
  const requests = wholeNumberFlag(values.requests, 'requests', { min: 1, fallback: 2000 });
  if (!existsSync(corpusDir)) {
    say(`bench articles: skipped: the corpus is not at ${corpusDir}`);
    return;
  }
  const corpus = corpusDocuments();
  say(`bench articles: ${fmt(corpus.length)} corpus articles, repeated to ${fmt(n)}; ${machine()}`);
  const archive = openBenchArchive(corpus, n, values.fresh ?? false);
  const engine = createEmbeddedEngine({ db: archive.db });
  try {
    const token = archive.tokens.create('librarian', 'bench articles');
    const app = createApp({ archive, engine, config: createApiConfig({ rateLimitPerMinute: 0 }) });
    // A fixed spread of ids over the whole archive (hidden ones included: a reader gets 404).
    const ids = archive.db.prepare('SELECT id FROM articles ORDER BY story_ref').pluck().all();
    const warmup = Math.min(200, Math.ceil(requests / 10));
    const sample = Array.from(
      { length: requests + warmup },
      (_, i) => ids[(i * 7919) % ids.length] as string,
    );
    const callers: [string, Record<string, string>][] = [
      ['reader', {}],
      ['librarian', { authorization: `Bearer ${token.token}` }],
    ];
    const load = loadavg()[0]!;
    const rows: string[] = [];
    for (const [label, headers] of callers) {
      const latencies: number[] = [];
      let bytes = 0;
      let found = 0;
      for (const [i, id] of sample.entries()) {
        const t = performance.now();
        const res = await app.request(`/api/articles/${encodeURIComponent(id)}`, { headers });
        const body = await res.arrayBuffer();
        const ms = performance.now() - t;
        if (i < warmup) continue;
        latencies.push(ms);
        if (res.status === 200) {
          found++;
          bytes += body.byteLength;
        } else if (res.status !== 404) throw new Error(`GET ${id}: ${res.status}`);
      }
      latencies.sort((a, b) => a - b);
      const f = (p: number) => percentile(latencies, p).toFixed(2);
      rows.push(
        `| ${label} | ${fmt(latencies.length)} | ${fmt(found)} | ${fmt(Math.round(bytes / Math.max(1, found)))} | ${f(50)} | ${f(95)} | ${f(99)} |`,
      );
    }
    archive.tokens.revoke(token.id);
    say(`\nGET /api/articles/:id at ${fmt(n)} articles, in process (app.request), sequential:`);
    say('| caller | requests | 200s | bytes/200 | p50 ms | p95 ms | p99 ms |');
    say('| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
    for (const r of rows) say(r);
    say(`${machine()}; load ${load.toFixed(2)}; ${new Date().toISOString()}`);
  } finally {
    await engine.close();
    archive.close();
  }
}
