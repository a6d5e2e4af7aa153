import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, loadavg } from 'node:os';
import { resolve } from 'node:path';
import { SearchRequest, type SearchRequestInput } from '@newsarchive/core';
import { defaultSearchThreads, serialisedSearchOf } from '@newsarchive/search';
import { fmt, parseCommandLine, wholeNumberFlag } from '../cli.ts';
import { archiveFrom, engineFrom, say } from '../context.ts';
import { median, percentile } from './figures.ts';
import { LoadClient } from './load-client.ts';
import { loadEnv } from '../env.ts';

const HELP = `Usage: npm run bench -- api [--requests N] [--concurrency C]

Latency and requests/s for a fixed query mix sent through the HTTP API (a server process on
loopback) and straight to the engine (Meilisearch over HTTP through our adapter when MEILI_URL
is set, else the embedded engine in this process, on as many search threads as the server uses:
SEARCH_THREADS), over the archive at ARCHIVE_DB. The engine's answer is taken as a program
using it gets it (objects); for the embedded engine a second run takes it as the JSON bytes
the API sends, for reference. Target: the API adds <= 1 ms at p50 and <= 3 ms at p99.
  --requests N      measured requests per run (default 3000; 300 more warm up)
  --concurrency C   connections in flight (default 32; a sequential run is always added)
  --rounds R        alternate engine and API runs R times (default 3); the verdict is the median`;

const root = resolve(import.meta.dirname, '..', '..', '..');

interface Figures {
  label: string;
  concurrency: number;
  requests: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
}

/** Runs `n` calls of `one(i)` with `concurrency` in flight; latency per call and overall rate. */
async function measure(
  label: string,
  concurrency: number,
  n: number,
  one: (i: number) => Promise<void>,
): Promise<Figures> {
  const latencies: number[] = [];
  let next = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let i = next++; i < n; i = next++) {
        const t = performance.now();
        await one(i);
        latencies.push(performance.now() - t);
      }
    }),
  );
  const seconds = (performance.now() - start) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    label,
    concurrency,
    requests: n,
    rps: n / seconds,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
  };
}

/** The query mix: broad, narrow, multi-word, typos, browse, and every kind of filter. */
function queryMix(
  topOutlets: string[],
  topActors: string[],
  years: string[],
): SearchRequestInput[] {
  const o1 = topOutlets[0];
  const o2 = topOutlets[1] ?? o1;
  const a1 = topActors[0];
  const year = years[Math.floor(years.length / 2)];
  const mix: SearchRequestInput[] = [
    { q: 'trump' },
    { q: 'president' },
    { q: 'ceasefire' },
    { q: 'climate change' },
    { q: 'supreme court ruling' },
    { q: 'presidnet' },
    { q: 'cesefire' },
    { q: '', sort: 'newest' },
    { q: 'vaccine' },
    { q: 'immigration', sort: 'newest' },
    { q: 'tax', group: 'story' },
    { q: 'ukraine russia' },
    { q: 'police' },
    { q: 'border security', page: 2 },
  ];
  if (o1) mix.push({ q: 'election', outlet: [o1] }, { q: 'health care', excludeOutlet: [o1] });
  if (o1 && o2) mix.push({ q: '', outlet: [o1, o2], page: 2 });
  if (a1) mix.push({ q: '', actor: [a1] }, { q: 'economy', actor: [a1] });
  if (year) mix.push({ q: 'economy', from: `${year}-01-01`, to: `${year}-12-31` });
  return mix;
}

function toQueryString(r: SearchRequestInput): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(r)) {
    if (Array.isArray(v)) for (const x of v) p.append(k, String(x));
    else if (v !== undefined && v !== '') p.append(k, String(v));
  }
  return p.toString();
}

async function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.once('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => ok(port));
    });
  });
}

interface Answer {
  status: number;
  /** The engine's own time from the Server-Timing header, when the API sent one. */
  engineMs: number | null;
  /** The server's own time for the request (Server-Timing app), engine included. */
  appMs: number | null;
}

/** One GET through the load generator, with the Server-Timing figures the API sent. */
async function send(client: LoadClient, path: string): Promise<Answer> {
  const { status, serverTiming } = await client.get(path);
  const timing = /engine;dur=([\d.]+)/.exec(serverTiming ?? '');
  const app = /app;dur=([\d.]+)/.exec(serverTiming ?? '');
  return {
    status,
    engineMs: timing ? Number(timing[1]) : null,
    appMs: app ? Number(app[1]) : null,
  };
}

async function waitForHealth(port: number, child: ChildProcess): Promise<void> {
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null)
      throw new Error(`the API server exited with code ${child.exitCode}`);
    const status = await fetch(`http://127.0.0.1:${port}/api/health`).then(
      (r) => r.status,
      () => 0,
    );
    if (status === 200) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the API server did not come up within 30 s');
}

