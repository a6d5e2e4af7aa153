import {
  fmt,
  formatDuration,
  isMain,
  parseCommandLine,
  runCommand,
  wholeNumberFlag,
} from './cli.ts';
import { archiveFrom, engineFrom, say } from './context.ts';
import { loadEnv } from './env.ts';

const HELP = `Usage: npm run reindex [-- --batch-size N] [--compact]

Rebuilds the search index from the archive (ARCHIVE_DB) with zero downtime: a fresh index is
filled next to the live one and swapped in when complete; searches keep answering meanwhile.
The engine is chosen by SEARCH_ENGINE / MEILI_URL (see .env.example). Pending index operations
in the outbox are applied afterwards. Progress goes to stderr.
Exit codes: 0 rebuilt, 1 the rebuild failed (the old index stays live), 2 usage error.

Options:
  --batch-size N   articles read from the archive per batch (default 1000)
  --compact        afterwards, rewrite the archive file without its free pages (VACUUM). Needed
                   once for an archive made before 2026-12-03, whose file otherwise keeps the
                   old index's pages; newer archives give them back by themselves. Searches go
                   on meanwhile; writers wait (up to ARCHIVE_BUSY_TIMEOUT_MS).
  -h, --help       show this help`;

/** Entry point of `npm run reindex`; returns the exit code (usage errors throw UsageError: 2). */
export async function main(argv: string[]): Promise<number> {
  const { values } = parseCommandLine(
    argv,
    {
      'batch-size': { type: 'string' },
      compact: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    false,
  );
  if (values.help) {
    process.stdout.write(`${HELP}\n`);
    return 0;
  }
  const batchSize = wholeNumberFlag(values['batch-size'], 'batch-size', {
    min: 1,
    max: 100_000,
    fallback: 1000,
  });
  const env = loadEnv();
  const archive = archiveFrom(env);
  try {
    const engine = await engineFrom(env, archive);
    try {
      const total = archive.countArticles({ includeHidden: true });
      const started = performance.now();
      const tty = process.stderr.isTTY;
      say(`reindex: rebuilding the ${engine.name} index from ${fmt(total)} articles`);
      const { documents } = await engine.rebuild(archive.searchDocuments({ batchSize }), (n) => {
        if (tty) process.stderr.write(`\rreindex: ${fmt(n)} / ${fmt(total)}`);
      });
      if (tty) process.stderr.write('\n');
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
