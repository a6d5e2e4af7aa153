import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openArchive } from '@newsarchive/archive';
import { createEngine } from '@newsarchive/search';
import { checkConsistency, type Consistency } from './support/consistency.ts';
import { ndjson, prng } from './support/generate.ts';
import { progress, report, sized } from './support/mode.ts';
import { commandEnv, runCommand, startCommand, finished } from './support/processes.ts';

// Crash during ingest: the real command, SIGKILLed at a random moment, then run again to its end.
const RUNS = sized(8, 100);
const ARTICLES = 600; // three ingest batches of 200 + the outbox drain: kills land in each phase

let dir: string;
let sample: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'faults-crash-'));
  sample = join(dir, 'sample.ndjson');
  writeFileSync(sample, ndjson(ARTICLES, 7));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function inspect(db: string): Promise<Consistency> {
  const archive = openArchive({ path: db });
  try {
    const engine = await createEngine({
      engine: 'embedded',
      meiliIndex: 'articles',
      db: archive.db,
    });
    try {
      return await checkConsistency(archive, engine);
    } finally {
      await engine.close();
    }
  } finally {
    archive.close();
  }
}

it(`survives ${RUNS} SIGKILLs during ingest with nothing lost or doubled`, async () => {
  // A clean run gives the expected ids and how long a whole ingest takes on this machine.
  const refDb = join(dir, 'reference.db');
  const ref = await runCommand('ingest', ['--json', sample], commandEnv(refDb));
  expect(ref.code, ref.stderr).toBe(0);
  const reference = await inspect(refDb);
  expect(reference.archiveArticles).toBe(ARTICLES);
  progress(`crash: reference ingest of ${ARTICLES} articles took ${Math.round(ref.ms)} ms`);

  const rand = prng(20261123);
  const failures: string[] = [];
  let killed = 0;
  let finishedFirst = 0;
  let lost = 0;
  let duplicates = 0;
  const rerunMs: number[] = [];
  for (let run = 1; run <= RUNS; run++) {
    const db = join(dir, `run-${run}.db`);
    const env = commandEnv(db);
    const child = startCommand('ingest', ['--json', sample], env);
    const done = finished(child);
    // The machine is shared, so a whole ingest's length drifts: aim at the latest full run's.
    const window = rerunMs.at(-1) ?? ref.ms;
    const delay = Math.round(rand() * window * 1.1);
    const timer = setTimeout(() => child.kill('SIGKILL'), delay);
    const first = await done;
    clearTimeout(timer);
    if (first.signal === 'SIGKILL') killed++;
    else finishedFirst++;

    const second = await runCommand('ingest', ['--json', sample], env);
    rerunMs.push(second.ms);
    const c = await inspect(db);
    const runLost = Math.max(0, ARTICLES - c.archiveArticles);
    lost += runLost;
    duplicates += Math.max(0, c.archiveArticles - c.distinctUrls);
    const ok =
      second.code === 0 &&
      c.archiveArticles === ARTICLES &&
      c.distinctUrls === ARTICLES &&
      c.integrity === 'ok' &&
      c.engineDocuments === ARTICLES &&
      c.engineVisibleIds === ARTICLES &&
      c.missingFromEngine === 0 &&
      c.extraInEngine === 0 &&
      c.outbox === 0;
    if (!ok)
      failures.push(
        `run ${run} (kill at ${delay} ms, ${first.signal ?? `exit ${first.code}`}): ${JSON.stringify(c)} rerun exit ${second.code} ${second.stderr.slice(0, 300)}`,
      );
    progress(
      `crash run ${run}/${RUNS}: kill at ${delay} ms -> ${first.signal ?? `finished (exit ${first.code})`}; after rerun ${c.archiveArticles} articles, engine ${c.engineDocuments}, outbox ${c.outbox}, integrity ${c.integrity}${ok ? '' : '  <-- FAIL'}`,
    );
    rmSync(db, { force: true });
    rmSync(`${db}-wal`, { force: true });
    rmSync(`${db}-shm`, { force: true });
  }

  report({
    test: '1. Crash during ingest',
    done: `real ingest command on ${ARTICLES} generated NDJSON articles (embedded engine), SIGKILL at a random moment within 1.1x the length of the latest complete run, then rerun to completion; checked archive count, distinct URLs, PRAGMA integrity_check, engine stats and ids vs archive, outbox`,
    times: `${RUNS} runs (${killed} killed mid-run, ${finishedFirst} finished before the kill)`,
    lost: `${lost} articles lost, ${duplicates} duplicates, ${failures.length} inconsistent runs`,
    result: failures.length === 0 ? 'pass' : 'FAIL',
    details: {
      referenceMs: Math.round(ref.ms),
      medianRerunMs: Math.round(
        [...rerunMs].sort((a, b) => a - b)[Math.floor(rerunMs.length / 2)] ?? 0,
      ),
      failures: failures.slice(0, 5),
    },
  });
  expect(failures).toEqual([]);
});
