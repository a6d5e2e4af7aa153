import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { openArchive } from '@newsarchive/archive';
import { SearchRequest, type ExtractedArticle, type SearchDocument } from '@newsarchive/core';
import { minhashSignature } from '@newsarchive/ingest';
import { createEmbeddedEngine } from '@newsarchive/search/embedded';
import { fmt, formatDuration, parseCommandLine, UsageError } from '../cli.ts';
import { say } from '../context.ts';
import { corpusDocuments } from './corpus.ts';
import { corpusDir, machine, percentile } from './figures.ts';
import { queryMix } from './search.ts';

const HELP = `Usage: npm run bench -- scale [--sizes N,N,...] [--runs R] [--keep]

How the embedded archive grows (issue 18). For each size, builds a fresh archive from the
allsides corpus repeated with variation, so that stories and vocabulary grow as a real archive's
would: each repeat is dated 53 days later per round (wrapping within 2010-2029), every third
repeat carries its outlet's regional edition as outlet, and every article gains a sentence with
a reference of its own (one new word per article, as names and places add words). Prints:
  - storing rate (articles already prepared, as ingest's workers hand them over) and the
    embedded engine's indexing rate, then both together
  - the file's size per article and as a ratio of the raw text (title + body bytes)
  - a real server process (apps/api/src/main.ts): time from start to its first search answer,
    resident memory after the search mix, and the mix's p50 / p95 / p99 over HTTP
Targets (issue 18) at 1,000,000 articles: p50 <= 15 ms, p95 <= 60 ms, archive <= 2.5x raw text,
server memory <= 4 GB, start-up <= 10 s, storing >= 1,000 articles/s.
  --sizes N,...   archive sizes (default 100000,300000,1000000)
  --runs R        times the search mix runs after a warm-up run (default 3)
  --keep          keep the archives (in the system temp folder) instead of deleting them
  --reuse         measure a kept archive of that size again instead of building it (no rates)`;

const ROOT = resolve(import.meta.dirname, '..', '..', '..');
const workDir = join(tmpdir(), 'newsarchive-bench-scale');

function* varied(corpus: SearchDocument[], n: number, size = 1000): Iterable<ExtractedArticle[]> {
  const signatures = new Map<number, number[]>();
  let batch: ExtractedArticle[] = [];
  for (let i = 0; i < n; i++) {
    const k = i % corpus.length;
    const round = Math.floor(i / corpus.length);
    const base = corpus[k]!;
    let sig = signatures.get(k);
    if (!sig) signatures.set(k, (sig = minhashSignature(`${base.title}\n${base.body}`)));
    const id = round === 0 ? base.id : `${base.id}-r${round}`;
    let publishedAt = base.publishedAt;
    if (publishedAt && round > 0) {
      const d = new Date(`${publishedAt}T00:00:00Z`);
      d.setUTCDate(d.getUTCDate() + 53 * round);
      const year = 2010 + ((d.getUTCFullYear() - 2010) % 20);
      publishedAt = `${year}${d.toISOString().slice(4, 10)}`;
    }
    const outlet =
      base.outlet && round % 3 === 2
        ? { id: `${base.outlet.id}-regional`, name: `${base.outlet.name} (regional edition)` }
        : base.outlet;
    batch.push({
      id,
      url: base.url ? `${base.url}${round ? `#r${round}` : ''}` : null,
      title: base.title,
      titleDerived: false,
      body: `${base.body}\n\nArchive reference ${(i * 2654435761) % 4294967296}.`,
      outlet,
      byline: base.byline,
      publishedAt,
      actors: base.actors.map((a) => ({ id: a.id, name: a.name, type: a.type })),
      collections: base.collections,
      source: { format: 'json', origin: `scale/${id}.json`, line: null },
      fingerprint: { contentHash: `scale-${id}`, minhash: sig },
    });
    if (batch.length === size) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length) yield batch;
}

