import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import type { ParseArgsConfig } from 'node:util';

/** A usage mistake: the command prints the message and its --help hint, and exits 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** node:util parseArgs with usage errors turned into UsageError. */
export function parseCommandLine<T extends ParseArgsConfig['options']>(
  argv: string[],
  options: T,
  allowPositionals = true,
) {
  try {
    return parseArgs({ args: argv, options, allowPositionals, strict: true });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
}

/**
 * Runs a command's main and turns what it returns or throws into an exit code:
 * UsageError -> 2 with a hint, any other error -> 1 with its message (never a stack trace).
 */
export async function runCommand(name: string, main: () => Promise<number>): Promise<void> {
  try {
    process.exitCode = await main();
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`${name}: ${err.message}\nRun with --help for usage.\n`);
      process.exitCode = 2;
    } else {
      process.stderr.write(`${name}: ${(err as Error).message}\n`);
      if (process.env.DEBUG) process.stderr.write(`${(err as Error).stack}\n`);
      process.exitCode = 1;
    }
  }
}

/** "1,234" — numbers as a person reads them in a summary. */
export const fmt = (n: number) => n.toLocaleString('en-US');

export function formatDuration(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s}s`;
  return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
}

/** True when the module is the script node was started with (not imported by a test). */
export function isMain(moduleUrl: string): boolean {
  const entry = process.argv[1];
  return entry !== undefined && moduleUrl === pathToFileURL(entry).href;
}
