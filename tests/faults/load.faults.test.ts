import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { OUTLETS, ndjson, prng } from './support/generate.ts';
import { progress, report, ROOT, sized } from './support/mode.ts';
import {
  commandEnv,
  finished,
  percentile,
  rssMb,
  runCommand,
  startCommand,
} from './support/processes.ts';

// Load: 32 concurrent clients searching with facets against a real server process on loopback,
// while a second process ingests into the same archive.
const CLIENTS = 32;
const DURATION_MS = sized(30_000, 5 * 60_000);
const SEED = sized(1000, 2000);
const INGEST_BATCH = 200;
const RSS_EVERY_MS = sized(1000, 5000);
/** 30 s is too short for the heap to settle, so the short run only catches a runaway. */
const MAX_GROWTH_PCT = sized(50, 20);

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'faults-load-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const WORDS = [
  'council',
  'harbour',
  'minister',
  'budget',
  'court',
  'police',
  'talks',
  'ceasefire',
  'election',
  'river',
  'school',
  'hospital',
  'kalo',
  'renvor',
  'shiden',
  'garun',
  'the council',
  'harbour workers',
  'electoin',
  'hopsital',
  'ceasfire',
];
const slug = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, '-');

function searchUrl(base: string, rand: () => number): string {
  const p = new URLSearchParams();
  const r = rand();
  if (r < 0.85) p.set('q', WORDS[Math.floor(rand() * WORDS.length)]!);
  if (rand() < 0.3) p.append('outlet', slug(OUTLETS[Math.floor(rand() * OUTLETS.length)]!));
  if (rand() < 0.1) p.append('excludeOutlet', slug(OUTLETS[Math.floor(rand() * OUTLETS.length)]!));
  if (rand() < 0.25) {
    p.set('from', '2024-03-01');
    p.set('to', '2024-08-31');
  }
  if (rand() < 0.3) p.set('sort', rand() < 0.5 ? 'newest' : 'oldest');
  if (rand() < 0.15) p.set('group', 'story');
  if (rand() < 0.2) p.set('page', String(1 + Math.floor(rand() * 5)));
  if (rand() < 0.1)
    return `${base}/api/facets/${rand() < 0.5 ? 'outlet' : 'actor'}?facetQuery=${'hvnmcdpt'[Math.floor(rand() * 8)]}&${p}`;
  return `${base}/api/search?${p}`;
}

