import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openArchive } from '@newsarchive/archive';
import { inProcess } from './in-process.ts';
import { main } from './ingest.ts';

const root = resolve(import.meta.dirname, '..', '..');
const seeds = join(root, 'data', 'sample', 'seeds');

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'ingest-cli-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs a command the way a user does (a real process, real archive file). */
function run(
  command: string,
  args: string[],
  db: string,
  input?: string,
  env: Record<string, string> = {},
) {
  const result = spawnSync(
    process.execPath,
    ['--import', 'tsx', join(root, 'scripts', 'src', `${command}.ts`), ...args],
    {
      cwd: root,
      input,
      encoding: 'utf8',
      env: { ...process.env, ARCHIVE_DB: db, SEARCH_ENGINE: 'embedded', MEILI_URL: '', ...env },
      timeout: 120_000,
    },
  );
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** The ingest command in this process, on the archive `db` (see in-process.ts). */
const ingest = (args: string[], db: string, input = '') =>
  inProcess(
    'ingest',
    main,
    args,
    { ARCHIVE_DB: db, SEARCH_ENGINE: 'embedded', MEILI_URL: '' },
    input,
  );

function ndjsonArticles(n: number, start = 0): string {
  const lines: string[] = [];
  for (let i = start; i < start + n; i++) {
    lines.push(
      JSON.stringify({
        url: `https://news.example.com/story-${i}`,
        title: `Report number ${i} on the harbour works`,
        body: `Paragraph one of report ${i}. The harbour works went on through the night.\n\nParagraph two of report ${i} quotes the mayor.`,
        outlet: 'Example News',
        date: '2024-05-01',
      }),
    );
  }
  return `${lines.join('\n')}\n`;
}

describe('npm run ingest', () => {
  it('prints help and exits 0, as a real process (the smoke test)', () => {
    const r = run('ingest', ['--help'], join(dir, 'help.db'));
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Usage: npm run ingest');
  });

  it('exits 2 on a usage error, naming it', async () => {
    const noInputs = await ingest([], join(dir, 'usage.db'));
    expect(noInputs.code).toBe(2);
    expect(noInputs.stderr).toMatch(/name at least one file/);
    const badFlag = await ingest(['--frobnicate', seeds], join(dir, 'usage.db'));
    expect(badFlag.code).toBe(2);
    const badFormat = await ingest(['--format', 'pdf', seeds], join(dir, 'usage.db'));
    expect(badFormat.code).toBe(2);
    expect(badFormat.stderr).toMatch(/--format must be one of/);
  });

  it('stores the seeds, then reports them all unchanged on a second run', async () => {
    const db = join(dir, 'seeds.db');
    const first = await ingest(['--json', seeds], db);
    expect(first.code).toBe(0);
    expect(JSON.parse(first.stdout)).toMatchObject({
      new: 5,
      updated: 0,
      unchanged: 0,
      failed: 0,
      errors: [],
    });
    const second = await ingest(['--json', seeds], db);
    expect(JSON.parse(second.stdout)).toMatchObject({
      new: 0,
      updated: 0,
      unchanged: 5,
      failed: 0,
    });
    const archive = openArchive({ path: db });
    try {
      expect(archive.countArticles()).toBe(5);
      expect(archive.pendingIndexOps()).toBe(0);
      expect(archive.ingestRuns(5)).toHaveLength(2);
    } finally {
      archive.close();
    }
  });

  it('maps columns with --map, says which column fed which field, and exits 2 on a bad map', async () => {
    const db = join(dir, 'map.db');
    const csv = join(dir, 'nexis-export.csv');
    writeFileSync(
      csv,
      [
        'source,text,title,journal,date,paper',
        'export_01.docx,"The harbour board approved the new quay.\n\nWork starts in spring.",Harbour board approves quay,The Coastal Herald,2023-10-18,Herald Weekend',
        'C:\\exports\\export_02.docx,"The ferry timetable changes in May.\n\nTwo crossings are added.",Ferry timetable changes,The Coastal Herald,2023-10-19,Herald Weekend',
      ].join('\n'),
    );
    const plain = await ingest(['--dry-run', csv], db);
    expect(plain.code).toBe(0);
    expect(plain.stderr).toContain(
      'nexis-export.csv: columns: title \u2190 title, body \u2190 text, outlet \u2190 journal, date \u2190 date',
    );

    const mapped = await ingest(['--json', '--map', 'outlet=paper', '--map', 'body=text', csv], db);
    expect(mapped.code).toBe(0);
    const summary = JSON.parse(mapped.stdout);
    expect(summary).toMatchObject({ new: 2, failed: 0 });
    expect(summary.columns).toEqual([
      {
        source: expect.stringMatching(/nexis-export\.csv$/),
        fields: { title: 'title', body: 'text', outlet: 'paper', date: 'date' },
      },
    ]);
    const archive = openArchive({ path: db, readonly: true });
    try {
      const ids = archive.db.prepare('SELECT id FROM articles').pluck().all() as string[];
      expect(ids.map((id) => archive.getArticle(id)?.outlet?.name)).toEqual([
        'Herald Weekend',
        'Herald Weekend',
      ]);
    } finally {
      archive.close();
    }

    const unknown = await ingest(['--map', 'journal=outlet', csv], db);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/--map: unknown field "journal"/);
    const shape = await ingest(['--map', 'outlet', csv], db);
    expect(shape.code).toBe(2);
    expect(shape.stderr).toMatch(/--map takes FIELD=COLUMN/);
    const missing = await ingest(['--map', 'body=full_text', csv], db);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(
      /--map names column "full_text", which .*nexis-export\.csv does not have/,
    );
    expect(missing.stderr).toMatch(/lacks the column "full_text" \(mapped to body\)/);
  });

  it('stores the good lines of an NDJSON file, reports the bad one by line, and exits 1', async () => {
    const file = join(dir, 'mixed.ndjson');
    const good = ndjsonArticles(3).trim().split('\n');
    writeFileSync(file, [good[0], '{"title": "broken', good[1], good[2]].join('\n'));
    const db = join(dir, 'mixed.db');
    const r = await ingest(['--json', file], db);
    expect(r.code).toBe(1);
    const summary = JSON.parse(r.stdout);
    expect(summary).toMatchObject({ new: 3, failed: 1 });
    expect(summary.errors[0]).toMatchObject({ line: 2 });
    expect(summary.errors[0].source).toContain('mixed.ndjson');
  });

  it('reads NDJSON from stdin with -', async () => {
    const r = await ingest(['--json', '-'], join(dir, 'stdin.db'), ndjsonArticles(4));
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ new: 4 });
  });

  it('skips a stdin line over the size limit, naming its line, and stores the others', () => {
    const [first, third] = ndjsonArticles(2).trim().split('\n');
    const huge = JSON.stringify({ title: 'Huge', body: 'x'.repeat(30 * 1024 * 1024) });
    const db = join(dir, 'huge-line.db');
    const r = run(
      'ingest',
      ['--json', '--max-bytes', String(1024 * 1024), '-'],
      db,
      `${first}\n${huge}\n${third}\n`,
    );
    expect(r.code, r.stderr).toBe(1);
    const summary = JSON.parse(r.stdout);
    expect(summary).toMatchObject({ new: 2, failed: 1 });
    expect(summary.errors).toEqual([
      { source: 'stdin', line: 2, reason: 'line is over the 1.0 MB size limit; skipped' },
    ]);
    const archive = openArchive({ path: db });
    try {
      expect(archive.countArticles()).toBe(2);
    } finally {
      archive.close();
    }
  });

  it('locked out past its busy timeout, prints what it did not store with the summary, exit 1', async () => {
    const db = join(dir, 'locked.db');
    openArchive({ path: db }).close();
    // Another process holds the write lock for the whole run.
    const holder = spawn(
      process.execPath,
      [
        '-e',
        `const db = new (require('better-sqlite3'))(${JSON.stringify(db)});
         db.exec('BEGIN IMMEDIATE');
         db.prepare("INSERT INTO ingest_runs (started_at) VALUES ('x')").run();
         process.stdout.write('locked\\n');
         setInterval(() => {}, 1000);`,
      ],
      { cwd: join(root, 'packages', 'archive'), stdio: ['ignore', 'pipe', 'inherit'] },
    );
    try {
      await new Promise<void>((resolve) =>
        holder.stdout.on('data', (d: Buffer) => d.toString().includes('locked') && resolve()),
      );
      const r = run('ingest', ['--json', '-'], db, ndjsonArticles(3), {
        ARCHIVE_BUSY_TIMEOUT_MS: '200',
      });
      expect(r.code, r.stderr).toBe(1);
      const summary = JSON.parse(r.stdout);
      expect(summary).toMatchObject({ new: 0, failed: 3 });
      expect(summary.errors).toEqual(
        [1, 2, 3].map((line) => ({
          source: 'stdin',
          line,
          reason: 'not stored: database is locked',
        })),
      );
    } finally {
      holder.kill();
      await new Promise((r) => holder.once('exit', r));
    }
    // Once the lock is free, the same command stores them all.
    const again = run('ingest', ['--json', '-'], db, ndjsonArticles(3));
    expect(again.code, again.stderr).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ new: 3, failed: 0 });
  });

  it('stores nothing on --dry-run', async () => {
    const db = join(dir, 'dry.db');
    const r = await ingest(['--dry-run', '--json', seeds], db);
    expect(r.code).toBe(0);
    const archive = openArchive({ path: db });
    try {
      expect(archive.countArticles()).toBe(0);
    } finally {
      archive.close();
    }
  });

  it('exports what it stored, with provenance, as NDJSON and CSV', () => {
    const db = join(dir, 'export.db');
    run('ingest', [seeds], db);
    const nd = run('export', ['--format', 'ndjson'], db);
    expect(nd.code).toBe(0);
    const articles = nd.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(articles).toHaveLength(5);
    expect(articles[0].source.origin).toMatch(/seeds\/.*\.txt$/);
    const csv = run('export', ['--format', 'csv'], db);
    expect(csv.stdout.split('\n')[0]).toBe(
      'id,url,title,outlet,byline,publishedAt,actors,storyId,status,collections,format,origin,body',
    );
    expect(run('export', ['--format', 'xml'], db).code).toBe(2);
    // Words, as the API's export takes them: only the matching articles.
    const rafah = run('export', ['--q', 'rafah'], db);
    expect(rafah.code, rafah.stderr).toBe(0);
    const found = rafah.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { body: string });
    expect(found).toHaveLength(2);
    for (const a of found) expect(a.body).toMatch(/Rafah/);
  });

  it('survives kill -9 mid-run: the rerun completes with no duplicates and a sound archive', async () => {
    const file = join(dir, 'big.ndjson');
    const total = 3000;
    writeFileSync(file, ndjsonArticles(total));
    const db = join(dir, 'killed.db');
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', join(root, 'scripts', 'src', 'ingest.ts'), file],
      {
        cwd: root,
        env: { ...process.env, ARCHIVE_DB: db, SEARCH_ENGINE: 'embedded', MEILI_URL: '' },
      },
    );
    // Kill once the archive holds some, but not all, of the articles.
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 50));
      let stored = 0;
      try {
        const probe = openArchive({ path: db, readonly: true });
        stored = probe.countArticles();
        probe.close();
      } catch {
        // Not created yet, or mid-migration: look again.
      }
      if (stored > 0) break;
    }
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));

    const rerun = run('ingest', ['--json', file], db);
    expect(rerun.code).toBe(0);
    const summary = JSON.parse(rerun.stdout);
    expect(summary.new + summary.unchanged).toBe(total);
    const archive = openArchive({ path: db });
    try {
      expect(archive.db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(archive.countArticles()).toBe(total);
      expect(archive.pendingIndexOps()).toBe(0);
    } finally {
      archive.close();
    }
  });
});
