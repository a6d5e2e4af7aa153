import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHROMIUM } from './browser.ts';

/**
 * Builds the UI the way production serves it, so the tests drive exactly that. The build runs
 * in a child process with NODE_ENV=production: inside vitest NODE_ENV is "test", which would
 * make vite bundle React's development build.
 */
export default function setup(): void {
  if (!existsSync(CHROMIUM)) return; // the tests skip themselves and say why
  const root = join(dirname(fileURLToPath(import.meta.url)), '..');
  const vite = join(
    dirname(createRequire(import.meta.url).resolve('vite/package.json')),
    'bin',
    'vite.js',
  );
  execFileSync(process.execPath, [vite, 'build', '--logLevel', 'warn'], {
    cwd: root,
    env: { NODE_ENV: 'production' },
    stdio: 'inherit',
  });
}
