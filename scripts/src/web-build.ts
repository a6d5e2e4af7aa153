import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

const WEB = resolve(import.meta.dirname, '..', '..', 'apps', 'web');
/** What the built UI is made from: a change to any of these means a rebuild. */
const SOURCES = ['src', 'public', 'index.html', 'vite.config.ts', 'package.json'];

function newestChange(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path, { recursive: true, withFileTypes: true })) {
    if (entry.isFile())
      newest = Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

/** True when `dist` has no built UI, or one older than a source file. */
export function webBuildIsStale(dist = join(WEB, 'dist')): boolean {
  const built = join(dist, 'index.html');
  if (!existsSync(built)) return true;
  const builtAt = statSync(built).mtimeMs;
  return SOURCES.some((s) => newestChange(join(WEB, s)) > builtAt);
}

/**
 * Builds the web UI when it is missing or older than its sources, so `npm start` pays the ~15 s
 * build once rather than on every start. Only the project's own apps/web/dist is built: a
 * WEB_DIST elsewhere is served as it is. Returns false when the build failed.
 */
export function ensureWebBuilt(dist: string, say: (line: string) => void): boolean {
  if (resolve(dist) !== join(WEB, 'dist') || !webBuildIsStale()) return true;
  say('Building the web UI (apps/web/dist) ...');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const result = spawnSync(npm, ['run', 'build', '-w', '@newsarchive/web'], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return result.status === 0;
}
