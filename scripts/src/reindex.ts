import {
  fmt,
  formatDuration,
  isMain,
  processIo,
  type CommandIo,
  parseCommandLine,
  runCommand,
  wholeNumberFlag,
} from './cli.ts';
import { archiveFrom, engineFrom } from './context.ts';
import { loadEnv } from './env.ts';
import type { Archive } from '@newsarchive/archive';
import { coverageProfile } from '@newsarchive/ingest';

const HELP = `Usage: npm run reindex [-- --batch-size N] [--regroup] [--compact]

Rebuilds the search index from the archive (ARCHIVE_DB) with zero downtime: a fresh index is
filled next to the live one and swapped in when complete; searches keep answering meanwhile.
The engine is chosen by SEARCH_ENGINE / MEILI_URL (see .env.example). Pending index operations
in the outbox are applied afterwards. Progress goes to stderr.
Articles stored before stories linked other outlets' reports (archives made before
2026-12-03) first get their coverage profile, and their stories are drawn again.
Exit codes: 0 rebuilt, 1 the rebuild failed (the old index stays live), 2 usage error.

Options:
  --batch-size N   articles read from the archive per batch (default 1000)
  --regroup        draw every article's coverage profile and story links afresh (after an
                   upgrade that changed how reports of one event are recognised); librarians'
                   splits and joins are kept
  --compact        afterwards, rewrite the archive file without its free pages (VACUUM). Needed
                   once for an archive made before 2026-12-03, whose file otherwise keeps the
                   old index's pages; newer archives give them back by themselves. Searches go
                   on meanwhile; writers wait (up to ARCHIVE_BUSY_TIMEOUT_MS).
  -h, --help       show this help`;

/**
 * Gives articles without a coverage profile (or all, with --regroup) one, in pages, re-drawing
 * their stories as it goes. The profile is ingest's, made from the article's effective values.
 */
function drawStories(
  archive: Archive,
  all: boolean,
  io: CommandIo,
): { profiled: number; changed: number } {
  const tty = io.stderr.isTTY === true;
  let afterRef = 0;
  let profiled = 0;
  let changed = 0;
  for (;;) {
    const page = archive.stories.toProfile({ afterRef, limit: 500, all });
    if (page.length === 0) break;
    changed += archive.stories.setCoverage(
      page.map(({ article: a }) => ({
        id: a.id,
        coverage: coverageProfile({
          title: a.title,
          body: a.body,
          publishedAt: a.publishedAt,
          outletId: a.outlet?.id ?? null,
        }),
      })),
    );
    profiled += page.length;
    afterRef = page.at(-1)!.ref;
    if (tty) io.stderr.write(`\rreindex: stories drawn for ${fmt(profiled)} articles`);
  }
  if (tty && profiled > 0) io.stderr.write('\n');
  return { profiled, changed };
}

/** Entry point of `npm run reindex`; returns the exit code (usage errors throw UsageError: 2). */
/** The reindex command; `io` is the process's by default, buffers in tests. */
export async function main(argv: string[], io: CommandIo = processIo()): Promise<number> {
  const say = (line: string) => io.stderr.write(`${line}\n`);
  const { values } = parseCommandLine(
    argv,
    {
      'batch-size': { type: 'string' },
      compact: { type: 'boolean' },
      regroup: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    false,
  );
  if (values.help) {
    io.stdout.write(`${HELP}\n`);
    return 0;
  }
  const batchSize = wholeNumberFlag(values['batch-size'], 'batch-size', {
    min: 1,
    max: 100_000,
    fallback: 1000,
  });
  const env = loadEnv(io.env);
  const archive = archiveFrom(env);
  try {
    const engine = await engineFrom(env, archive);
    try {
      const total = archive.countArticles({ includeHidden: true });
      const started = performance.now();
      const tty = io.stderr.isTTY === true;
      const regrouped = drawStories(archive, !!values.regroup, io);
      if (regrouped.profiled > 0)
        say(
          `reindex: ${fmt(regrouped.profiled)} articles profiled for stories; ${fmt(regrouped.changed)} changed story`,
        );
      say(`reindex: rebuilding the ${engine.name} index from ${fmt(total)} articles`);
      const { documents } = await engine.rebuild(archive.searchDocuments({ batchSize }), (n) => {
        if (tty) io.stderr.write(`\rreindex: ${fmt(n)} / ${fmt(total)}`);
      });
      if (tty) io.stderr.write('\n');
      const drained = await archive.drainOutbox(engine);
      await engine.flush?.();
      say(
        `reindex: ${fmt(documents)} articles indexed and swapped in, in ${formatDuration(performance.now() - started)}` +
          (drained.indexed + drained.removed > 0
            ? `; ${fmt(drained.indexed + drained.removed)} pending operations applied`
            : ''),
      );
      if (values.compact) {
        say('reindex: compacting the archive file (writers wait; searches go on)');
        const { before, after } = archive.compact();
        const mib = (n: number) => `${fmt(Math.round(n / 2 ** 20))} MiB`;
        say(`reindex: archive file ${mib(before)} -> ${mib(after)}`);
      }
      return 0;
    } finally {
      await engine.close();
    }
  } finally {
    archive.close();
  }
}

if (isMain(import.meta.url)) {
  await runCommand('reindex', () => main(process.argv.slice(2)));
}
