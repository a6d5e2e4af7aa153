import { csvHeader, csvRow, matchesExportFilters } from '@newsarchive/archive';
import { IsoDay } from '@newsarchive/core';
import { isMain, parseCommandLine, runCommand, UsageError } from './cli.ts';
import { archiveFrom } from './context.ts';
import { loadEnv } from './env.ts';

const HELP = `Usage: npm run export -- [--format ndjson|csv] [filters]

Writes the archive's articles (effective values: librarians' corrections applied) to stdout,
each with source.origin naming the file or feed it came from. Hidden articles are left out.

Options:
  --format F          ndjson (default: one Article JSON per line) or csv
  --outlet ID         only these outlets (repeatable; any of)
  --actor ID          only articles naming all of these actors (repeatable)
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
      outlet: { type: 'string', multiple: true },
      actor: { type: 'string', multiple: true },
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
  const filters = {
    outlet: values.outlet,
    actor: values.actor,
    collection: values.collection,
    from: values.from,
    to: values.to,
  };

  const archive = archiveFrom(loadEnv());
  try {
    if (values.format === 'csv') process.stdout.write(csvHeader());
    for (const a of archive.articles({ includeHidden: values['include-hidden'] ?? false })) {
      if (!matchesExportFilters(filters, a)) continue;
      const line = values.format === 'ndjson' ? `${JSON.stringify(a)}\n` : csvRow(a);
      // Respect back-pressure so a large export piped into a slow reader stays small in memory.
      if (!process.stdout.write(line)) {
        await new Promise((resolve) => process.stdout.once('drain', resolve));
      }
    }
    return 0;
  } finally {
    archive.close();
  }
}

if (isMain(import.meta.url)) {
  await runCommand('export', () => main(process.argv.slice(2)));
}
