import { openArchive, type Archive } from '@newsarchive/archive';
import { Role } from '@newsarchive/core';
import {
  isMain,
  parseCommandLine,
  processIo,
  runCommand,
  UsageError,
  type CommandIo,
} from './cli.ts';
import { loadEnv } from './env.ts';

const HELP = `Usage: npm run tokens -- <command> [options]

Bearer tokens for the HTTP API. Readers need none; librarians curate, ingest tokens post articles.
A token is printed once, when it is made: only its hash is stored.

Commands:
  create --role librarian|ingest --name NAME [--json]
                     make a token; --json prints {"id","token","role","name"}
  list [--json]      every token with its role, creation, last use and revocation
  revoke ID          revoke a token at once (exit 1 when there is no such active token)

Options:
  -h, --help         show this help`;

/** Entry point of `npm run tokens`; returns the exit code (usage errors throw UsageError: 2). */
export async function main(argv: string[], io: CommandIo = processIo()): Promise<number> {
  const { values, positionals } = parseCommandLine(argv, {
    role: { type: 'string' },
    name: { type: 'string' },
    json: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  });
  const [command, ...rest] = positionals;
  if (values.help) {
    io.stdout.write(`${HELP}\n`);
    return 0;
  }
  if (!command) throw new UsageError('a command is required: create, list or revoke');

  switch (command) {
    case 'create': {
      if (rest.length > 0) throw new UsageError(`unexpected argument "${rest[0]}"`);
      const role = Role.safeParse(values.role);
      if (!role.success) throw new UsageError('--role must be librarian or ingest');
      const name = values.name?.trim();
      if (!name) throw new UsageError('--name is required (who or what holds the token)');
      if (name.length > 200) throw new UsageError('--name must be at most 200 characters');
      return withArchive(io.env, (archive) => {
        const made = archive.tokens.create(role.data, name);
        if (values.json) {
          io.stdout.write(
            `${JSON.stringify({ id: made.id, token: made.token, role: made.role, name: made.name })}\n`,
          );
        } else {
          io.stdout.write(
            `${made.token}\n` +
              `(id ${made.id}, role ${made.role}, name "${made.name}"; this is the only time the token is shown)\n`,
          );
        }
        return 0;
      });
    }
    case 'list': {
      if (rest.length > 0) throw new UsageError(`unexpected argument "${rest[0]}"`);
      if (values.role || values.name) throw new UsageError('list takes no --role or --name');
      return withArchive(io.env, (archive) => {
        const tokens = archive.tokens.list();
        if (values.json) {
          io.stdout.write(`${JSON.stringify(tokens)}\n`);
          return 0;
        }
        if (tokens.length === 0) io.stdout.write('no tokens\n');
        for (const t of tokens) {
          const state = t.revokedAt ? `revoked ${t.revokedAt}` : 'active';
          io.stdout.write(
            `${t.id}\t${t.role}\t${t.name}\tcreated ${t.createdAt}\tlast used ${t.lastUsedAt ?? 'never'}\t${state}\n`,
          );
        }
        return 0;
      });
    }
    case 'revoke': {
      const [id, ...extra] = rest;
      if (!id) throw new UsageError('revoke needs the token id (see tokens list)');
      if (extra.length > 0) throw new UsageError(`unexpected argument "${extra[0]}"`);
      return withArchive(io.env, (archive) => {
        if (archive.tokens.revoke(id)) {
          io.stdout.write(`revoked ${id}\n`);
          return 0;
        }
        io.stderr.write(`tokens: no active token with id ${id}\n`);
        return 1;
      });
    }
    default:
      throw new UsageError(`unknown command "${command}" (create, list or revoke)`);
  }
}

// Opens only the archive (not the search engine): tokens live there and nothing else is needed.
function withArchive(env: NodeJS.ProcessEnv, work: (archive: Archive) => number): number {
  const archive = openArchive({ path: loadEnv(env).ARCHIVE_DB });
  try {
    return work(archive);
  } finally {
    archive.close();
  }
}

if (isMain(import.meta.url)) {
  await runCommand('tokens', () => main(process.argv.slice(2)));
}
