import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeBytes } from './decode.ts';
import { prepareArticle } from './prepare.ts';
import { detectFormat, readSources } from './sources.ts';
import type { RawArticle, ReadOptions, ReadResult } from './types.ts';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'ingest-readers-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function write(name: string, content: string | Uint8Array): string {
  const p = join(dir, name);
  mkdirSync(join(p, '..'), { recursive: true });
  writeFileSync(p, content);
  return p;
}

async function read(inputs: string[], options: ReadOptions = {}): Promise<ReadResult[]> {
  const out: ReadResult[] = [];
  for await (const r of readSources(inputs, { cwd: dir, ...options })) out.push(r);
  return out;
}

const articles = (rs: ReadResult[]): RawArticle[] =>
  rs.flatMap((r) => (r.kind === 'article' ? [r.raw] : []));
const errors = (rs: ReadResult[]) => rs.flatMap((r) => (r.kind === 'error' ? [r.error] : []));
const noActors = () => [];
function prepared(raw: RawArticle) {
  const p = prepareArticle(raw, { extractActors: noActors });
  if (!p.ok) throw new Error(p.error.reason);
  return p.article;
}

const BODY = 'The harbour works went on through the night, the mayor said on Tuesday.';

describe('decoding', () => {
  it('strips a UTF-8 BOM', () => {
    const d = decodeBytes(new Uint8Array([0xef, 0xbb, 0xbf, ...Buffer.from('Héllo')]));
    expect(d).toEqual({ ok: true, text: 'Héllo', encoding: 'utf-8' });
  });

  it('reads Windows-1252 (invalid UTF-8) without mojibake', () => {
    const bytes = iconv.encode('Café “quoted” – naïve résumé € 10', 'windows-1252');
    const d = decodeBytes(bytes);
    expect(d.ok && d.text).toBe('Café “quoted” – naïve résumé € 10');
  });

  it('calls NUL bytes binary and nothing empty', () => {
    expect(decodeBytes(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00]))).toEqual({
      ok: false,
      reason: 'binary file (a ZIP archive: unpack it and ingest the files inside)',
    });
    expect(decodeBytes(new Uint8Array([0x89, 0x50, 0x00, 0x01, 0x41]))).toEqual({
      ok: false,
      reason: 'binary file (contains NUL bytes)',
    });
    expect(decodeBytes(new Uint8Array([0x41, 0x01, 0x02, 0x03, 0x41]))).toMatchObject({
      ok: false,
    });
    expect(decodeBytes(new Uint8Array([]))).toMatchObject({ ok: false, reason: 'empty file' });
    expect(decodeBytes(Buffer.from('  \n\t\n'))).toMatchObject({ ok: false });
  });
});

describe('damaged files', () => {
  it('cuts NUL padding at the end with a warning, keeping the lines before it', async () => {
    const line = JSON.stringify({ title: 'Kept', body: BODY });
    write(
      'padded.ndjson',
      Buffer.concat([Buffer.from(`${line}\n${line.replace('Kept', 'Also')}\n`), Buffer.alloc(512)]),
    );
    const rs = await read(['padded.ndjson']);
    expect(articles(rs).map((r) => r.title)).toEqual(['Kept', 'Also']);
    expect(errors(rs)).toEqual([
      { source: 'padded.ndjson', reason: expect.stringMatching(/512 NUL bytes at the end/) },
    ]);
  });

  it('rejects broken UTF-16 instead of storing garbage', () => {
    expect(decodeBytes(new Uint8Array([0xff, 0xfe, 0x00, 0xd8, 0x41]))).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/UTF-16/),
    });
    expect(decodeBytes(new Uint8Array([0xff, 0xfe, 0x00, 0xd8, 0x41, 0x00]))).toMatchObject({
      ok: false,
    });
    const good = decodeBytes(new Uint8Array([0xff, 0xfe, ...Buffer.from('Hé', 'utf16le')]));
    expect(good.ok && good.text).toBe('Hé');
  });
});

