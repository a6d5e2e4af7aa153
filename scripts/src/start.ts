import { resolve } from 'node:path';
import { openArchive } from '@newsarchive/archive';
import { loadServerEnv, serverConfigFrom, shutdownOnSignals, startServer } from '@newsarchive/api';
import { runIngest } from '@newsarchive/ingest';
import { fmt, isMain, runCommand } from './cli.ts';
import { say } from './context.ts';
import { ensureWebBuilt } from './web-build.ts';

const HELP = `Usage: npm start

Serves the API and the web UI (HOST:PORT, default http://127.0.0.1:3000). On an empty archive it
first ingests the sample collection in data/sample, so there is something to search. The UI is
built (apps/web/dist) when it is missing or older than its sources.
Configuration comes from the environment or .env (see .env.example).`;

const SAMPLE = resolve(import.meta.dirname, '..', '..', 'data', 'sample');
// The articles only: NOTICE.md and the upstream licence sit beside them and are not news.
const SAMPLE_INPUTS = [
  resolve(SAMPLE, 'seeds'),
  resolve(SAMPLE, 'wikinews', 'wikinews-2019-2020.csv'),
];

export async function main(argv: string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(`${HELP}\n`);
    return 0;
  }
  const config = serverConfigFrom(loadServerEnv());
  if (config.api?.webDist && !ensureWebBuilt(config.api.webDist, say)) {
    say(
      'The web UI failed to build (npm run build -w @newsarchive/web shows why); serving the API only.',
    );
  }
  const archive = openArchive({ path: config.archivePath });
  if (archive.countArticles({ includeHidden: true }) === 0) {
    say(
      `The archive ${config.archivePath} is empty: ingesting the sample collection (${SAMPLE}) ...`,
    );
    const summary = await runIngest({
      inputs: SAMPLE_INPUTS,
      collections: ['sample'],
      sink: archive,
      // Preparation (cleaning, extraction, fingerprints) on two worker threads; storing stays here.
      workers: 2,
      actorDictionary: archive.actors.dictionary(),
    });
    say(`Sample collection: ${fmt(summary.new)} articles stored, ${fmt(summary.failed)} failed.`);
  }
  const handle = await startServer({ ...config, archive });
  say(`newsarchive is serving ${handle.url} (engine: ${handle.engine.name}). Ctrl-C stops it.`);
  shutdownOnSignals(handle);
  return 0;
}

if (isMain(import.meta.url)) {
  await runCommand('start', () => main(process.argv.slice(2)));
}
