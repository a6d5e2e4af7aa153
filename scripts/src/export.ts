import { csvHeader, exportArticles, exportLine, type SearchPage } from '@newsarchive/archive';
import { IsoDay, SearchRequest } from '@newsarchive/core';
import { isMain, parseCommandLine, runCommand, UsageError } from './cli.ts';
import { archiveFrom, engineFrom } from './context.ts';
import { loadEnv } from './env.ts';

const HELP = `Usage: npm run export -- [--format ndjson|csv] [--q WORDS] [filters]

Writes the archive's articles (effective values: librarians' corrections applied) to stdout,
each with source.origin naming the file or feed it came from. Hidden articles are left out.
The same articles, in the same order, as GET /api/export with the same query.

Options:
  --format F          ndjson (default: one Article JSON per line) or csv
  --q WORDS           only articles matching a search, best match first (the query language of
                      the search box; at most 10,000; uses SEARCH_ENGINE like the server)
  --outlet ID         only these outlets (repeatable; any of)
  --exclude-outlet ID not these outlets (repeatable)
  --actor ID          only articles naming all of these actors (repeatable)
  --exclude-actor ID  not articles naming these actors (repeatable)
  --collection NAME   only articles in this collection
  --from YYYY-MM-DD   published on or after (undated articles are left out)
  --to YYYY-MM-DD     published on or before
  --include-hidden    include articles librarians have hidden
  -h, --help          show this help`;

export async function main(argv: string[]): Promise<number> {
  const { values } = parseCommandLine(
    argv,
    {
      format: { type: 'string', default: 'ndjson' },
      q: { type: 'string' },
      outlet: { type: 'string', multiple: true },
      'exclude-outlet': { type: 'string', multiple: true },
      actor: { type: 'string', multiple: true },
      'exclude-actor': { type: 'string', multiple: true },
      collection: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      'include-hidden': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    false,
  );
  if (values.help) {
    process.stdout.write(`${HELP}\n`);
    return 0;
  }
  if (values.format !== 'ndjson' && values.format !== 'csv') {
    throw new UsageError('--format must be ndjson or csv');
  }
  for (const flag of ['from', 'to'] as const) {
    const v = values[flag];
    if (v !== undefined && !IsoDay.safeParse(v).success) {
      throw new UsageError(`--${flag} must be a date as YYYY-MM-DD`);
    }
  }
  if (values.q !== undefined && values.q.length > 512)
    throw new UsageError('--q must be at most 512 characters');
  const includeHidden = values['include-hidden'] ?? false;
  const query = {
    q: values.q,
    outlet: values.outlet,
    excludeOutlet: values['exclude-outlet'],
    actor: values.actor,
    excludeActor: values['exclude-actor'],
    collection: values.collection,
    from: values.from,
    to: values.to,
    includeHidden,
  };

  const env = loadEnv();
  const archive = archiveFrom(env);
  const engine = values.q?.trim() ? await engineFrom(env, archive) : null;
  try {
    const search: SearchPage | undefined = engine
      ? async (page) => {
          const request = SearchRequest.parse({ ...query, page, perPage: 100 });
          const result = await engine.search(request);
          return {
            ids: result.hits.map((h) => h.id),
            last: result.hits.length < 100 || page >= result.totalPages,
          };
        }
      : undefined;
    if (values.format === 'csv') process.stdout.write(csvHeader());
    for await (const a of exportArticles(archive, query, search)) {
      // The command runs on the archive's own machine: the origin path is shown.
      const line = exportLine(a, values.format, true);
      // Respect back-pressure so a large export piped into a slow reader stays small in memory.
      if (!process.stdout.write(line)) {
        await new Promise((resolve) => process.stdout.once('drain', resolve));
      }
    }
    return 0;
  } finally {
    await engine?.close();
    archive.close();
  }
}

if (isMain(import.meta.url)) {
  await runCommand('export', () => main(process.argv.slice(2)));
}
