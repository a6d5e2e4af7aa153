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
 * Where a command reads and writes: the process's own streams and environment when run, buffers
 * when a test calls its `main` in-process (no child process to start: the suite stays fast).
 */
export interface CommandIo {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown; isTTY?: boolean };
  stdin: NodeJS.ReadableStream;
  env: NodeJS.ProcessEnv;
}

export function processIo(): CommandIo {
  return { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: process.env };
}

/**
 * Runs a command's main and turns what it returns or throws into an exit code:
 * UsageError -> 2 with a hint, any other error -> 1 with its message (never a stack trace).
 */
export async function exitCodeOf(
  name: string,
  main: () => Promise<number>,
  io: CommandIo = processIo(),
): Promise<number> {
  try {
    return await main();
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr.write(`${name}: ${err.message}\nRun with --help for usage.\n`);
      return 2;
    }
    io.stderr.write(`${name}: ${(err as Error).message}\n`);
    if (io.env.DEBUG) io.stderr.write(`${(err as Error).stack}\n`);
    return 1;
  }
}

/** Runs a command's main as the process: its exit code becomes the process's. */
export async function runCommand(name: string, main: () => Promise<number>): Promise<void> {
  process.exitCode = await exitCodeOf(name, main);
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

/**
 * A whole-number flag, checked the same way by every command: digits only (no "1e3", no
 * blanks), within [min, max]; `fallback` when the flag was not given.
 */
export function wholeNumberFlag(
  value: string | undefined,
  flag: string,
  {
    min = 0,
    max = Number.MAX_SAFE_INTEGER,
    fallback,
  }: { min?: number; max?: number; fallback: number },
): number {
  if (value === undefined) return fallback;
  const n = /^\d{1,15}$/.test(value) ? Number(value) : NaN;
  if (!(n >= min && n <= max)) {
    const range =
      max === Number.MAX_SAFE_INTEGER ? `at least ${fmt(min)}` : `from ${fmt(min)} to ${fmt(max)}`;
    throw new UsageError(`--${flag} must be a whole number ${range}`);
  }
  return n;
}
