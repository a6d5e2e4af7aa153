import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHROMIUM } from './browser.ts';

/**
 * The tests drive the production build that the API serves. `npm run test:e2e` builds it first
 * (a build started from inside vitest would inherit NODE_ENV=test and bundle React's dev build).
 */
export default function setup(): void {
  if (!existsSync(CHROMIUM)) return; // the tests skip themselves and say why
  const index = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'index.html');
  if (!existsSync(index)) {
    throw new Error(
      `${index} is missing: run \`npm run test:e2e -w @newsarchive/web\` (it builds first) or \`npm run build -w @newsarchive/web\``,
    );
  }
}
