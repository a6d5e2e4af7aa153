import { appendFileSync } from 'node:fs';
import { resolve } from 'node:path';

/** The repository root (tests/faults/support -> ../../..). */
export const ROOT = resolve(import.meta.dirname, '..', '..', '..');

// The fault suite's own settings, set by scripts/src/test-faults.ts for its vitest child.
const env = process.env;

/** `short` (a few minutes, for CI) or `full` (the published figures). */
export const MODE: 'short' | 'full' = env.FAULTS_MODE === 'full' ? 'full' : 'short';

/** Picks the short or the full value. */
export function sized<T>(short: T, full: T): T {
  return MODE === 'full' ? full : short;
}

/**
 * A real Meilisearch binary for the outage test's throwaway instance. No default: where a
 * binary lives differs per machine, and a guessed path would skip the test silently elsewhere.
 */
export const MEILI_BIN = env.MEILI_BIN;
export const MEILI_URL = env.MEILI_URL;

/** One row of the reliability table. */
export interface Figure {
  test: string;
  done: string;
  times: string;
  lost: string;
  result: 'pass' | 'FAIL';
  details?: Record<string, unknown>;
}

/** Prints a test's figures as it runs and appends them to FAULTS_REPORT (NDJSON) for the runner. */
export function report(figure: Figure): void {
  process.stdout.write(
    `\n[faults] ${figure.test}: ${figure.result}\n  done: ${figure.done}\n  times: ${figure.times}\n  lost: ${figure.lost}\n${figure.details ? `  details: ${JSON.stringify(figure.details)}\n` : ''}`,
  );
  if (env.FAULTS_REPORT)
    appendFileSync(env.FAULTS_REPORT, `${JSON.stringify({ mode: MODE, ...figure })}\n`);
}

/** A line of progress, so a long run shows it is alive. */
export function progress(line: string): void {
  process.stdout.write(`[faults] ${line}\n`);
}
