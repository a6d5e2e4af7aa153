import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, type ServerHandle } from '@newsarchive/api';
import { createEngine, EngineUnavailableError, type SearchEngine } from '@newsarchive/search';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkConsistency } from './support/consistency.ts';
import { ndjson } from './support/generate.ts';
import {
  createThrowawayMeili,
  freePort,
  meiliMissing,
  type ThrowawayMeili,
} from './support/meili.ts';
import { progress, report } from './support/mode.ts';
import { commandEnv, runCommand } from './support/processes.ts';

// Engine outage: ingest keeps storing, search answers 503 engine_unavailable quickly, and the
// outbox drains by itself once the engine is back.

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'faults-outage-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The real embedded engine behind a switch: while off, every call fails as an unreachable engine's would. */
function switchable(real: SearchEngine): SearchEngine & { down: boolean } {
  const state = { down: false };
  const gate = <T>(work: () => Promise<T>): Promise<T> =>
    state.down
      ? Promise.reject(
          new EngineUnavailableError('the search engine is switched off by the fault test'),
        )
      : work();
  const w: SearchEngine & { down: boolean } = {
    get down() {
      return state.down;
    },
    set down(v: boolean) {
      state.down = v;
    },
    name: real.name,
    capabilities: real.capabilities,
    search: (r) => gate(() => real.search(r)),
    searchFacet: (r) => gate(() => real.searchFacet(r)),
    stats: () => gate(() => real.stats()),
    index: (d) => gate(() => real.index(d)),
    remove: (ids) => gate(() => real.remove(ids)),
    rebuild: (b, p) => gate(() => real.rebuild(b, p)),
    healthy: async () => !state.down && (await real.healthy()),
    close: () => real.close(),
  };
  return w;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- assertions over loosely known JSON
async function get(url: string): Promise<{ status: number; body: any; ms: number }> {
  const t0 = performance.now();
  const res = await fetch(url, { signal: AbortSignal.timeout(10_000) });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // kept as text
  }
  return { status: res.status, body, ms: performance.now() - t0 };
}

async function post(handle: ServerHandle, token: string, lines: string) {
  const res = await fetch(`${handle.url}/api/ingest`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/x-ndjson' },
    body: lines,
  });
  return {
    status: res.status,
    body: (await res.json()) as { summary: { new: number }; results: { ok: boolean }[] },
  };
}

/** Ten searches and facet searches while the engine is out: all 503 engine_unavailable, and how fast. */
async function probeOutage(handle: ServerHandle) {
  const latencies: number[] = [];
  let wrong = 0;
  for (let i = 0; i < 10; i++) {
    const r = await get(
      i % 2
        ? `${handle.url}/api/facets/outlet?q=harbour`
        : `${handle.url}/api/search?q=council&perPage=5`,
    );
    latencies.push(r.ms);
    if (r.status !== 503 || r.body?.error?.code !== 'engine_unavailable') wrong++;
  }
  return { wrong, maxMs: Math.max(...latencies) };
}

/** Polls until search sees every visible article and the outbox is empty; how long that took. */
async function waitForRecovery(handle: ServerHandle, timeoutMs: number) {
  const t0 = performance.now();
  const expected = handle.archive.countArticles();
  while (performance.now() - t0 < timeoutMs) {
    const r = await get(`${handle.url}/api/search?perPage=1`).catch(() => null);
    if (
      r?.status === 200 &&
      r.body.totalHits === expected &&
      handle.archive.pendingIndexOps() === 0
    )
      return performance.now() - t0;
    await new Promise((res) => setTimeout(res, 250));
  }
  return null;
}

const rows: {
  engine: string;
  stored: number;
  wrong503: number;
  max503Ms: number;
  pausedMs?: number;
  recoveryMs: number | null;
  consistent: boolean;
  detail: string;
}[] = [];

