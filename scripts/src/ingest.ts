import { IngestSummary, SourceFormat } from '@newsarchive/core';
// The mapping helpers only: the rest of the ingest package (NLP, HTML) loads when needed.
import { fieldMappingFrom, MAPPABLE_FIELDS } from '@newsarchive/ingest/fields';
import type { FieldMapping, IngestReport } from '@newsarchive/ingest';
import {
  fmt,
  formatDuration,
  isMain,
  parseCommandLine,
  processIo,
  runCommand,
  UsageError,
  wholeNumberFlag,
  type CommandIo,
} from './cli.ts';
import type { archiveFrom, engineFrom } from './context.ts';
import { loadEnv } from './env.ts';

const HELP = `Usage: npm run ingest -- <file|dir|glob|-> ... [options]

Reads news articles and stores them in the archive (ARCHIVE_DB), then updates the search index.
Formats: .txt, .md (YAML frontmatter), .html, .json (one or an array), .ndjson/.jsonl, .csv,
RSS 2.0 and Atom feeds, .docx, .rtf; press-database downloads, many articles per file: Nexis
Uni and LexisNexis Academic (.txt, .docx, .html, .rtf), Factiva (.html, .xml, .rtf),
ProQuest (.txt) and Europresse (.html); web archives (.warc, .warc.gz), streamed record by record.
Directories are read recursively; "-" reads NDJSON from stdin.
Ingesting the same input again changes nothing; librarians' corrections are never overwritten.

Options:
  --outlet NAME       outlet for articles that do not name one
  --collection NAME   add the articles to a collection (repeatable)
  --format F          read every input as F (${SourceFormat.options.join(', ')})
  --map FIELD=COLUMN  CSV/JSON/NDJSON: take FIELD from COLUMN, e.g. --map outlet=journal
                      (repeatable; fields: ${MAPPABLE_FIELDS.join(', ')})
  --max-bytes N       skip files larger than N bytes (default INGEST_MAX_BYTES or 5 MB); in a
                      web archive, records larger than that (the archive itself may be any size)
  --dry-run           read, clean and extract, but store nothing
  --json              print one JSON summary on stdout instead of the text summary
  -h, --help          show this help

Exit status: 0 all stored, 1 some failed (the rest are stored), 2 usage error.`;

