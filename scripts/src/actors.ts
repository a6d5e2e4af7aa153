import { openArchive, type Archive } from '@newsarchive/archive';
import { ActorType, type Curator, type RegistryActor } from '@newsarchive/core';
import {
  isMain,
  parseCommandLine,
  runCommand,
  UsageError,
  wholeNumberFlag,
  processIo,
  type CommandIo,
} from './cli.ts';
import { loadEnv } from './env.ts';

const HELP = `Usage: npm run actors -- <command> [options]

The actor registry: the people, organisations, states and groups articles are filed under, with
every spelling (alias) that resolves to them. Each change is audited, applied to the articles that
name the actor, and queued for the search index.

Commands:
  list [--q TEXT] [--type TYPE] [--limit N] [--json]
                         actors with their type, article count and spellings
  merge FROM... --into ID
                         fold FROM actors into ID: spellings and articles follow, FROM ids redirect
  rename ID NAME         give an actor a new canonical name (the id stays; the old name stays a spelling)
  retype ID TYPE         change an actor's type (person, organization, state, group)
  alias ID --add SPELLING [--add ...] [--remove SPELLING ...]
                         add or remove spellings of an actor
  delete ID              delete a false actor; its spellings are never extracted again

Options:
  --db PATH              the archive file (default: ARCHIVE_DB, else ./data/archive.db)
  --as NAME              who is making the change, for the audit log (default: $USER or "cli")
  -h, --help             show this help`;

/** Entry point of `npm run actors`; returns the exit code (usage errors throw UsageError: 2). */
export async function main(argv: string[], io: CommandIo = processIo()): Promise<number> {
  const { values, positionals } = parseCommandLine(argv, {
    db: { type: 'string' },
    as: { type: 'string' },
    q: { type: 'string' },
    type: { type: 'string' },
    limit: { type: 'string' },
    into: { type: 'string' },
    add: { type: 'string', multiple: true },
    remove: { type: 'string', multiple: true },
    json: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    io.stdout.write(`${HELP}\n`);
    return 0;
  }
  const [command, ...args] = positionals;
  if (!command)
    throw new UsageError('a command is required: list, merge, rename, retype, alias or delete');
  const who: Curator = { tokenId: null, name: values.as?.trim() || 'cli', role: 'cli' };
  const noExtra = (n: number) => {
    if (args.length > n) throw new UsageError(`unexpected argument "${args[n]}"`);
  };

  switch (command) {
    case 'list': {
      noExtra(0);
      const type = values.type === undefined ? undefined : ActorType.safeParse(values.type);
      if (type && !type.success)
        throw new UsageError('--type must be person, organization, state or group');
      const limit = wholeNumberFlag(values.limit, 'limit', { min: 1, max: 10_000, fallback: 50 });
      return withArchive(values.db, io.env, (archive) => {
        const actors = archive.actors.list({ q: values.q, type: type?.data, limit });
        if (values.json) io.stdout.write(`${JSON.stringify(actors)}\n`);
        else if (actors.length === 0) io.stdout.write('no actors\n');
        else for (const a of actors) io.stdout.write(`${describe(a)}\n`);
        return 0;
      });
    }
    case 'merge': {
      if (args.length === 0)
        throw new UsageError('merge needs the ids to merge away, then --into ID');
      if (!values.into) throw new UsageError('merge needs --into ID (the actor that survives)');
      if (args.includes(values.into)) throw new UsageError('cannot merge an actor into itself');
      const into = values.into;
      return withArchive(values.db, io.env, (archive) => {
        const survivor = archive.actors.merge({ from: args, into }, who);
        io.stdout.write(`merged ${args.join(', ')} into ${describe(survivor)}\n`);
        return 0;
      });
    }
    case 'rename': {
      const [id, name] = args;
      if (!id || !name?.trim()) throw new UsageError('rename needs an actor id and the new name');
      noExtra(2);
      return withArchive(values.db, io.env, (archive) => {
        io.stdout.write(`${describe(archive.actors.update(id, { name: name.trim() }, who))}\n`);
        return 0;
      });
    }
    case 'retype': {
      const [id, typeArg] = args;
      const type = ActorType.safeParse(typeArg);
      if (!id || !type.success)
        throw new UsageError(
          'retype needs an actor id and a type: person, organization, state or group',
        );
      noExtra(2);
      return withArchive(values.db, io.env, (archive) => {
        io.stdout.write(`${describe(archive.actors.update(id, { type: type.data }, who))}\n`);
        return 0;
      });
    }
    case 'alias': {
      const [id] = args;
      if (!id) throw new UsageError('alias needs an actor id');
      noExtra(1);
      const add = (values.add ?? []).map((s) => s.trim()).filter(Boolean);
      const remove = (values.remove ?? []).map((s) => s.trim()).filter(Boolean);
      if (add.length === 0 && remove.length === 0)
        throw new UsageError('alias needs --add SPELLING or --remove SPELLING');
      return withArchive(values.db, io.env, (archive) => {
        const after = archive.actors.update(id, { addAliases: add, removeAliases: remove }, who);
        io.stdout.write(`${describe(after)}\n`);
        return 0;
      });
    }
    case 'delete': {
      const [id] = args;
      if (!id) throw new UsageError('delete needs an actor id');
      noExtra(1);
      return withArchive(values.db, io.env, (archive) => {
        archive.actors.delete(id, who);
        io.stdout.write(`deleted ${id}\n`);
        return 0;
      });
    }
    default:
      throw new UsageError(
        `unknown command "${command}" (list, merge, rename, retype, alias or delete)`,
      );
  }
}

function describe(a: RegistryActor): string {
  const spellings = a.aliases.length ? `\t${a.aliases.join(' | ')}` : '';
  return `${a.id}\t${a.type}\t${a.name}\t${a.articles} article${a.articles === 1 ? '' : 's'}${spellings}`;
}

// Only the archive is needed: registry changes reach the search engine through the outbox.
function withArchive(
  db: string | undefined,
  env: NodeJS.ProcessEnv,
  work: (archive: Archive) => number,
): number {
  const archive = openArchive({ path: db ?? loadEnv(env).ARCHIVE_DB });
  try {
    return work(archive);
  } finally {
    archive.close();
  }
}

if (isMain(import.meta.url)) {
  await runCommand('actors', () => main(process.argv.slice(2)));
}