interface Row {
  n: number;
  storeRate: number;
  indexRate: number;
  bytesPerArticle: number;
  ratio: number;
  startupMs: number;
  rssMb: number;
  p50: number;
  p95: number;
  p99: number;
}

async function measureServer(
  path: string,
  mix: SearchRequest[],
  runs: number,
): Promise<Pick<Row, 'startupMs' | 'rssMb' | 'p50' | 'p95' | 'p99'>> {
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'apps/api/src/main.ts')], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      PATH: process.env.PATH ?? '',
      ARCHIVE_DB: path,
      SEARCH_ENGINE: 'embedded',
      HOST: '127.0.0.1',
      PORT: '0',
      LOG_LEVEL: 'info', // the "listening" line names the port
      RATE_LIMIT_PER_MINUTE: '0',
    },
  });
  let out = '';
  let err = '';
  const onOut = (d: Buffer) => (out += d.toString());
  child.stdout.on('data', onOut);
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  try {
    let url: string | undefined;
    while (!url) {
      if (child.exitCode !== null) throw new Error(`the server exited: ${err.slice(-2000)}`);
      if (performance.now() - started > 300_000) throw new Error('the server did not start');
      await new Promise((r) => setTimeout(r, 20));
      url = /"url":"(http:\/\/127\.0\.0\.1:\d+)"/.exec(out)?.[1];
    }
    // Request log lines from here on are drained, not kept.
    child.stdout.off('data', onOut);
    child.stdout.resume();
    const query = (r: SearchRequest) => {
      const p = new URLSearchParams();
      for (const [k, v] of Object.entries(r)) {
        if (v === undefined || v === null || k === 'includeHidden') continue;
        for (const x of Array.isArray(v) ? v : [v]) p.append(k, String(x));
      }
      return `${url}/api/search?${p}`;
    };
    // Start-up to first answer: the first search that comes back whole.
    for (;;) {
      const res = await fetch(query(mix[0]!)).catch(() => null);
      if (res?.ok) {
        await res.arrayBuffer();
        break;
      }
      await new Promise((r) => setTimeout(r, 20));
    }
    const startupMs = performance.now() - started;
    const latencies: number[] = [];
    for (let run = 0; run <= runs; run++) {
      for (const r of mix) {
        const t = performance.now();
        const res = await fetch(query(r));
        await res.arrayBuffer();
        if (!res.ok) throw new Error(`search answered ${res.status}`);
        if (run > 0) latencies.push(performance.now() - t);
      }
    }
    latencies.sort((a, b) => a - b);
    const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
    const rssKb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
    return {
      startupMs,
      rssMb: rssKb / 1024,
      p50: percentile(latencies, 50),
      p95: percentile(latencies, 95),
      p99: percentile(latencies, 99),
    };
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
  }
}

