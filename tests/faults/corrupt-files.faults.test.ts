import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openArchive } from '@newsarchive/archive';
import { generatedArticle, ndjson } from './support/generate.ts';
import { progress, report } from './support/mode.ts';
import { commandEnv, runCommand } from './support/processes.ts';

// Corrupt input files ingested together with good ones through the real command.

/** A real one-entry ZIP (stored, no compression) holding `name`. */
function zipOf(name: string, data: Buffer): Buffer {
  const n = Buffer.from(name);
  const crc = crc32(data);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt32LE(crc, 14);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(data.length, 22);
  local.writeUInt16LE(n.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt32LE(crc, 16);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(data.length, 24);
  central.writeUInt16LE(n.length, 28);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(46 + n.length, 12);
  end.writeUInt32LE(30 + n.length + data.length, 16);
  return Buffer.concat([local, n, data, central, n, end]);
}

const para = (i: number) => generatedArticle(i, 11).body;

interface Good {
  file: string;
  find: { url?: string; title?: string };
  check?: (body: string) => string | null;
}
const good: Good[] = [];
const bad: { file: string; what: string }[] = [];
let dir: string;
let inputs: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'faults-corrupt-'));
  inputs = join(dir, 'inputs');
  mkdirSync(inputs);
  const put = (name: string, data: string | Buffer) => writeFileSync(join(inputs, name), data);

  put('good-feed.ndjson', ndjson(20, 11, 100));
  for (let i = 100; i < 120; i++)
    good.push({ file: 'good-feed.ndjson', find: { url: generatedArticle(i, 11).url } });
  put('good-story.txt', `Lighthouse keepers return to Skerry Point\n\n${para(1)}`);
  good.push({
    file: 'good-story.txt',
    find: { title: 'Lighthouse keepers return to Skerry Point' },
  });
  put(
    'good-one.json',
    JSON.stringify({
      url: 'https://good.example.org/one',
      title: 'Orchard growers report record harvest',
      body: para(2),
      outlet: 'Valley Post',
      date: '2024-09-12',
    }),
  );
  good.push({ file: 'good-one.json', find: { url: 'https://good.example.org/one' } });
  put(
    'good-note.md',
    `---\ntitle: Ferry timetable changes for winter\noutlet: Coast Herald\ndate: 2024-10-01\n---\n\n${para(3)}\n`,
  );
  good.push({ file: 'good-note.md', find: { title: 'Ferry timetable changes for winter' } });
  put(
    'good-with-scripts.html',
    `<!doctype html><html><head><title>Museum reopens its east wing</title><script>alert("pwned-head")</script></head><body><script>document.write('pwned-body')</script><article><h1>Museum reopens its east wing</h1><p>${para(4).split('\n\n').join('</p><p>')}</p><p onclick="alert('pwned-attr')">The curator thanked the volunteers.</p><iframe src="javascript:alert('pwned-frame')"></iframe></article><style>body{}</style></body></html>`,
  );
  good.push({
    file: 'good-with-scripts.html',
    find: { title: 'Museum reopens its east wing' },
    check: (body) =>
      /pwned|<script|alert\(|javascript:/i.test(body) ? 'script text in the stored body' : null,
  });
  put(
    'good-latin1.txt',
    Buffer.from(
      `Caf\xe9 owners protest new rules\n\nThe caf\xe9 owners of the old town said the r\xe8gles were unfair. ${para(5)}`,
      'latin1',
    ),
  );
  good.push({
    file: 'good-latin1.txt',
    find: { title: 'Café owners protest new rules' },
    check: (body) => (body.includes('café') ? null : 'accent lost or mangled'),
  });
  put(
    'good-bom.txt',
    Buffer.concat([
      Buffer.from([0xef, 0xbb, 0xbf]),
      Buffer.from(`Tram strike called off\n\n${para(6)}`),
    ]),
  );
  good.push({ file: 'good-bom.txt', find: { title: 'Tram strike called off' } });
  const mixed = [
    JSON.stringify({
      url: 'https://good.example.org/m1',
      title: 'Bridge inspection finds rust',
      body: para(7),
      outlet: 'Metro Gazette',
    }),
    '{"url": "https://bad.example.org/trunc", "title": "Cut off in the midd',
    '42',
    JSON.stringify({ url: 'https://bad.example.org/empty', title: '', body: '' }),
    JSON.stringify({
      url: 'https://good.example.org/m2',
      title: 'Library extends opening hours',
      body: para(8),
      outlet: 'Metro Gazette',
    }),
  ].join('\n');
  put('mixed.ndjson', mixed);
  good.push(
    { file: 'mixed.ndjson', find: { url: 'https://good.example.org/m1' } },
    { file: 'mixed.ndjson', find: { url: 'https://good.example.org/m2' } },
  );
  bad.push(
    { file: 'mixed.ndjson:2', what: 'truncated line' },
    { file: 'mixed.ndjson:3', what: 'a number, not an object' },
    { file: 'mixed.ndjson:4', what: 'empty title and body' },
  );

  // What a crash often leaves: good lines, then the file's tail as NUL bytes.
  const padded = [
    JSON.stringify({
      url: 'https://good.example.org/p1',
      title: 'Dam repairs finish early',
      body: para(10),
      outlet: 'Plains Tribune',
    }),
    JSON.stringify({
      url: 'https://good.example.org/p2',
      title: 'New bus routes for the north side',
      body: para(12),
      outlet: 'Plains Tribune',
    }),
  ].join('\n');
  put('zero-padded.ndjson', Buffer.concat([Buffer.from(`${padded}\n`), Buffer.alloc(4096)]));
  good.push(
    { file: 'zero-padded.ndjson', find: { url: 'https://good.example.org/p1' } },
    { file: 'zero-padded.ndjson', find: { url: 'https://good.example.org/p2' } },
  );
  bad.push({ file: 'zero-padded.ndjson', what: 'NUL padding after the last line' });
  put('truncated.json', '{"url": "https://bad.example.org/t", "title": "Half an artic');
  bad.push({ file: 'truncated.json', what: 'truncated JSON object' });
  put(
    'truncated-array.json',
    `[${JSON.stringify({ url: 'https://bad.example.org/ta', title: 'First', body: para(9) })}, {"title": "Sec`,
  );
  bad.push({ file: 'truncated-array.json', what: 'truncated JSON array' });
  put('zero-bytes.txt', '');
  bad.push({ file: 'zero-bytes.txt', what: 'zero bytes' });
  put('binary.txt', Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)));
  bad.push({ file: 'binary.txt', what: 'binary bytes with NULs' });
  put('bad-utf16.txt', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from([0x00, 0xd8, 0x41])]));
  bad.push({ file: 'bad-utf16.txt', what: 'UTF-16 BOM, lone surrogate, odd length' });
  put(
    'only-scripts.html',
    '<html><head><script>alert(1)</script></head><body><script>steal()</script><noscript></noscript></body></html>',
  );
  bad.push({ file: 'only-scripts.html', what: 'HTML with scripts and no text' });
  put('not-json.json', 'this is not json at all');
  bad.push({ file: 'not-json.json', what: 'text named .json' });
  const feed = Buffer.from(ndjson(5, 12));
  put('nested.zip', zipOf('articles.ndjson', feed));
  bad.push({ file: 'nested.zip', what: 'ZIP archive' });
  put('nested.ndjson.gz', gzipSync(feed));
  bad.push({ file: 'nested.ndjson.gz', what: 'gzip archive' });
  put('nested-zip-named.ndjson', zipOf('articles.ndjson', feed));
  bad.push({ file: 'nested-zip-named.ndjson', what: 'ZIP archive named .ndjson' });
  // 50 MB of NDJSON: over the default 5 MB per-file cap.
  const line = `${JSON.stringify({ title: 'Filler', body: 'x'.repeat(1000) })}\n`;
  put('huge-50mb.ndjson', line.repeat(Math.ceil((50 * 1024 * 1024) / line.length)));
  bad.push({ file: 'huge-50mb.ndjson', what: '50 MB file' });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('stores every good article and reports every bad file or line with its reason', async () => {
  const db = join(dir, 'archive.db');
  const text = await runCommand('ingest', [inputs], commandEnv(db));
  const json = await runCommand('ingest', ['--json', inputs], commandEnv(join(dir, 'json.db')));
  progress(`corrupt: ingest exit ${text.code}; output:\n${text.stderr}`);
  const summary = JSON.parse(json.stdout) as {
    new: number;
    failed: number;
    skipped: number;
    errors: { source: string; line?: number; reason: string }[];
  };

  const archive = openArchive({ path: db });
  const problems: string[] = [];
  let storedGood = 0;
  try {
    const all = [...archive.articles({ includeHidden: true })];
    for (const g of good) {
      const a = all.find((x) => (g.find.url ? x.url === g.find.url : x.title === g.find.title));
      if (!a) {
        problems.push(`good article lost: ${g.file} ${JSON.stringify(g.find)}`);
        continue;
      }
      storedGood++;
      const p = g.check?.(a.body);
      if (p) problems.push(`${g.file}: ${p}`);
    }
    const unexpected = all.filter(
      (x) => !good.some((g) => (g.find.url ? x.url === g.find.url : x.title === g.find.title)),
    );
    for (const u of unexpected)
      problems.push(
        `a bad input was stored as an article: ${u.source.origin}${u.source.line ? `:${u.source.line}` : ''} title ${JSON.stringify(u.title.slice(0, 60))}`,
      );
  } finally {
    archive.close();
  }
  let reported = 0;
  for (const b of bad) {
    const [file, line] = b.file.split(':');
    const inText = text.stderr
      .split('\n')
      .some(
        (l) =>
          l.includes(file!) &&
          (line === undefined || l.includes(`${file}:${line}`)) &&
          /:\s*\S/.test(l.slice(l.indexOf(file!) + b.file.length)),
      );
    const inJson = summary.errors.some(
      (e) =>
        e.source.endsWith(file!) &&
        (line === undefined || e.line === Number(line)) &&
        e.reason.length > 0,
    );
    if (inText || inJson) reported++;
    else problems.push(`bad input not reported with a reason: ${b.file} (${b.what})`);
  }
  report({
    test: '6. Corrupt input files',
    done: `one real ingest of a folder of ${good.length} good articles (NDJSON, txt, JSON, md, HTML with scripts, Latin-1, BOM) mixed with ${bad.length} bad files/lines (truncated JSON object and array, bad NDJSON lines, NUL-padded NDJSON, zero bytes, binary, broken UTF-16, script-only HTML, text named .json, .zip, .ndjson.gz, a ZIP named .ndjson, a 50 MB file); then checked the archive and the command's report (text and --json)`,
    times: `1 run, ${good.length + bad.length} inputs; exit ${text.code}; summary new ${summary.new}, failed ${summary.failed}, skipped ${summary.skipped}`,
    lost: `${good.length - storedGood} good articles lost; ${bad.length - reported} bad inputs not reported with a reason; ${problems.filter((p) => p.startsWith('a bad input was stored')).length} bad inputs stored as articles`,
    result: problems.length === 0 ? 'pass' : 'FAIL',
    details: { problems },
  });
  expect(problems).toEqual([]);
});