const ms = (x: number) => x.toFixed(2).padStart(8);

/** CPU time (user + system) a process has used, in ms, from /proc (Linux); null elsewhere. */
function processCpuMs(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime and stime, in clock ticks of 10 ms (USER_HZ is 100 on Linux).
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return null;
  }
}

const ownCpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

export async function benchApi(args: string[]): Promise<void> {
  const { values } = parseCommandLine(
    args,
    {
      requests: { type: 'string' },
      concurrency: { type: 'string' },
      rounds: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    false,
  );
  if (values.help) {
    process.stdout.write(`${HELP}\n`);
    return;
  }
  const n = wholeNumberFlag(values.requests, 'requests', { min: 1, fallback: 3000 });
  const concurrency = wholeNumberFlag(values.concurrency, 'concurrency', {
    min: 1,
    max: 1024,
    fallback: 32,
  });
  const rounds = wholeNumberFlag(values.rounds, 'rounds', { min: 1, max: 20, fallback: 3 });

  const env = loadEnv();
  const archive = archiveFrom(env);
  let child: ChildProcess | null = null;
  let load = null as LoadClient | null;
  try {
    const articles = archive.countArticles();
    if (articles === 0) {
      say(
        `bench api: the archive at ${env.ARCHIVE_DB} is empty; ingest first (npm run ingest -- ../shared/corpus/allsides/data/jsons), then run again.`,
      );
      return;
    }
    // The engine as the server runs it (the embedded one on the same number of search threads),
    // so the difference between the two runs is what the API adds.
    const searchThreads = env.SEARCH_THREADS ?? defaultSearchThreads();
    const engine = await engineFrom(env, archive, { searchThreads });
    try {
      if (archive.pendingIndexOps() > 0) await archive.drainOutbox(engine);
      const browse = await engine.search(SearchRequest.parse({ q: '' }));
      const indexed = (await engine.stats()).documents;
      if (indexed < articles)
        say(
          `bench api: the ${engine.name} index holds ${fmt(indexed)} of ${fmt(articles)} articles; run npm run reindex for exact figures.`,
        );
      const years = browse.facets.date.buckets.map((b) => b.key.slice(0, 4));
      const mix = queryMix(
        browse.facets.outlet.map((o) => o.id),
        browse.facets.actor.map((a) => a.id),
        [...new Set(years)],
      );
      const requests = mix.map((m) => SearchRequest.parse(m));
      const paths = mix.map((m) => `/api/search?${toQueryString(m)}`);
      say(
        `bench api: ${fmt(articles)} articles, ${engine.name} engine${engine.name === 'embedded' ? ` on ${searchThreads || 'no'} search thread(s)` : ''}, ${mix.length} queries in the mix, ${fmt(n)} requests per run`,
      );

      const port = await freePort();
      child = spawn(process.execPath, ['--import', 'tsx', resolve(root, 'apps/api/src/main.ts')], {
        cwd: root,
        stdio: ['ignore', 'ignore', 'inherit'],
        env: {
          ARCHIVE_DB: resolve(env.ARCHIVE_DB),
          SEARCH_ENGINE: env.SEARCH_ENGINE,
          ...(env.MEILI_URL ? { MEILI_URL: env.MEILI_URL } : {}),
          ...(env.MEILI_MASTER_KEY ? { MEILI_MASTER_KEY: env.MEILI_MASTER_KEY } : {}),
          MEILI_INDEX: env.MEILI_INDEX,
          SEARCH_THREADS: String(searchThreads),
          HOST: '127.0.0.1',
          PORT: String(port),
          // As in production: a log line per request (written to /dev/null here).
          LOG_LEVEL: 'info',
          RATE_LIMIT_PER_MINUTE: '0',
          // The bench searches as a reader and reads the server's and engine's time per request.
          SERVER_TIMING: 'all',
        },
      });
      await waitForHealth(port, child);
      /** The load generator, `connections` kept-alive connections; closes the previous one. */
      const connect = async (connections: number) => {
        load?.close();
        load = await LoadClient.open(port, connections);
        return load;
      };

      const direct = async (i: number) => {
        await engine.search(requests[i % requests.length]!);
      };
      // The engine's answer already serialised on its thread, as the API gets it, with no HTTP:
      // what the API path costs beyond the engine's own bytes. Not the target's baseline (that
      // is the answer as a program using the engine gets it), shown so both can be compared.
      const serialised = serialisedSearchOf(engine);
      const directBytes = serialised
        ? async (i: number) => {
            const bytes = await serialised.searchJson(requests[i % requests.length]!);
            serialised.recycle(bytes);
          }
        : null;
      // Per request, from Server-Timing: the client's latency minus the engine's own time (what
      // the API and HTTP added, whatever the engine's speed at that moment), split into the time
      // inside the API's code (app minus engine) and the HTTP transport (latency minus app).
      // Samples per concurrency, pooled over the rounds.
      const samples = new Map<number, { added: number[]; inApp: number[]; transport: number[] }>();
      let sink = { added: [] as number[], inApp: [] as number[], transport: [] as number[] };
      const api = async (i: number) => {
        const t = performance.now();
        const answer = await send(load!, paths[i % paths.length]!);
        const latency = performance.now() - t;
        if (answer.status !== 200)
          throw new Error(`the API answered ${answer.status} to ${paths[i % paths.length]}`);
        if (answer.engineMs === null) return;
        sink.added.push(latency - answer.engineMs);
        if (answer.appMs !== null) {
          sink.inApp.push(answer.appMs - answer.engineMs);
          sink.transport.push(latency - answer.appMs);
        }
      };
      const spread = (xs: number[]) => {
        xs.sort((a, b) => a - b);
        return { p50: percentile(xs, 50), p99: percentile(xs, 99) };
      };
      const apiRun = async (label: string, c: number, count: number) => {
        // Fresh connections per API run: while the in-process engine ran, this process could not
        // see the server closing idle keep-alive sockets, and reusing one would fail.
        await connect(c);
        const fresh = () => ({ added: [], inApp: [], transport: [] });
        if (label === 'warm-up') {
          sink = fresh();
        } else {
          sink = samples.get(c) ?? fresh();
          samples.set(c, sink);
        }
        return measure(label, c, count, api);
      };
      const warm = Math.min(300, n);
      await measure('warm-up', concurrency, warm, direct);
      await apiRun('warm-up', concurrency, warm);

      const results: { engine: Figures; bytes: Figures | null; api: Figures }[] = [];
      // CPU per request, which the machine's load does not inflate: this process for the
      // in-process engine, the server process for the API (engine included).
      // And the load generator's own CPU per request (this process during the API run), which on a
      // machine without a spare core is taken from the server's share.
      const cpu: { concurrency: number; direct: number; api: number | null; client: number }[] = [];
      const serverPid = child.pid!;
      // Rounds alternate the two ways, so drift in the machine's load hits both alike; the
      // verdict uses the median over rounds.
      for (let round = 0; round < rounds; round++)
        for (const c of [...new Set([1, concurrency])]) {
          const seqN = c === 1 ? Math.min(n, 1000) : n;
          const before = ownCpuMs();
          const engineRun = await measure(
            `engine (${engine.name === 'meilisearch' ? 'Meilisearch over HTTP' : searchThreads > 0 ? `embedded, ${searchThreads} thread(s)` : 'embedded, in-process'})`,
            c,
            seqN,
            direct,
          );
          const directCpu = (ownCpuMs() - before) / seqN;
          const bytesRun = directBytes
            ? await measure('  the same, answer as JSON bytes', c, seqN, directBytes)
            : null;
          const serverBefore = processCpuMs(serverPid);
          const clientBefore = ownCpuMs();
          const apiFigures = await apiRun('through the API (HTTP, loopback)', c, seqN);
          results.push({ engine: engineRun, bytes: bytesRun, api: apiFigures });
          const clientCpu = (ownCpuMs() - clientBefore) / seqN;
          const serverAfter = processCpuMs(serverPid);
          cpu.push({
            concurrency: c,
            direct: directCpu,
            client: clientCpu,
            api:
              serverBefore === null || serverAfter === null
                ? null
                : (serverAfter - serverBefore) / seqN,
          });
        }
      // The transport's floor: a request through every middleware that never reaches the
      // engine (an unknown path, answered 404). What the API adds beyond it is its own work.
      const floorConnection = await connect(1);
      const floor = await measure(
        'HTTP floor (404 through every middleware)',
        1,
        Math.min(n, 1000),
        async () => {
          await floorConnection.get('/api/_floor');
        },
      );
      // The same after 5 ms of quiet before each request, as a search's wait leaves the server:
      // an idle machine takes longer to wake the processes at both ends of a connection.
      const idleLatencies: number[] = [];
      for (let i = 0; i < Math.min(n, 500); i++) {
        await new Promise((r) => setTimeout(r, 5));
        const t = performance.now();
        await floorConnection.get('/api/_floor');
        idleLatencies.push(performance.now() - t);
      }
      idleLatencies.sort((a, b) => a - b);
      const idleFloor: Figures = {
        label: 'HTTP floor, 5 ms idle before each',
        concurrency: 1,
        requests: idleLatencies.length,
        rps: Number.NaN,
        p50: percentile(idleLatencies, 50),
        p95: percentile(idleLatencies, 95),
        p99: percentile(idleLatencies, 99),
      };

      const lines = [
        '',
        `${'run'.padEnd(44)} ${'conc'.padStart(4)} ${'req/s'.padStart(8)} ${'p50 ms'.padStart(8)} ${'p95 ms'.padStart(8)} ${'p99 ms'.padStart(8)}`,
        ...[
          ...results.flatMap((r) => [r.engine, ...(r.bytes ? [r.bytes] : []), r.api]),
          floor,
          idleFloor,
        ].map(
          (r) =>
            `${r.label.padEnd(44)} ${String(r.concurrency).padStart(4)} ${(Number.isNaN(r.rps) ? '-' : r.rps.toFixed(0)).padStart(8)} ${ms(r.p50)} ${ms(r.p95)} ${ms(r.p99)}`,
        ),
        '',
      ];
      const signed = (x: number) => `${x >= 0 ? '+' : ''}${x.toFixed(2)}`;
      for (const c of [...new Set([1, concurrency])]) {
        const atC = results.filter((r) => r.engine.concurrency === c);
        const diffs = (base: (r: (typeof atC)[number]) => Figures | null) => {
          const pairs = atC.flatMap((r) => {
            const b = base(r);
            return b ? [{ d50: r.api.p50 - b.p50, d99: r.api.p99 - b.p99 }] : [];
          });
          return {
            pairs,
            d50: median(pairs.map((p) => p.d50)),
            d99: median(pairs.map((p) => p.d99)),
          };
        };
        const rounds = (pairs: { d50: number; d99: number }[]) =>
          pairs.length > 1
            ? ` [rounds: ${pairs.map((p) => `${signed(p.d50)}/${signed(p.d99)}`).join(', ')}]`
            : '';
        const vsEngine = diffs((r) => r.engine);
        lines.push(
          `API overhead at concurrency ${c}, median of ${vsEngine.pairs.length} round(s): p50 ${signed(vsEngine.d50)} ms (target <= 1), ` +
            `p99 ${signed(vsEngine.d99)} ms (target <= 3): ${vsEngine.d50 <= 1 && vsEngine.d99 <= 3 ? 'met' : 'NOT met'}` +
            rounds(vsEngine.pairs),
        );
        const vsBytes = diffs((r) => r.bytes);
        if (vsBytes.pairs.length > 0)
          lines.push(
            `  over the engine's own JSON bytes (no objects, no HTTP): p50 ${signed(vsBytes.d50)} ms, p99 ${signed(vsBytes.d99)} ms` +
              rounds(vsBytes.pairs),
          );
      }
      const f = (x: { p50: number; p99: number }) =>
        `p50 ${x.p50.toFixed(2)} ms, p99 ${x.p99.toFixed(2)} ms`;
      for (const [c, a] of samples) {
        lines.push(
          `Added per request at concurrency ${c} (Server-Timing): API + HTTP ${f(spread(a.added))}; ` +
            `inside the API's code ${f(spread(a.inApp))}; HTTP transport ${f(spread(a.transport))}` +
            (c > 1 ? ' (both include waiting for the CPU behind other requests)' : ''),
        );
      }
      for (const c of [...new Set([1, concurrency])]) {
        const runs = cpu.filter((x) => x.concurrency === c && x.api !== null);
        if (runs.length === 0) continue;
        const direct = median(runs.map((x) => x.direct));
        const api = median(runs.map((x) => x.api!));
        const client = median(runs.map((x) => x.client));
        const embedded = engine.capabilities.inProcess;
        lines.push(
          `CPU per search at concurrency ${c} (median of rounds): ` +
            (embedded
              ? `the engine in this process ${direct.toFixed(2)} ms; the API server process ${api.toFixed(2)} ms (engine + API + HTTP)`
              : `our adapter in this process ${direct.toFixed(2)} ms; the API server process ${api.toFixed(2)} ms (adapter + API + HTTP; Meilisearch's own not counted)`) +
            `; the load generator ${client.toFixed(2)} ms`,
        );
        // Closed loop at full load: latency = connections / throughput, so each extra ms of CPU
        // per request on a saturated machine adds about connections / cores ms of latency.
        if (c > 1) {
          const extra = api - direct + client;
          lines.push(
            `  at full load on ${cpus().length} cores, ${extra.toFixed(2)} ms more CPU per request through the API (server + load generator) ` +
              `predicts ~${((extra * c) / cpus().length).toFixed(1)} ms more latency at concurrency ${c}`,
          );
        }
      }
      lines.push(
        `load average during the run: ${loadavg()
          .map((x) => x.toFixed(1))
          .join(
            ' ',
          )} on ${cpus().length} cores (other work on the machine inflates the HTTP figures)`,
      );
      process.stdout.write(`${lines.join('\n')}\n`);
    } finally {
      await engine.close();
    }
  } finally {
    load?.close();
    if (child && child.exitCode === null) {
      const exited = new Promise((r) => child!.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
    archive.close();
  }
}
