import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { CHROMIUM } from './browser.ts';

/** Builds the UI once so the tests drive exactly what production serves. */
export default async function setup(): Promise<void> {
  if (!existsSync(CHROMIUM)) return; // the tests skip themselves and say why
  const root = join(dirname(fileURLToPath(import.meta.url)), '..');
  await build({ root, configFile: join(root, 'vite.config.ts'), logLevel: 'warn' });
}
