#!/usr/bin/env node
// `npx newsarchive <command> [args]`: the same commands as `npm run <command>`.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const commands = ['ingest', 'export', 'reindex', 'actors', 'tokens', 'eval', 'bench', 'start'];
const [command, ...args] = process.argv.slice(2);
if (!command || command === '--help' || command === '-h' || !commands.includes(command)) {
  process.stdout.write(`Usage: newsarchive <${commands.join('|')}> [args]   (each takes --help)\n`);
  process.exit(command && !['--help', '-h'].includes(command) ? 2 : 0);
}
const script = join(dirname(fileURLToPath(import.meta.url)), '..', 'src', `${command}.ts`);
if (!existsSync(script)) {
  process.stderr.write(`newsarchive: ${command} is not available in this build\n`);
  process.exit(2);
}
const result = spawnSync(process.execPath, ['--import', 'tsx', script, ...args], {
  stdio: 'inherit',
});
process.exit(result.status ?? 1);
