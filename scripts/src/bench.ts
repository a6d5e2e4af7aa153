import { isMain, runCommand, UsageError } from './cli.ts';

const HELP = `Usage: npm run bench -- <ingest|search|api|articles|ui|scale|all> [options]

Benchmarks print their figures; record them with the machine and date in docs/benchmarks.md.
  ingest   articles/s ingesting the allsides corpus (../shared/corpus) into a fresh archive
  search   p50/p95/p99 search latency at 100,000 articles, for each available engine
  api      latency and requests/s through the HTTP API versus straight to the engine
  articles p50/p95/p99 of the article page (GET /api/articles/:id) at 100,000 articles
  ui       keystroke-to-results in Chromium at 16k articles, and the initial JavaScript sent
  scale    storing, indexing, size, start-up, memory and latency at 100k, 300k and 1M articles
Each skips with a message when ../shared/corpus is absent.`;

const benches: Record<string, () => Promise<(args: string[]) => Promise<void>>> = {
  ingest: async () => (await import('./bench/ingest.ts')).benchIngest,
  search: async () => (await import('./bench/search.ts')).benchSearch,
  api: async () => (await import('./bench/api.ts')).benchApi,
  articles: async () => (await import('./bench/articles.ts')).benchArticles,
  ui: async () => (await import('./bench/ui.ts')).benchUi,
  scale: async () => (await import('./bench/scale.ts')).benchScale,
};

export async function main(argv: string[]): Promise<number> {
  const [which, ...rest] = argv;
  if (!which || which === '--help' || which === '-h') {
    process.stdout.write(`${HELP}\n`);
    return which ? 0 : 2;
  }
  // `all` leaves out scale: at a million articles it runs for hours.
  const names = which === 'all' ? Object.keys(benches).filter((b) => b !== 'scale') : [which];
  for (const name of names) {
    const load = benches[name];
    if (!load) throw new UsageError(`unknown benchmark "${name}"`);
    await (
      await load()
    )(rest);
  }
  return 0;
}

if (isMain(import.meta.url)) {
  await runCommand('bench', () => main(process.argv.slice(2)));
}