afterAll(() => {
  const failed = rows.filter(
    (r) =>
      r.wrong503 > 0 ||
      r.max503Ms > 2000 ||
      r.recoveryMs === null ||
      !r.consistent ||
      (r.pausedMs ?? 0) > 2000,
  );
  report({
    test: '2. Engine outage',
    done: 'server on 127.0.0.1 with the engine out (embedded switched off; throwaway Meilisearch 1.50 SIGKILLed, then SIGSTOPped): ingest over HTTP and by the command (pointed at the dead engine) during the outage, 10 searches/facet searches probed, engine brought back, no manual step',
    times: rows
      .map(
        (r) =>
          `${r.engine}: ${r.stored} articles stored during the outage, 503s in ≤ ${Math.round(r.max503Ms)} ms${r.pausedMs !== undefined ? ` (frozen engine: ${Math.round(r.pausedMs)} ms)` : ''}, consistent again ${r.recoveryMs === null ? 'NEVER' : `${(r.recoveryMs / 1000).toFixed(1)} s`} after it returned`,
      )
      .join('; '),
    lost: rows
      .map((r) => `${r.engine}: ${r.wrong503} probes not 503 engine_unavailable; ${r.detail}`)
      .join('; '),
    result: failed.length === 0 && rows.length > 0 ? 'pass' : 'FAIL',
  });
});