describe('format detection', () => {
  it('goes by extension, then by content', () => {
    expect(detectFormat('a.txt', '{"x":1}')).toBe('txt');
    expect(detectFormat('a.xml', '<?xml version="1.0"?><rss version="2.0">')).toBe('rss');
    expect(
      detectFormat('a.xml', '<?xml version="1.0"?>\n<feed xmlns="http://www.w3.org/2005/Atom">'),
    ).toBe('atom');
    expect(detectFormat('noext', '<!DOCTYPE html><html>')).toBe('html');
    expect(detectFormat('noext', '{"a":1}\n{"a":2}\n')).toBe('ndjson');
    expect(detectFormat('noext', '[{"a":1}]')).toBe('json');
    expect(detectFormat('noext', '---\ntitle: x\n---\nbody')).toBe('md');
    expect(detectFormat('noext', 'Plain words.')).toBe('txt');
  });
});

describe('readers', () => {
  it('txt: one article, origin relative to cwd', async () => {
    write('plain/story.txt', `Works Go On\n\n${BODY}\n`);
    const rs = await read(['plain/story.txt']);
    expect(rs).toHaveLength(1);
    expect(articles(rs)[0]).toMatchObject({ format: 'txt', origin: 'plain/story.txt', line: null });
    expect(prepared(articles(rs)[0]!).title).toBe('Works Go On');
  });

  it('md: YAML frontmatter with tolerant names, markdown stripped', async () => {
    write(
      'doc.md',
      `---\nheadline: Harbour works continue\nauthors: [Jane Roe, John Doe]\npublishedAt: 2024-09-10\nlink: https://example.com/harbour\npublication: Harbour Gazette\n---\n# Ignored heading\n\n${BODY} See [the plan](https://x.y) and **more**.\n`,
    );
    const a = prepared(articles(await read(['doc.md']))[0]!);
    expect(a).toMatchObject({
      title: 'Harbour works continue',
      byline: 'Jane Roe and John Doe',
      publishedAt: '2024-09-10',
      url: 'https://example.com/harbour',
      outlet: { id: 'harbour-gazette', name: 'Harbour Gazette' },
    });
    expect(a.body).toContain('See the plan and more.');
    expect(a.body).not.toMatch(/[#*[\]]/);
  });

  it('md: a heading is the title when the frontmatter has none', async () => {
    write('heading.md', `# Harbour works continue\n\n${BODY}\n`);
    expect(prepared(articles(await read(['heading.md']))[0]!).title).toBe('Harbour works continue');
  });

  it('html: Readability article, JSON-LD and meta tags, scripts gone', async () => {
    const paras = Array.from(
      { length: 6 },
      (_, i) =>
        `<p>Paragraph ${i + 1}. ${BODY} The council met again to discuss the budget for the new quay.</p>`,
    ).join('\n');
    write(
      'page.html',
      `<!doctype html><html><head><title>Harbour works continue | Harbour Gazette</title>
      <meta property="og:site_name" content="Harbour Gazette">
      <meta property="og:title" content="OG title loses to JSON-LD">
      <link rel="canonical" href="https://harbour.example/works">
      <script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","headline":"Harbour works continue","datePublished":"2024-09-10T08:00:00+02:00","author":[{"@type":"Person","name":"Jane Roe"}]}</script>
      <script>window.evil = "alert('x')";</script><style>p{color:red}</style>
      </head><body><nav>Home | World | Sport</nav><article><h1>Harbour works continue</h1>${paras}
      <figure><img src="x.jpg"><figcaption>The quay at dawn. © Photo Agency</figcaption></figure>
      <script>document.write('injected text')</script></article><footer>Copyright Harbour Gazette</footer></body></html>`,
    );
    const a = prepared(articles(await read(['page.html']))[0]!);
    expect(a).toMatchObject({
      title: 'Harbour works continue',
      byline: 'Jane Roe',
      publishedAt: '2024-09-10',
      url: 'https://harbour.example/works',
      outlet: { name: 'Harbour Gazette' },
      titleDerived: false,
    });
    expect(a.body).toContain('Paragraph 1. The harbour works');
    expect(a.body).toContain('Paragraph 6.');
    expect(a.body.split('\n\n').length).toBeGreaterThanOrEqual(6);
    expect(a.body).not.toMatch(/alert|injected|color:red|Home \| World|quay at dawn|</);
  });

  it('html: <time datetime> and og: tags when there is no JSON-LD', async () => {
    write(
      'page2.html',
      `<html><head><meta property="og:title" content="Quay opens"><meta name="author" content="By Sam Poe"></head>
       <body><article><time datetime="2023-03-05T10:00:00Z">March 5</time><p>${BODY} ${BODY}</p><p>${BODY}</p></article></body></html>`,
    );
    const a = prepared(articles(await read(['page2.html']))[0]!);
    expect(a).toMatchObject({ title: 'Quay opens', byline: 'Sam Poe', publishedAt: '2023-03-05' });
  });

  it('json: one object, an array (item numbers), content_original over tokenized content', async () => {
    write(
      'one.json',
      JSON.stringify({
        title: 'One',
        content_original: BODY,
        content: 'The harbour works went on , tokenized',
        source_url: 'www.reuters.com',
      }),
    );
    const one = prepared(articles(await read(['one.json']))[0]!);
    expect(one.body).toBe(BODY);
    expect(one.outlet).toEqual({ id: 'reuters', name: 'Reuters' });
    write(
      'many.json',
      JSON.stringify([
        { title: 'A', body: BODY },
        { title: 'B' },
        { headline: 'C', text: BODY, date: 'Tue, 10 Sep 2024 14:00:00 GMT' },
      ]),
    );
    const rs = await read(['many.json']);
    expect(articles(rs).map((r) => r.line)).toEqual([1, 2, 3]);
    expect(prepared(articles(rs)[2]!).publishedAt).toBe('2024-09-10');
    const failed = prepareArticle(articles(rs)[1]!, { extractActors: noActors });
    expect(failed).toMatchObject({
      ok: false,
      error: { source: 'many.json', line: 2, reason: expect.stringMatching(/^no body/) },
    });
  });

  it('json: broken JSON is one error with its line', async () => {
    write('broken.json', '{\n  "title": "x",\n  "body": oops\n}');
    const errs = errors(await read(['broken.json']));
    expect(errs).toHaveLength(1);
    expect(errs[0]).toMatchObject({
      source: 'broken.json',
      reason: expect.stringMatching(/^invalid JSON/),
    });
    // The line is given when the runtime's message names a position.
    if (errs[0]!.line !== undefined) expect(errs[0]!.line).toBe(3);
  });

  it('ndjson: a malformed line is reported by number, the others kept', async () => {
    const good = (i: number) =>
      JSON.stringify({ title: `T${i}`, body: BODY, url: `https://example.com/${i}` });
    write('lines.ndjson', [good(1), '{"title": "broken', good(3), '', '[1,2]', good(6)].join('\n'));
    const rs = await read(['lines.ndjson']);
    expect(articles(rs).map((r) => r.line)).toEqual([1, 3, 6]);
    expect(errors(rs)).toEqual([
      { source: 'lines.ndjson', line: 2, reason: expect.stringMatching(/^invalid JSON/) },
      { source: 'lines.ndjson', line: 5, reason: 'expected an article object, got a list' },
    ]);
  });

  it('jsonl: a wrong field type names the field', async () => {
    write('typed.jsonl', JSON.stringify({ title: ['a'], body: BODY }));
    expect(errors(await read(['typed.jsonl']))[0]).toEqual({
      source: 'typed.jsonl',
      line: 1,
      reason: 'field "title": expected text, got a list',
    });
  });

  it('csv: header mapping, quoted newlines, broken rows reported by line, others kept', async () => {
    write(
      'table.csv',
      [
        'url,date,title,text',
        `https://example.com/1,2019-01-04,First,"${BODY}\nSecond line of the first."`,
        `https://example.com/2,2019-01-05,Second`,
        `https://example.com/3,2019-01-06,Third,"broken "quote" here"`,
        `https://example.com/4,1/21/18,Fourth,"${BODY}"`,
      ].join('\n'),
    );
    const rs = await read(['table.csv']);
    const ok = articles(rs);
    expect(ok.map((r) => [r.title, r.line])).toEqual([
      ['First', 2],
      ['Fourth', 6],
    ]);
    expect(prepared(ok[1]!).publishedAt).toBe('2018-01-21');
    expect(errors(rs)).toEqual([
      { source: 'table.csv', line: 4, reason: 'CSV row has 3 fields, the header has 4' },
      { source: 'table.csv', line: 5, reason: expect.stringMatching(/^broken CSV row/) },
    ]);
  });

  it('csv: a header without rows, or with hundreds of thousands of columns, is reported', async () => {
    write('header-only.csv', 'url,date,title,text\n');
    write('wide.csv', `${Array.from({ length: 400_000 }, (_, i) => `c${i}`).join(',')}\n`);
    const rs = await read(['header-only.csv', 'wide.csv']);
    expect(articles(rs)).toEqual([]);
    expect(rs.filter((r) => r.kind === 'skipped')).toEqual([
      { kind: 'skipped', source: 'header-only.csv', reason: 'CSV file has a header but no rows' },
    ]);
    expect(errors(rs)).toEqual([
      {
        source: 'wide.csv',
        line: 1,
        reason: 'CSV header names 400,000 columns, more than the 1,000 an article table may have',
      },
    ]);
  });

  it('names a symbolic link loop and a broken link as such, not as a missing file', async () => {
    symlinkSync(join(dir, 'loop-b'), join(dir, 'loop-a'));
    symlinkSync(join(dir, 'loop-a'), join(dir, 'loop-b'));
    symlinkSync(join(dir, 'nowhere'), join(dir, 'dangling'));
    expect(errors(await read(['loop-a', 'dangling', 'absent']))).toEqual([
      { source: 'loop-a', reason: 'symbolic link loop: the link leads back to itself' },
      { source: 'dangling', reason: 'broken symbolic link: its target does not exist' },
      { source: 'absent', reason: 'no such file or directory' },
    ]);
  });

  it('rss: an article per item, HTML content cleaned, a broken item reported, others kept', async () => {
    write(
      'feed.xml',
      `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Harbour Gazette</title><link>https://harbour.example</link>
<item><title>First &amp; foremost</title><link>https://harbour.example/1</link><pubDate>Tue, 10 Sep 2024 14:00:00 GMT</pubDate><dc:creator>Jane Roe</dc:creator>
<description><![CDATA[<p>${BODY}</p><p>Second <b>bold</b> paragraph &amp; more.</p><script>alert(1)</script>]]></description></item>
<item><title>Broken<title><link>https://harbour.example/2</link></item>
<item><title>Third</title><link>https://harbour.example/3</link><description>&lt;p&gt;${BODY}&lt;/p&gt;</description></item>
</channel></rss>`,
    );
    const rs = await read(['feed.xml']);
    const ok = articles(rs);
    expect(ok.map((r) => [r.origin, r.line])).toEqual([
      ['feed.xml#1', 1],
      ['feed.xml#3', 3],
    ]);
    expect(errors(rs)).toEqual([
      { source: 'feed.xml#2', line: 2, reason: expect.stringMatching(/^broken feed item/) },
    ]);
    const first = prepared(ok[0]!);
    expect(first).toMatchObject({
      title: 'First & foremost',
      byline: 'Jane Roe',
      publishedAt: '2024-09-10',
      url: 'https://harbour.example/1',
      outlet: { name: 'Harbour Gazette' },
    });
    expect(first.body).toBe(`${BODY}\n\nSecond bold paragraph & more.`);
    expect(prepared(ok[1]!).body).toBe(BODY);
  });

  it('atom: entries with link href, content html', async () => {
    write(
      'atom.xml',
      `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Quay News</title>
<entry><title>Quay opens</title><link rel="alternate" href="https://quay.example/a"/><published>2024-09-10T12:00:00Z</published>
<author><name>Sam Poe</name></author><content type="html">&lt;p&gt;${BODY}&lt;/p&gt;</content></entry>
</feed>`,
    );
    const a = prepared(articles(await read(['atom.xml']))[0]!);
    expect(a).toMatchObject({
      title: 'Quay opens',
      url: 'https://quay.example/a',
      byline: 'Sam Poe',
      publishedAt: '2024-09-10',
      body: BODY,
    });
    expect(a.source).toEqual({ format: 'atom', origin: 'atom.xml#1', line: 1 });
  });

  it('hostile files: empty, binary, oversized, cp1252, BOM — none crash, good ones read', async () => {
    write('hostile/empty.txt', '');
    write('hostile/binary.txt', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00, 0x01]));
    write('hostile/huge.txt', `Big\n\n${'x '.repeat(2000)}`);
    write(
      'hostile/cp1252.txt',
      iconv.encode(
        `Café talks resume\n\nThe café owner said “no comment” – again. ${BODY}`,
        'windows-1252',
      ),
    );
    write('hostile/bom.txt', `\ufeffBom title here\n\n${BODY}`);
    const rs = await read(['hostile'], { maxBytes: 1000 });
    expect(rs.filter((r) => r.kind === 'skipped')).toEqual([
      { kind: 'skipped', source: 'hostile/binary.txt', reason: 'binary file (contains NUL bytes)' },
      { kind: 'skipped', source: 'hostile/empty.txt', reason: 'empty file' },
    ]);
    expect(errors(rs)).toEqual([
      { source: 'hostile/huge.txt', reason: 'file is 3.9 kB, over the 1000 bytes size limit' },
    ]);
    const ok = articles(rs).map(prepared);
    expect(ok.map((a) => a.title)).toEqual(['Bom title here', 'Café talks resume']);
    expect(ok[1]!.body).toContain('The café owner said “no comment” – again.');
  });

  it('directories recurse; globs expand; missing paths and unknown files are reported', async () => {
    write('tree/a/one.txt', `One\n\n${BODY}`);
    write('tree/b/two.json', JSON.stringify({ title: 'Two', body: BODY }));
    write('tree/b/picture.png', 'not really');
    write('tree/.hidden/three.txt', `Three\n\n${BODY}`);
    write('tree/NOTICE.md', `# Notice\n\nThese articles are licensed under CC BY 2.5.`);
    const rs = await read(['tree', 'tree/**/*.json', 'nope.txt', 'tree/*.nothing']);
    expect(articles(rs).map((r) => r.origin)).toEqual([
      'tree/a/one.txt',
      'tree/b/two.json',
      'tree/b/two.json',
    ]);
    expect(rs.filter((r) => r.kind === 'skipped')).toEqual([
      {
        kind: 'skipped',
        source: 'tree/NOTICE.md',
        reason: 'a README, licence or notice file, not an article',
      },
      { kind: 'skipped', source: 'tree/b/picture.png', reason: 'not an article file (.png)' },
    ]);
    expect(errors(rs)).toEqual([
      { source: 'nope.txt', reason: 'no such file or directory' },
      { source: 'tree/*.nothing', reason: 'no files match this pattern' },
    ]);
  });

  it('--format overrides detection', async () => {
    write('notes.data', JSON.stringify({ title: 'Forced', body: BODY }));
    const rs = await read(['notes.data'], { format: 'json' });
    expect(articles(rs)[0]).toMatchObject({ format: 'json', title: 'Forced' });
  });

  it('"-" reports a line over the size limit as it arrives, skips it, and reads on', async () => {
    // 3 MB of one line against a 1 MB limit, then the stream waits until the line has been
    // reported: a reader that buffers whole lines would wait for its end forever.
    let reported!: () => void;
    const seen = new Promise<void>((resolve) => (reported = resolve));
    async function* chunks() {
      yield `${JSON.stringify({ title: 'Before', body: BODY })}\n{"title":"`;
      for (let i = 0; i < 3; i++) yield Buffer.alloc(1024 * 1024, 0x78);
      await seen;
      yield `"}\n${JSON.stringify({ title: 'After', body: BODY })}\n`;
    }
    const rs: ReadResult[] = [];
    for await (const r of readSources(['-'], {
      stdin: Readable.from(chunks()),
      maxBytes: 1024 * 1024,
    })) {
      rs.push(r);
      if (r.kind === 'error') reported();
    }
    expect(articles(rs).map((r) => [r.line, r.title])).toEqual([
      [1, 'Before'],
      [3, 'After'],
    ]);
    expect(errors(rs)).toEqual([
      { source: 'stdin', line: 2, reason: 'line is over the 1.0 MB size limit; skipped' },
    ]);
  });

  it('"-" reads NDJSON from stdin, a bad line reported by number', async () => {
    const stdin = Readable.from([
      `${JSON.stringify({ title: 'S1', body: BODY })}\nnot json\n`,
      `${JSON.stringify({ title: 'S2', body: BODY })}\n`,
    ]);
    const rs = await read(['-'], { stdin });
    expect(articles(rs).map((r) => [r.origin, r.line, r.title])).toEqual([
      ['stdin', 1, 'S1'],
      ['stdin', 3, 'S2'],
    ]);
    expect(errors(rs)).toEqual([
      { source: 'stdin', line: 2, reason: expect.stringMatching(/^invalid JSON/) },
    ]);
  });
});
