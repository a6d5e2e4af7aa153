import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const HELP = `Usage: npm run test:faults -- [--short] [vitest filters...]

Runs the fault, load and hostile-input tests in tests/faults (vitest.faults.config.ts) and prints
a table of figures at the end (see docs/reliability.md).
  --short   a run of a few minutes (CI): fewer crash runs, 30 s of load, 5,000 hostile requests,
            two concurrent ingests of 1,000 articles
  (default) the full run: 100 crash runs, 5 minutes of load, 100,000 hostile requests, two
            concurrent ingests of 4,000 articles`;

/** Runs vitest on the fault suite in the chosen mode and prints the figures as a Markdown table. */
async function main(argv: string[]): Promise<number> {
  if (argv.includes('-h') || argv.includes('--help')) {
    process.stdout.write(`${HELP}\n`);
    return 0;
  }
  const mode = argv.includes('--short') ? 'short' : 'full';
  const rest = argv.filter((a) => a !== '--short' && a !== '--full');
  const root = resolve(import.meta.dirname, '..', '..');
  const dir = mkdtempSync(join(tmpdir(), 'faults-report-'));
  const reportFile = join(dir, 'figures.ndjson');
  const started = Date.now();
  const code = await new Promise<number>((done) => {
    const child = spawn(
      process.execPath,
      [
        join(root, 'node_modules', 'vitest', 'vitest.mjs'),
        'run',
        '--config',
        'vitest.faults.config.ts',
        ...rest,
      ],
      {
        cwd: root,
        stdio: 'inherit',
        env: { ...process.env, FAULTS_MODE: mode, FAULTS_REPORT: reportFile },
      },
    );
    child.once('close', (c) => done(c ?? 1));
  });
  const minutes = ((Date.now() - started) / 60_000).toFixed(1);
  const rows = existsSync(reportFile)
    ? readFileSync(reportFile, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map(
          (l) =>
            JSON.parse(l) as {
              test: string;
              done: string;
              times: string;
              lost: string;
              result: string;
            },
        )
        .sort((a, b) => a.test.localeCompare(b.test, 'en', { numeric: true }))
    : [];
  const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
  const lines = [
    '',
    `Figures (${mode} run, ${new Date().toISOString()}, ${minutes} min):`,
    '',
    '| test | what was done | how many times | what was lost | result |',
    '|---|---|---|---|---|',
    ...rows.map(
      (r) =>
        `| ${cell(r.test)} | ${cell(r.done)} | ${cell(r.times)} | ${cell(r.lost)} | ${r.result} |`,
    ),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  rmSync(dir, { recursive: true, force: true });
  return code;
}

process.exitCode = await main(process.argv.slice(2));
