import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openArchive } from '@newsarchive/archive';
import { IngestSummary } from '@newsarchive/core';
import { createEngine } from '@newsarchive/search';
import { checkConsistency, type Consistency } from './support/consistency.ts';
import { ndjson, prng } from './support/generate.ts';
import { progress, report, sized } from './support/mode.ts';
import { commandEnv, finished, percentile, startCommand } from './support/processes.ts';
import { startServerProcess } from './support/server-process.ts';

// Concurrent writers: two ingest commands and a serving process (with readers searching and
// opening articles) on one archive file. Writers must wait for each other, never fail.
const SEED = 200;
const PER_INGEST = sized(1000, 4000);
/** Articles both commands carry (same URLs): each must be stored once. */
const SHARED = sized(100, 400);
const CLIENTS = 8;

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'faults-concurrent-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it(`two ingest commands of ${PER_INGEST} articles each and a server under reader load share one archive`, async () => {
  const db = join(dir, 'archive.db');
  writeFileSync(join(dir, 'seed.ndjson'), ndjson(SEED, 51));
  // Both files share SHARED articles (seed 53), the rest are their own (seeds 54 and 55).
  const shared = ndjson(SHARED, 53);
  writeFileSync(join(dir, 'a.ndjson'), shared + ndjson(PER_INGEST - SHARED, 54));
  writeFileSync(join(dir, 'b.ndjson'), ndjson(PER_INGEST - SHARED, 55) + shared);
  const expected = SEED + 2 * (PER_INGEST - SHARED) + SHARED;

  const seeded = await finished(
    startCommand('ingest', ['--json', join(dir, 'seed.ndjson')], commandEnv(db)),
  );
  expect(seeded.code, seeded.stderr).toBe(0);
  const server = await startServerProcess(db);
  const base = server.url;

  const seedIds = (
    (await (await fetch(`${base}/api/search?perPage=100`)).json()) as {
      hits: { id: string }[];
    }
  ).hits.map((h) => h.id);
  expect(seedIds.length).toBeGreaterThan(0);

  let stop = false;
  const latencies: number[] = [];
  const errors = new Map<string, number>();
  const client = async (n: number) => {
    const rand = prng(900 + n);
    while (!stop) {
      const r = rand();
      const url =
        r < 0.5
          ? `${base}/api/search?q=${['council', 'harbour', 'budget', 'kalo', 'electoin'][Math.floor(rand() * 5)]}`
          : r < 0.8
            ? `${base}/api/articles/${seedIds[Math.floor(rand() * seedIds.length)]}`
            : r < 0.9
              ? `${base}/api/health`
              : `${base}/api/actors?limit=10`;
      const t0 = performance.now();
      try {
        const res = await fetch(url, { signal: AbortSignal.timeout(60_000) });
        await res.arrayBuffer();
        if (res.status !== 200)
          errors.set(String(res.status), (errors.get(String(res.status)) ?? 0) + 1);
      } catch (err) {
        const name = (err as Error).name;
        errors.set(name, (errors.get(name) ?? 0) + 1);
      }
      latencies.push(performance.now() - t0);
    }
  };
  const clients = Array.from({ length: CLIENTS }, (_, n) => client(n));

  const started = performance.now();
  const runs = await Promise.all(
    ['a', 'b'].map((f) =>
      finished(
        startCommand('ingest', ['--json', join(dir, `${f}.ndjson`)], commandEnv(db)),
        900_000,
      ),
    ),
  );
  const ingestMs = performance.now() - started;
  // Let the server's indexer catch up with what the commands queued, with readers still on.
  await new Promise((r) => setTimeout(r, 2000));
  stop = true;
  await Promise.all(clients);
  const exit = await server.stop();

  const summaries = runs.map((r) => {
    const parsed = IngestSummary.safeParse(
      JSON.parse(r.stdout.trim().split('\n').at(-1) || 'null'),
    );
    return parsed.success ? parsed.data : null;
  });
  let consistency: Consistency;
  const archive = openArchive({ path: db });
  try {
    const engine = await createEngine({
      engine: 'embedded',
      meiliIndex: 'articles',
      db: archive.db,
    });
    try {
      await archive.drainOutbox(engine);
      consistency = await checkConsistency(archive, engine);
    } finally {
      await engine.close();
    }
  } finally {
    archive.close();
  }
  const stored = summaries.reduce((n, s) => n + (s ? s.new : 0), 0);
  const failedArticles = summaries.reduce((n, s) => n + (s ? s.failed : 0), 0);
  const errorCount = [...errors.values()].reduce((a, b) => a + b, 0);
  const sorted = [...latencies].sort((a, b) => a - b);
  const ok =
    runs.every((r) => r.code === 0) &&
    summaries.every((s) => s !== null) &&
    failedArticles === 0 &&
    stored === expected - SEED &&
    consistency.archiveArticles === expected &&
    consistency.distinctUrls === expected &&
    consistency.integrity === 'ok' &&
    consistency.engineDocuments === expected &&
    consistency.missingFromEngine === 0 &&
    consistency.extraInEngine === 0 &&
    errorCount === 0 &&
    exit.code === 0;
  report({
    test: '7. Concurrent writers',
    done: `a server process (embedded engine) over ${SEED} articles with ${CLIENTS} clients searching, opening articles, health and actors, while two ingest commands ran at once on the same archive, ${PER_INGEST} NDJSON articles each (${SHARED} of them in both files); then archive, engine and outbox compared`,
    times: `1 run; both ingests done in ${(ingestMs / 1000).toFixed(1)} s (${runs.map((r) => `exit ${r.code}, ${(r.ms / 1000).toFixed(1)} s`).join('; ')}); ${latencies.length} reader requests meanwhile, p50 ${percentile(sorted, 50).toFixed(0)} ms, p99 ${percentile(sorted, 99).toFixed(0)} ms, max ${(sorted.at(-1) ?? 0).toFixed(0)} ms`,
    lost: `stored ${consistency.archiveArticles} of ${expected} (${consistency.distinctUrls} distinct URLs), ${failedArticles} failed, summaries ${summaries.map((s) => (s ? `${s.new} new/${s.unchanged} unchanged` : 'missing')).join(' + ')}; engine ${consistency.engineDocuments} documents, ${consistency.missingFromEngine} missing, ${consistency.extraInEngine} extra; integrity ${consistency.integrity}; ${errorCount} reader errors${errors.size ? ` ${JSON.stringify(Object.fromEntries(errors))}` : ''}; server exit ${exit.code}`,
    result: ok ? 'pass' : 'FAIL',
    details: ok
      ? undefined
      : { stderr: runs.map((r) => r.stderr.slice(-600)), server: exit.stderr.slice(-600) },
  });
  progress(`concurrent: ${runs.map((r) => r.stderr.slice(-300)).join(' | ')}`);
  for (const r of runs) expect(r.code, r.stderr.slice(-2000)).toBe(0);
  expect(summaries).not.toContain(null);
  expect(failedArticles).toBe(0);
  expect(stored).toBe(expected - SEED);
  expect(consistency).toMatchObject({
    archiveArticles: expected,
    distinctUrls: expected,
    integrity: 'ok',
    engineDocuments: expected,
    missingFromEngine: 0,
    extraInEngine: 0,
  });
  expect(Object.fromEntries(errors)).toEqual({});
  expect(exit.code).toBe(0);
});