describe('engine outage', () => {
  it('embedded engine switched off: stores, answers 503 fast, catches up by itself', async () => {
    const db = join(dir, 'embedded.db');
    const { openArchive } = await import('@newsarchive/archive');
    const archive = openArchive({ path: db });
    const token = archive.tokens.create('ingest', 'outage').token;
    const engine = switchable(
      await createEngine({ engine: 'embedded', meiliIndex: 'articles', db: archive.db }),
    );
    const handle = await startServer({
      archivePath: db,
      archive,
      searchEngine: engine,
      engine: 'embedded',
      meiliIndex: 'articles',
      host: '127.0.0.1',
      port: 0,
      logLevel: 'silent',
      api: { rateLimitPerMinute: 0 },
      indexIntervalMs: 200,
    });
    try {
      expect((await post(handle, token, ndjson(50, 21))).status).toBe(200);
      expect((await get(`${handle.url}/api/search?perPage=1`)).body.totalHits).toBe(50);

      engine.down = true;
      const during = await post(handle, token, ndjson(50, 21, 50));
      expect(during.status).toBe(200);
      const deadPort = await freePort();
      const cli = await runCommand(
        'ingest',
        ['--json', writeSample('cli-embedded.ndjson', ndjson(30, 21, 100))],
        commandEnv(db, { SEARCH_ENGINE: 'meilisearch', MEILI_URL: `http://127.0.0.1:${deadPort}` }),
      );
      const stored = archive.countArticles() - 50;
      const pending = archive.pendingIndexOps();
      const probe = await probeOutage(handle);
      progress(
        `outage embedded: stored ${stored} during outage (cli exit ${cli.code}), outbox ${pending}, 503 probes wrong ${probe.wrong}, max ${Math.round(probe.maxMs)} ms`,
      );

      engine.down = false;
      const recoveryMs = await waitForRecovery(handle, 60_000);
      const c = await checkConsistency(archive, engine);
      const consistent =
        c.archiveArticles === 130 &&
        c.engineDocuments === 130 &&
        c.missingFromEngine === 0 &&
        c.extraInEngine === 0 &&
        c.outbox === 0 &&
        c.integrity === 'ok';
      rows.push({
        engine: 'embedded',
        stored,
        wrong503: probe.wrong,
        max503Ms: probe.maxMs,
        recoveryMs,
        consistent,
        detail: `${130 - c.archiveArticles} articles lost, engine ${c.engineDocuments}/${c.archiveArticles} documents, outbox ${c.outbox} after recovery`,
      });
      expect(cli.code, cli.stderr).toBe(0);
      expect(stored).toBe(80);
      expect(pending).toBeGreaterThan(0);
      expect(probe.wrong).toBe(0);
      expect(probe.maxMs).toBeLessThan(2000);
      expect(recoveryMs).not.toBeNull();
      expect(c).toMatchObject({
        archiveArticles: 130,
        engineDocuments: 130,
        missingFromEngine: 0,
        extraInEngine: 0,
        outbox: 0,
        integrity: 'ok',
      });
    } finally {
      await handle.close();
    }
  });

  const noMeili = meiliMissing();
  if (noMeili) progress(`real Meilisearch outage test skipped: ${noMeili}`);
  it.skipIf(noMeili !== null)(
    `real Meilisearch killed and frozen: stores, answers 503 fast, catches up by itself${noMeili ? ` — skipped: ${noMeili}` : ''}`,
    async () => {
      const meili: ThrowawayMeili = await createThrowawayMeili();
      await meili.start();
      const db = join(dir, 'meili.db');
      const { openArchive } = await import('@newsarchive/archive');
      const archive = openArchive({ path: db });
      const token = archive.tokens.create('ingest', 'outage').token;
      const handle = await startServer({
        archivePath: db,
        archive,
        engine: 'meilisearch',
        meiliUrl: meili.url,
        meiliMasterKey: meili.masterKey,
        meiliIndex: 'faults',
        host: '127.0.0.1',
        port: 0,
        logLevel: 'silent',
        api: { rateLimitPerMinute: 0 },
        indexIntervalMs: 200,
      });
      try {
        expect((await post(handle, token, ndjson(50, 22))).status).toBe(200);
        expect(await waitForRecovery(handle, 60_000)).not.toBeNull();

        await meili.kill('SIGKILL');
        const during = await post(handle, token, ndjson(50, 22, 50));
        expect(during.status).toBe(200);
        const cli = await runCommand(
          'ingest',
          ['--json', writeSample('cli-meili.ndjson', ndjson(30, 22, 100))],
          commandEnv(db, {
            SEARCH_ENGINE: 'meilisearch',
            MEILI_URL: meili.url,
            MEILI_MASTER_KEY: meili.masterKey,
            MEILI_INDEX: 'faults',
          }),
        );
        const stored = archive.countArticles() - 50;
        const pending = archive.pendingIndexOps();
        const probe = await probeOutage(handle);
        progress(
          `outage meilisearch (killed): stored ${stored} (cli exit ${cli.code}), outbox ${pending}, 503 probes wrong ${probe.wrong}, max ${Math.round(probe.maxMs)} ms`,
        );

        await meili.start();
        const recoveryMs = await waitForRecovery(handle, 90_000);
        progress(
          `outage meilisearch: consistent again after ${recoveryMs === null ? 'NEVER' : Math.round(recoveryMs)} ms`,
        );

        // A frozen server (accepts connections, never answers) is the other kind of outage.
        meili.pause();
        const frozen = await probeOutage(handle);
        meili.resume();
        progress(
          `outage meilisearch (SIGSTOP): probes wrong ${frozen.wrong}, max ${Math.round(frozen.maxMs)} ms`,
        );

        const c = await checkConsistency(archive, handle.engine);
        const consistent =
          c.archiveArticles === 130 &&
          c.engineDocuments === 130 &&
          c.missingFromEngine === 0 &&
          c.extraInEngine === 0 &&
          c.outbox === 0 &&
          c.integrity === 'ok';
        rows.push({
          engine: 'meilisearch',
          stored,
          wrong503: probe.wrong + frozen.wrong,
          max503Ms: probe.maxMs,
          pausedMs: frozen.maxMs,
          recoveryMs,
          consistent,
          detail: `${130 - c.archiveArticles} articles lost, engine ${c.engineDocuments}/${c.archiveArticles} documents, outbox ${c.outbox} after recovery`,
        });
        expect(cli.code, cli.stderr).toBe(0);
        expect(stored).toBe(80);
        expect(pending).toBeGreaterThan(0);
        expect(probe.wrong).toBe(0);
        expect(probe.maxMs).toBeLessThan(2000);
        expect(recoveryMs).not.toBeNull();
        expect(frozen.wrong).toBe(0);
        expect(frozen.maxMs).toBeLessThan(2000);
        expect(c).toMatchObject({
          archiveArticles: 130,
          engineDocuments: 130,
          missingFromEngine: 0,
          extraInEngine: 0,
          outbox: 0,
          integrity: 'ok',
        });
      } finally {
        meili.resume();
        await handle.close();
        await meili.dispose();
      }
    },
  );
});

function writeSample(name: string, text: string): string {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
}