/** `npm run bench -- scale`: ingest, size, start-up, memory and latency as the archive grows. */
export async function benchScale(args: string[]): Promise<void> {
  const { values } = parseCommandLine(
    args,
    {
      sizes: { type: 'string' },
      runs: { type: 'string' },
      keep: { type: 'boolean' },
      reuse: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    false,
  );
  if (values.help) {
    process.stdout.write(`${HELP}\n`);
    return;
  }
  const sizes = (values.sizes ?? '100000,300000,1000000').split(',').map((s) => Number(s.trim()));
  if (sizes.some((n) => !Number.isInteger(n) || n < 1000))
    throw new UsageError('--sizes must be whole numbers of at least 1000, comma-separated');
  const runs = Number(values.runs ?? 3);
  if (!Number.isInteger(runs) || runs < 1) throw new UsageError('--runs must be at least 1');
  if (!existsSync(corpusDir)) return say(`bench scale: skipped: the corpus is not at ${corpusDir}`);
  const corpus = corpusDocuments();
  const outlets = [...new Set(corpus.map((d) => d.outlet?.id).filter(Boolean))] as string[];
  const actors = corpus.flatMap((d) => d.actors.map((a) => a.id));
  const years = [
    ...new Set(corpus.map((d) => d.publishedAt?.slice(0, 4)).filter(Boolean)),
  ].sort() as string[];
  const mix = queryMix(outlets, actors, years).map((r) => SearchRequest.parse(r));
  say(
    `bench scale: ${fmt(corpus.length)} corpus articles; sizes ${sizes.map(fmt).join(', ')}; ${machine()}`,
  );
  mkdirSync(workDir, { recursive: true });
  const rows: Row[] = [];
  for (const n of sizes) {
    const path = join(workDir, `archive-${n}.db`);
    if (values.reuse && existsSync(path)) {
      const kept = openArchive({ path });
      const count = kept.countArticles({ includeHidden: true });
      const rawBytes = kept.db
        .prepare(
          'SELECT sum(length(CAST(title AS BLOB)) + length(CAST(body AS BLOB))) FROM articles',
        )
        .pluck()
        .get() as number;
      kept.close();
      if (count === n) {
        say(`bench scale: ${fmt(n)}: measuring the kept archive again`);
        const size = statSync(path).size;
        const server = await measureServer(path, mix, runs);
        rows.push({
          n,
          storeRate: NaN,
          indexRate: NaN,
          bytesPerArticle: size / n,
          ratio: size / rawBytes,
          ...server,
        });
        continue;
      }
    }
    for (const s of ['', '-wal', '-shm']) rmSync(`${path}${s}`, { force: true });
    const archive = openArchive({ path });
    let rawBytes = 0;
    const t0 = performance.now();
    let done = 0;
    for (const batch of varied(corpus, n)) {
      for (const a of batch) rawBytes += Buffer.byteLength(a.title) + Buffer.byteLength(a.body);
      archive.upsertArticles(batch);
      done += batch.length;
      if (done % 20_000 === 0)
        process.stderr.write(`\rbench scale: ${fmt(n)}: stored ${fmt(done)}`);
    }
    const storeMs = performance.now() - t0;
    const engine = createEmbeddedEngine({ db: archive.db });
    const t1 = performance.now();
    await archive.drainOutbox(engine);
    const indexMs = performance.now() - t1;
    await engine.close();
    archive.db.pragma('wal_checkpoint(TRUNCATE)');
    archive.close();
    const size = statSync(path).size;
    process.stderr.write(
      `\rbench scale: ${fmt(n)}: stored in ${formatDuration(storeMs)}, indexed in ${formatDuration(indexMs)}, ${fmt(Math.round(size / 2 ** 20))} MiB\n`,
    );
    const server = await measureServer(path, mix, runs);
    rows.push({
      n,
      storeRate: n / (storeMs / 1000),
      indexRate: n / (indexMs / 1000),
      bytesPerArticle: size / n,
      ratio: size / rawBytes,
      ...server,
    });
    if (!values.keep) for (const s of ['', '-wal', '-shm']) rmSync(`${path}${s}`, { force: true });
  }
  say(
    '\n| articles | storing /s | indexing /s | both /s | KB per article | × raw text | start-up to first answer | server RSS | p50 ms | p95 ms | p99 ms |',
  );
  say('| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  const rate = (x: number) => (Number.isFinite(x) ? fmt(Math.round(x)) : '—');
  for (const r of rows) {
    const both = 1 / (1 / r.storeRate + 1 / r.indexRate);
    say(
      `| ${fmt(r.n)} | ${rate(r.storeRate)} | ${rate(r.indexRate)} | ${rate(both)} | ${(r.bytesPerArticle / 1024).toFixed(1)} | ${r.ratio.toFixed(2)} | ${(r.startupMs / 1000).toFixed(1)} s | ${fmt(Math.round(r.rssMb))} MB | ${r.p50.toFixed(1)} | ${r.p95.toFixed(1)} | ${r.p99.toFixed(1)} |`,
    );
  }
  say(
    `${machine()}; load ${loadavg()[0]!.toFixed(2)}; ${new Date().toISOString()}; mix of ${mix.length} searches × ${runs} runs over HTTP, one at a time`,
  );
}