/** The ingest command; `io` is the process's by default, buffers in tests. */
export async function main(argv: string[], io: CommandIo = processIo()): Promise<number> {
  const say = (line: string) => io.stderr.write(`${line}\n`);
  const { values, positionals } = parseCommandLine(argv, {
    outlet: { type: 'string' },
    collection: { type: 'string', multiple: true },
    format: { type: 'string' },
    map: { type: 'string', multiple: true },
    'max-bytes': { type: 'string' },
    'dry-run': { type: 'boolean' },
    json: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    io.stdout.write(`${HELP}\n`);
    return 0;
  }
  if (positionals.length === 0)
    throw new UsageError('name at least one file, directory, glob or -');
  const format = values.format === undefined ? undefined : SourceFormat.safeParse(values.format);
  if (format && !format.success) {
    throw new UsageError(`--format must be one of ${SourceFormat.options.join(', ')}`);
  }
  const mapping = mappingFlag(values.map ?? []);
  const maxBytesFlag = values['max-bytes'];
  const maxBytes = wholeNumberFlag(maxBytesFlag, 'max-bytes', { min: 1, fallback: 0 });

  // Loaded only now: the NLP and HTML stacks (ingest) and the engines (context) take seconds to
  // load, which --help and a usage error should not pay.
  const [{ runIngest }, { archiveFrom, engineFrom }] = await Promise.all([
    import('@newsarchive/ingest'),
    import('./context.ts'),
  ]);
  const env = loadEnv(io.env);
  const archive = archiveFrom(env);
  try {
    const dryRun = values['dry-run'] ?? false;
    let runId: number | undefined;
    if (!dryRun) {
      try {
        runId = archive.startIngestRun({ argv });
      } catch (err) {
        // Locked out (or a read-only file): the articles are still tried, batch by batch, and
        // each one not stored is reported in the summary.
        say(`ingest: the run could not be recorded in the archive (${(err as Error).message})`);
      }
    }
    const progress = io.stderr.isTTY === true && !values.json;
    const summary = await runIngest({
      inputs: positionals,
      format: format?.data,
      maxBytes: maxBytesFlag === undefined ? env.INGEST_MAX_BYTES : maxBytes,
      outlet: values.outlet,
      mapping,
      collections: values.collection ?? [],
      dryRun,
      sink: { upsertArticles: (batch) => archive.upsertArticles(batch, { runId }) },
      // Preparation (cleaning, extraction, fingerprints) on two worker threads; storing stays here.
      workers: 2,
      actorDictionary: archive.actors.dictionary(),
      stdin: io.stdin,
      onProgress: progress
        ? (p) => {
            const eta = p.etaMs === null ? '' : `, ${formatDuration(p.etaMs)} left`;
            const total = p.total === null ? '' : `/${fmt(p.total)}`;
            io.stderr.write(
              `\r\x1b[2Kingest: ${fmt(p.done)}${total} articles, ${fmt(Math.round(p.ratePerSec))}/s${eta}`,
            );
          }
        : undefined,
    });
    if (progress) io.stderr.write('\r\x1b[2K');
    if (runId !== undefined) {
      try {
        archive.finishIngestRun(runId, summary);
      } catch (err) {
        // The articles are stored (or reported); only the run's record is missing.
        say(`ingest: the run was not recorded in the archive (${(err as Error).message})`);
      }
    }
    if (!dryRun) {
      const engine = () => engineFrom(env, archive);
      await updateIndex(engine, archive, !values.json, say);
    }

    if (values.json) {
      io.stdout.write(`${JSON.stringify(IngestSummary.parse(summary))}\n`);
    } else {
      printSummary(summary, dryRun, say);
    }
    // A mapped column a file lacks is the command line's mistake: that file was not read.
    const missing = summary.missingColumns[0];
    if (missing) {
      throw new UsageError(
        `--map names column ${missing.columns.map((c) => `"${c}"`).join(', ')}, which ${missing.source} does not have`,
      );
    }
    return summary.failed > 0 ? 1 : 0;
  } finally {
    archive.close();
  }
}

/** `--map outlet=journal` flags -> a field mapping; the mapping itself is checked in ingest. */
function mappingFlag(flags: string[]): FieldMapping {
  const pairs = flags.map((flag) => {
    const eq = flag.indexOf('=');
    if (eq <= 0)
      throw new UsageError(`--map takes FIELD=COLUMN (e.g. outlet=journal), got "${flag}"`);
    return [flag.slice(0, eq), flag.slice(eq + 1)] as const;
  });
  const checked = fieldMappingFrom(pairs);
  if (!checked.ok) throw new UsageError(`--map: ${checked.reason}`);
  return checked.mapping;
}

/** Send what this run queued to the search engine; an outage only delays it. */
async function updateIndex(
  openEngine: () => ReturnType<typeof engineFrom>,
  archive: ReturnType<typeof archiveFrom>,
  verbose: boolean,
  say: (line: string) => void,
): Promise<void> {
  try {
    const engine = await openEngine();
    try {
      await archive.drainOutbox(engine);
    } finally {
      await engine.close();
    }
  } catch (err) {
    say(
      `ingest: what was stored is kept, but the search index was not updated (${(err as Error).message}); ` +
        `${fmt(archive.pendingIndexOps())} operations wait in the outbox and are sent when the engine is back.`,
    );
    return;
  }
  if (verbose && archive.pendingIndexOps() > 0) {
    say(`ingest: ${fmt(archive.pendingIndexOps())} index operations still pending`);
  }
}

function printSummary(s: IngestReport, dryRun: boolean, say: (line: string) => void): void {
  const lines = [
    `${dryRun ? 'dry run (nothing stored): ' : ''}${fmt(s.new)} new, ${fmt(s.updated)} updated, ` +
      `${fmt(s.unchanged)} unchanged, ${fmt(s.failed)} failed, ${fmt(s.skipped)} skipped`,
  ];
  // Files read the same way are one line, so a directory of exports does not flood the summary.
  const byMapping = new Map<string, string[]>();
  for (const c of s.columns) {
    const key = Object.entries(c.fields)
      .map(([field, column]) => `${field} \u2190 ${column}`)
      .join(', ');
    byMapping.set(key, [...(byMapping.get(key) ?? []), c.source]);
  }
  for (const [key, sources] of byMapping) {
    const where =
      sources.length === 1 ? sources[0] : `${sources[0]} and ${fmt(sources.length - 1)} more`;
    lines.push(`  ${where}: columns: ${key}`);
  }
  const shown = s.errors.slice(0, 50);
  for (const e of shown) lines.push(`  ${e.source}${e.line ? `:${e.line}` : ''}: ${e.reason}`);
  if (s.errors.length > shown.length) {
    lines.push(`  ... and ${fmt(s.errors.length - shown.length)} more (use --json for all)`);
  }
  say(lines.join('\n'));
}

if (isMain(import.meta.url)) {
  await runCommand('ingest', () => main(process.argv.slice(2)));
}
