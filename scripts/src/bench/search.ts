import { existsSync, mkdirSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { openArchive } from '@newsarchive/archive';
import { SearchRequest, type SearchDocument, type SearchRequestInput } from '@newsarchive/core';
import { createEmbeddedEngine } from '@newsarchive/search/embedded';
import type { SearchEngine } from '@newsarchive/search';
import { fmt, formatDuration, parseCommandLine, UsageError, wholeNumberFlag } from '../cli.ts';
import { say } from '../context.ts';
import { corpusDocuments } from './corpus.ts';
import { corpusDir, machine, percentile } from './figures.ts';
import { loadEnv } from '../env.ts';

const HELP = `Usage: npm run bench -- search [--articles N] [--runs R] [--engine embedded|meilisearch|all] [--index NAME] [--fresh]

Builds an archive of N articles (the allsides corpus in ../shared/corpus repeated with fresh
ids; default 100,000), indexes it into each available engine (Meilisearch when MEILI_URL is
set) and prints p50/p95/p99 latency of a fixed query mix with facets and highlights.
The embedded index is cached under the system temp folder; --fresh builds it again.
  --articles N   articles in the set (default 100000)
  --runs R       times the query mix is run, after one warm-up run (default 5)
  --engine E     embedded, meilisearch or all (default all available)
  --index NAME   Meilisearch index to use or build (default bench_search_N)
  --fresh        rebuild the cached indexes
  --verbose      per-query figures`;

const cacheDir = join(tmpdir(), 'newsarchive-bench-search');

/** The corpus repeated with fresh ids up to `n` articles; repeats share a story; 1 in 100 hidden. */
function* batchesOf(corpus: SearchDocument[], n: number, size = 1000): Iterable<SearchDocument[]> {
  const copies = Math.ceil(n / corpus.length);
  let batch: SearchDocument[] = [];
  for (let i = 0; i < n; i++) {
    const base = corpus[i % corpus.length]!;
    const copy = Math.floor(i / corpus.length);
    batch.push({
      ...base,
      id: copy === 0 ? base.id : `${base.id}-r${copy}`,
      storySize: Math.min(copies, Math.floor((n - 1 - (i % corpus.length)) / corpus.length) + 1),
      status: i % 100 === 99 ? 'hidden' : 'visible',
      hiddenReason: i % 100 === 99 ? 'bench' : null,
    });
    if (batch.length === size) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length) yield batch;
}

/**
 * The query mix: broad, narrow, multi-word, typos, browse, every kind of filter, and every
 * construct of the query language.
 */
export function queryMix(
  outlets: string[],
  actors: string[],
  years: string[],
): SearchRequestInput[] {
  const o1 = outlets[0]!;
  const o2 = outlets[1] ?? o1;
  const a1 = actors[0]!;
  const year = years[Math.floor(years.length / 2)] ?? '2019';
  return [
    { q: 'trump' },
    { q: 'president' },
    { q: 'ceasefire' },
    { q: 'climate change' },
    { q: 'supreme court ruling' },
    { q: 'presidnet' },
    { q: 'cesefire' },
    { q: '' },
    { q: 'vaccine' },
    { q: 'immigration', sort: 'newest' },
    { q: 'tax', group: 'story' },
    { q: 'ukraine russia' },
    { q: 'police officer shooting' },
    { q: 'border security', page: 2 },
    { q: 'election', outlet: [o1] },
    { q: 'health care', excludeOutlet: [o1] },
    { q: '', outlet: [o1, o2], page: 2 },
    { q: '', actor: [a1] },
    { q: 'economy', actor: [a1] },
    { q: 'economy', from: `${year}-01-01`, to: `${year}-12-31` },
    { q: 'impeachment', from: `${year}-03-01`, to: `${year}-04-15` },
    // The query language: phrases, exclusion, OR, grouping, prefixes, compounds and symbols.
    { q: '"white house"' },
    { q: '"prime minister" -brexit' },
    { q: 'trump -russia' },
    { q: 'iran OR iraq' },
    { q: '(senate OR congress) vote' },
    { q: 'immigr*' },
    { q: 'healthcare' },
    { q: 'e-mail' },
    { q: 'S&P 500' },
    { q: 'hostages' },
  ];
}

/** Time per phase of the embedded engine's searches (with --verbose). */
const phases = new Map<string, number>();

async function openEmbedded(
  corpus: SearchDocument[],
  n: number,
  fresh: boolean,
  verbose: boolean,
): Promise<SearchEngine> {
  mkdirSync(cacheDir, { recursive: true });
  const path = join(cacheDir, `embedded-${n}.db`);
  const archive = openArchive({ path });
  const db = archive.db;
  const engine = createEmbeddedEngine({
    db,
    ...(verbose
      ? { trace: (phase: string, ms: number) => phases.set(phase, (phases.get(phase) ?? 0) + ms) }
      : {}),
  });
  const have = (await engine.stats()).documents;
  if (have === n && !fresh) {
    say(
      `bench search: embedded: reusing ${path} (${fmt(n)} articles, ${fmt(Math.round(statSync(path).size / 2 ** 20))} MiB)`,
    );
    return engine;
  }
  const t = performance.now();
  await engine.rebuild(batchesOf(corpus, n), (done) => {
    if (done % 10000 === 0)
      process.stderr.write(`\rbench search: embedded: indexed ${fmt(done)} / ${fmt(n)}`);
  });
  const s = (performance.now() - t) / 1000;
  db.pragma('wal_checkpoint(TRUNCATE)');
  say(
    `\rbench search: embedded: indexed ${fmt(n)} articles in ${formatDuration(s * 1000)} (${fmt(Math.round(n / s))}/s), ${fmt(Math.round(statSync(path).size / 2 ** 20))} MiB`,
  );
  return engine;
}

async function openMeili(
  corpus: SearchDocument[],
  n: number,
  fresh: boolean,
  url: string,
  key: string | undefined,
  index: string,
): Promise<SearchEngine> {
  const { createMeilisearchEngine } = await import('@newsarchive/search/meilisearch');
  const engine = await createMeilisearchEngine({ url, masterKey: key, index });
  const have = (await engine.stats().catch(() => ({ documents: 0 }))).documents;
  if (have === n && !fresh) {
    // An index built by an older version keeps its settings until a write; measure these.
    const t = performance.now();
    await engine.applySettings();
    say(
      `bench search: meilisearch: reusing index ${index} at ${url} (settings brought up to date in ${formatDuration(performance.now() - t)})`,
    );
    return engine;
  }
  const t = performance.now();
  await engine.rebuild(batchesOf(corpus, n, 5000), (done) =>
    process.stderr.write(`\rbench search: meilisearch: sent ${fmt(done)} / ${fmt(n)}`),
  );
  const s = (performance.now() - t) / 1000;
  say(
    `\rbench search: meilisearch: indexed ${fmt(n)} articles in ${formatDuration(s * 1000)} (${fmt(Math.round(n / s))}/s)`,
  );
  return engine;
}

async function measure(engine: SearchEngine, mix: SearchRequest[], runs: number, verbose: boolean) {
  for (const r of mix) await engine.search(r); // warm-up
  phases.clear();
  const all: number[] = [];
  const cpu: number[] = [];
  const per = mix.map(() => [] as number[]);
  for (let run = 0; run < runs; run++) {
    for (const [i, r] of mix.entries()) {
      const c = process.cpuUsage();
      const t = performance.now();
      await engine.search(r);
      const ms = performance.now() - t;
      const used = process.cpuUsage(c);
      all.push(ms);
      cpu.push((used.user + used.system) / 1000);
      per[i]!.push(ms);
    }
  }
  all.sort((a, b) => a - b);
  cpu.sort((a, b) => a - b);
  if (verbose && phases.size > 0) {
    const each = [...phases].map(([k, v]) => `${k} ${(v / all.length).toFixed(2)} ms`);
    say(`  embedded, mean time per phase: ${each.join(', ')}`);
  }
  if (verbose) {
    for (const [i, r] of mix.entries()) {
      const xs = per[i]!.sort((a, b) => a - b);
      const res = await engine.search(r);
      say(
        `  ${percentile(xs, 50).toFixed(2).padStart(8)} ms  ${fmt(res.totalHits).padStart(7)} hits  ${JSON.stringify({ ...pick(r) })}`,
      );
    }
  }
  return {
    p50: percentile(all, 50),
    p95: percentile(all, 95),
    p99: percentile(all, 99),
    n: all.length,
    // This process's CPU per query: what the engine costs when the machine is shared (a remote
    // engine's own CPU is not in it).
    cpu50: percentile(cpu, 50),
    cpu95: percentile(cpu, 95),
  };
}

function pick(r: SearchRequest) {
  return Object.fromEntries(
    Object.entries(r).filter(
      ([k, v]) =>
        !(Array.isArray(v) && v.length === 0) &&
        !['includeHidden', 'perPage'].includes(k) &&
        !(k === 'page' && v === 1) &&
        !(k === 'sort' && v === 'relevance'),
    ),
  );
}

/** `npm run bench -- search`: p50/p95/p99 search latency at 100,000 articles per engine. */
export async function benchSearch(args: string[]): Promise<void> {
  const { values } = parseCommandLine(
    args,
    {
      articles: { type: 'string' },
      runs: { type: 'string' },
      engine: { type: 'string', default: 'all' },
      index: { type: 'string' },
      fresh: { type: 'boolean' },
      verbose: { type: 'boolean', short: 'v' },
      help: { type: 'boolean', short: 'h' },
    },
    false,
  );
  if (values.help) {
    process.stdout.write(`${HELP}\n`);
    return;
  }
  const n = wholeNumberFlag(values.articles, 'articles', { min: 1, fallback: 100_000 });
  const runs = wholeNumberFlag(values.runs, 'runs', { min: 1, fallback: 5 });
  if (!['all', 'embedded', 'meilisearch'].includes(values.engine))
    throw new UsageError('--engine must be embedded, meilisearch or all');
  const meiliIndex = values.index ?? `bench_search_${n}`;
  if (!/^[A-Za-z0-9_-]+$/.test(meiliIndex))
    throw new UsageError('--index may hold only letters, digits, - and _');
  if (!existsSync(corpusDir)) {
    say(`bench search: skipped: the corpus is not at ${corpusDir}`);
    return;
  }
  const env = loadEnv();
  say('bench search: reading the corpus…');
  const corpus = corpusDocuments();
  say(`bench search: ${fmt(corpus.length)} corpus articles, repeated to ${fmt(n)}; ${machine()}`);

  const engines: SearchEngine[] = [];
  if (values.engine !== 'meilisearch')
    engines.push(await openEmbedded(corpus, n, values.fresh ?? false, values.verbose ?? false));
  if (values.engine !== 'embedded') {
    if (env.MEILI_URL)
      engines.push(
        await openMeili(
          corpus,
          n,
          values.fresh ?? false,
          env.MEILI_URL,
          env.MEILI_MASTER_KEY,
          meiliIndex,
        ),
      );
    else say('bench search: meilisearch: skipped (MEILI_URL is not set)');
  }
  if (engines.length === 0) return;

  const browse = await engines[0]!.search(SearchRequest.parse({ q: '' }));
  const mix = queryMix(
    browse.facets.outlet.map((o) => o.id),
    browse.facets.actor.map((a) => a.id),
    [...new Set(browse.facets.date.buckets.map((b) => b.key.slice(0, 4)))],
  ).map((m) => SearchRequest.parse(m));

  const rows: string[] = [];
  for (const engine of engines) {
    const f = await measure(engine, mix, runs, values.verbose ?? false);
    rows.push(
      `| ${engine.name} | ${fmt(n)} | ${f.p50.toFixed(1)} ms | ${f.p95.toFixed(1)} ms | ${f.p99.toFixed(1)} ms | ${f.cpu50.toFixed(1)} / ${f.cpu95.toFixed(1)} ms | ${f.n} |`,
    );
    await engine.close();
  }
  process.stdout.write(
    `search latency, ${mix.length} queries x ${runs} runs, facets + highlights, in-process client, ${new Date().toISOString().slice(0, 10)}, ${machine()}\n` +
      `load average ${loadavg()
        .map((x) => x.toFixed(1))
        .join(' ')} (wall-clock figures stretch when other work shares the cores)\n` +
      `| engine | articles | p50 | p95 | p99 | client CPU p50 / p95 | samples |\n|---|---|---|---|---|---|---|\n${rows.join('\n')}\n`,
  );
}