it(`serves ${CLIENTS} concurrent searching clients for ${DURATION_MS / 1000} s while another process ingests`, async () => {
  const db = join(dir, 'archive.db');
  writeFileSync(join(dir, 'seed.ndjson'), ndjson(SEED, 31));
  const seeded = await runCommand('ingest', ['--json', join(dir, 'seed.ndjson')], commandEnv(db));
  expect(seeded.code, seeded.stderr).toBe(0);
  progress(`load: seeded ${SEED} articles in ${Math.round(seeded.ms)} ms`);

  const server = spawn(
    process.execPath,
    ['--import', 'tsx', join(ROOT, 'tests', 'faults', 'support', 'serve.ts'), db],
    { cwd: ROOT, env: commandEnv(db), stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let serverErr = '';
  server.stderr.on('data', (d: Buffer) => (serverErr += d.toString()));
  const base = await new Promise<string>((resolve, reject) => {
    let out = '';
    const t = setTimeout(() => reject(new Error(`server did not start: ${serverErr}`)), 60_000);
    server.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /\{"url":"([^"]+)"\}/.exec(out);
      if (m) {
        clearTimeout(t);
        resolve(m[1]!);
      }
    });
    server.once('exit', () => reject(new Error(`server exited: ${serverErr}`)));
  });
  const serverExit = finished(server, DURATION_MS + 180_000);

  const latencies: number[] = [];
  const errors = new Map<string, number>();
  const rss: { s: number; mb: number }[] = [];
  let ingestRuns = 0;
  let ingestFailures = 0;
  let ingested = 0;
  const started = performance.now();
  const until = started + DURATION_MS;

  const sampler = setInterval(() => {
    void rssMb(server.pid!).then(
      (mb) => mb !== null && rss.push({ s: Math.round((performance.now() - started) / 1000), mb }),
    );
  }, RSS_EVERY_MS);

  const ingester = (async () => {
    for (let i = 0; performance.now() < until && i < 1000; i++) {
      const file = join(dir, `batch-${i}.ndjson`);
      writeFileSync(file, ndjson(INGEST_BATCH, 32, i * INGEST_BATCH));
      const r = await finished(startCommand('ingest', ['--json', file], commandEnv(db)), 300_000);
      ingestRuns++;
      if (r.code === 0) ingested += INGEST_BATCH;
      else {
        ingestFailures++;
        progress(`load: ingest run ${i} exit ${r.code}: ${r.stderr.slice(0, 300)}`);
      }
    }
  })();

  const client = async (n: number) => {
    const rand = prng(4242 + n);
    while (performance.now() < until) {
      const url = searchUrl(base, rand);
      const t0 = performance.now();
      try {
        const res = await fetch(url, { signal: AbortSignal.timeout(30_000) });
        await res.arrayBuffer();
        latencies.push(performance.now() - t0);
        if (res.status !== 200)
          errors.set(String(res.status), (errors.get(String(res.status)) ?? 0) + 1);
      } catch (err) {
        latencies.push(performance.now() - t0);
        const name = (err as Error).name;
        errors.set(name, (errors.get(name) ?? 0) + 1);
      }
    }
  };
  const ticker = setInterval(
    () =>
      progress(
        `load: ${latencies.length} requests, ${[...errors.values()].reduce((a, b) => a + b, 0)} errors, ${ingested} ingested, rss ${rss.at(-1)?.mb.toFixed(0) ?? '?'} MB`,
      ),
    10_000,
  );
  await Promise.all(Array.from({ length: CLIENTS }, (_, n) => client(n)));
  clearInterval(ticker);
  await ingester;
  clearInterval(sampler);
  const seconds = (performance.now() - started) / 1000;

  server.kill('SIGTERM');
  const exit = await serverExit;

  const sorted = [...latencies].sort((a, b) => a - b);
  const errorCount = [...errors.values()].reduce((a, b) => a + b, 0);
  // Warm-up is the first third; a leak shows as the last third sitting above the middle third.
  const total = DURATION_MS / 1000;
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
  const warm = rss.filter((r) => r.s >= total / 3).map((r) => r.mb);
  const middle = median(
    rss.filter((r) => r.s >= total / 3 && r.s < (2 * total) / 3).map((r) => r.mb),
  );
  const last = median(rss.filter((r) => r.s >= (2 * total) / 3).map((r) => r.mb));
  const warmMin = Math.min(...warm);
  const warmMax = Math.max(...warm);
  const growthPct = ((last - middle) / middle) * 100;
  const curve = rss
    .filter((_, i) => i % Math.max(1, Math.floor(rss.length / 10)) === 0)
    .map((r) => `${r.s}s:${r.mb.toFixed(0)}`)
    .join(' ');
  const figures = {
    requests: latencies.length,
    rps: latencies.length / seconds,
    errorRate: errorCount / Math.max(1, latencies.length),
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    max: sorted.at(-1) ?? NaN,
  };
  progress(`load: rss curve (MB) ${curve}`);
  report({
    test: '3. Load',
    done: `real server process (startServer, embedded engine, 127.0.0.1, port 0) over ${SEED} seeded articles; ${CLIENTS} concurrent clients looping over searches with facets (85% with words incl. typos, outlet/date filters, sorts, story grouping, paging; 10% facet searches) while a second process ran the ingest command in batches of ${INGEST_BATCH}; RSS of the server sampled every ${RSS_EVERY_MS / 1000} s`,
    times: `${(seconds / 60).toFixed(1)} min, ${figures.requests} requests (${figures.rps.toFixed(0)}/s), p50 ${figures.p50.toFixed(0)} ms, p99 ${figures.p99.toFixed(0)} ms, max ${figures.max.toFixed(0)} ms; ${ingestRuns} ingest runs, ${ingested} articles ingested during the load; server RSS after warm-up (first third) ${warmMin.toFixed(0)}–${warmMax.toFixed(0)} MB, median ${middle.toFixed(0)} MB in the middle third vs ${last.toFixed(0)} MB in the last (${growthPct >= 0 ? '+' : ''}${growthPct.toFixed(0)}%); curve ${curve}`,
    lost: `error rate ${(figures.errorRate * 100).toFixed(2)}% (${errorCount} of ${figures.requests}${errors.size ? `: ${JSON.stringify(Object.fromEntries(errors))}` : ''}); ${ingestFailures} failed ingest runs; server shut down with exit ${exit.code}`,
    result:
      errorCount === 0 && ingestFailures === 0 && exit.code === 0 && growthPct < 50
        ? 'pass'
        : 'FAIL',
    details: { serverStderr: exit.stderr.slice(0, 500) },
  });
  expect(errorCount).toBe(0);
  expect(ingestFailures).toBe(0);
  expect(exit.code).toBe(0);
  expect(growthPct).toBeLessThan(MAX_GROWTH_PCT);
});
