import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ExtractedArticle } from '@newsarchive/core';
import type { UpsertOutcome } from '@newsarchive/core';
import { runIngest } from './pipeline.ts';
import type { IngestProgress, IngestSink } from './pipeline.ts';

/** A sink with the archive's outcome rules, kept in memory. */
function memorySink() {
  const stored = new Map<string, ExtractedArticle>();
  const calls: number[] = [];
  const outcome = (a: ExtractedArticle): UpsertOutcome => {
    const old = stored.get(a.id);
    return !old
      ? 'new'
      : old.fingerprint.contentHash === a.fingerprint.contentHash
        ? 'unchanged'
        : 'updated';
  };
  const sink: IngestSink & { stored: typeof stored; calls: number[] } = {
    stored,
    calls,
    upsertArticles(batch) {
      calls.push(batch.length);
      return batch.map((a) => {
        const o = outcome(a);
        stored.set(a.id, a);
        return { id: a.id, outcome: o };
      });
    },
    classify: (batch) => batch.map((a) => ({ id: a.id, outcome: outcome(a) })),
  };
  return sink;
}

const noActors = () => [];
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'ingest-pipeline-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function ndjson(name: string, n: number, bodySuffix = ''): string {
  const lines = Array.from({ length: n }, (_, i) =>
    JSON.stringify({
      url: `https://news.example.com/story-${i}`,
      title: `Report ${i} on the harbour`,
      body: `Paragraph one of report ${i}. The harbour works went on.${bodySuffix}\n\nParagraph two quotes the mayor.`,
      outlet: 'Example News',
      date: '2024-05-01',
    }),
  );
  const p = join(dir, name);
  writeFileSync(p, `${lines.join('\n')}\n`);
  return p;
}

describe('runIngest', () => {
  it('stores new articles in batches, then reports them unchanged, then updated', async () => {
    const file = ndjson('run.ndjson', 7);
    const sink = memorySink();
    const first = await runIngest({ inputs: [file], sink, batchSize: 3, extractActors: noActors });
    expect(first).toMatchObject({
      new: 7,
      updated: 0,
      unchanged: 0,
      failed: 0,
      skipped: 0,
      errors: [],
    });
    expect(sink.calls).toEqual([3, 3, 1]);
    for (const a of sink.stored.values()) expect(() => ExtractedArticle.parse(a)).not.toThrow();
    const again = await runIngest({ inputs: [file], sink, extractActors: noActors });
    expect(again).toMatchObject({ new: 0, updated: 0, unchanged: 7, failed: 0 });
    ndjson('run.ndjson', 7, ' A correction was added.');
    const changed = await runIngest({ inputs: [file], sink, extractActors: noActors });
    expect(changed).toMatchObject({ new: 0, updated: 7, unchanged: 0 });
    expect(sink.stored.size).toBe(7);
  });

  it('finds actors with the default extractor unless actors is false', async () => {
    const p = join(dir, 'actors.ndjson');
    const body =
      'Israeli Prime Minister Benjamin Netanyahu met Hamas negotiators in Cairo. Netanyahu said talks would go on.';
    writeFileSync(p, JSON.stringify({ title: 'Talks', body }));
    const withActors = memorySink();
    await runIngest({ inputs: [p], sink: withActors });
    expect([...withActors.stored.values()][0]!.actors.length).toBeGreaterThan(0);
    const without = memorySink();
    await runIngest({ inputs: [p], sink: without, actors: false });
    expect([...without.stored.values()][0]!.actors).toEqual([]);
  });

  it('counts failures with their source and line and keeps the good articles', async () => {
    const p = join(dir, 'mixed.ndjson');
    writeFileSync(
      p,
      [
        '{"title":"A","body":"Some text here."}',
        '{broken',
        '{"title":"No body"}',
        '{"title":"B","body":"More text here."}',
      ].join('\n'),
    );
    const sink = memorySink();
    const s = await runIngest({ inputs: [p], sink, extractActors: noActors, cwd: dir });
    expect(s).toMatchObject({ new: 2, failed: 2 });
    expect(s.errors).toEqual([
      { source: 'mixed.ndjson', line: 2, reason: expect.stringMatching(/^invalid JSON/) },
      { source: 'mixed.ndjson', line: 3, reason: expect.stringMatching(/^no body/) },
    ]);
  });

  it('reports a batch the archive could not store, article by article, and stores the rest', async () => {
    const file = ndjson('locked.ndjson', 7);
    const sink = memorySink();
    const store = sink.upsertArticles.bind(sink);
    let call = 0;
    sink.upsertArticles = (batch) => {
      call += 1;
      if (call === 2) throw new Error('database is locked');
      return store(batch);
    };
    const s = await runIngest({
      inputs: [file],
      sink,
      batchSize: 3,
      extractActors: noActors,
      cwd: dir,
    });
    expect(s).toMatchObject({ new: 4, failed: 3 });
    expect(s.errors).toEqual(
      [4, 5, 6].map((line) => ({
        source: 'locked.ndjson',
        line,
        reason: 'not stored: database is locked',
      })),
    );
    expect(sink.stored.size).toBe(4);
  });

  it('stores an id met twice in one run once: identical is unchanged, different is skipped', async () => {
    const p = join(dir, 'dupes.ndjson');
    const a = { url: 'https://x.example/a', title: 'A', body: 'Text of the article.' };
    writeFileSync(
      p,
      [a, a, { ...a, url: 'https://www.x.example/a/?utm_source=feed', body: 'Other text.' }]
        .map((x) => JSON.stringify(x))
        .join('\n'),
    );
    const sink = memorySink();
    const s = await runIngest({ inputs: [p], sink, extractActors: noActors, cwd: dir });
    expect(s).toMatchObject({ new: 1, unchanged: 1, skipped: 1, failed: 0 });
    expect(s.skips[0]).toEqual({
      source: 'dupes.ndjson:3',
      reason: expect.stringContaining('dupes.ndjson:1'),
    });
    expect(sink.calls).toEqual([1]);
  });

  it('dry run: asks classify, never writes', async () => {
    const file = ndjson('dry.ndjson', 4);
    const sink = memorySink();
    await runIngest({ inputs: [file], sink, extractActors: noActors });
    sink.calls.length = 0;
    ndjson('dry.ndjson', 5);
    const s = await runIngest({ inputs: [file], sink, dryRun: true, extractActors: noActors });
    expect(s).toMatchObject({ new: 1, unchanged: 4 });
    expect(sink.calls).toEqual([]);
    const noClassify = await runIngest({
      inputs: [file],
      sink: { upsertArticles: () => expect.fail('a dry run must not store') },
      dryRun: true,
      extractActors: noActors,
    });
    expect(noClassify).toMatchObject({ new: 5, unchanged: 0 });
  });

  it('reports progress with a rate, and a total when files hold one article each', async () => {
    const sub = join(dir, 'progress');
    rmSync(sub, { recursive: true, force: true });
    const { mkdirSync } = await import('node:fs');
    mkdirSync(sub);
    for (let i = 0; i < 3; i++)
      writeFileSync(
        join(sub, `${i}.json`),
        JSON.stringify({ title: `T${i}`, body: `Body number ${i} of the test.` }),
      );
    writeFileSync(join(sub, 'empty.txt'), '');
    const seen: IngestProgress[] = [];
    const s = await runIngest({
      inputs: [sub],
      sink: memorySink(),
      onProgress: (p) => seen.push(p),
      extractActors: noActors,
    });
    expect(s).toMatchObject({
      new: 3,
      skipped: 1,
      skips: [{ source: expect.stringContaining('empty.txt'), reason: 'empty file' }],
    });
    const last = seen.at(-1)!;
    expect(last).toMatchObject({ done: 3, failed: 0, total: 4 });
    expect(last.ratePerSec).toBeGreaterThan(0);
  });
});

describe('runIngest on worker threads', () => {
  it('gives the same articles, outcomes and errors as preparing in this thread', async () => {
    const file = ndjson('workers.ndjson', 150);
    const p = join(dir, 'workers-bad.ndjson');
    writeFileSync(
      p,
      '{"title":"A","body":"Some text here."}\n{broken\n{"title":"A","body":"Some text here."}\n',
    );
    const inThread = memorySink();
    const onWorkers = memorySink();
    const a = await runIngest({ inputs: [file, p], sink: inThread, batchSize: 40 });
    const b = await runIngest({
      inputs: [file, p],
      sink: onWorkers,
      batchSize: 40,
      workers: 2,
      actorDictionary: [],
    });
    expect({ ...b, slowest: null }).toEqual({ ...a, slowest: null });
    expect(b.slowest?.ms).toBeGreaterThan(0);
    expect(a).toMatchObject({ new: 151, unchanged: 1, failed: 1 });
    expect([...onWorkers.stored.keys()]).toEqual([...inThread.stored.keys()]);
    expect([...onWorkers.stored.values()]).toEqual([...inThread.stored.values()]);
  }, 120_000);

  it('reads a directory on the workers with the same outcomes, errors and skips, in order', async () => {
    // Files are read on the workers in chunks: more than one chunk, with skips and failures
    // between articles, must still come back in input order.
    const tree = join(dir, 'tree');
    mkdirSync(join(tree, 'sub'), { recursive: true });
    for (let i = 0; i < 75; i++) {
      const name = join(tree, i % 2 ? 'sub' : '', `article-${String(i).padStart(2, '0')}.json`);
      writeFileSync(
        name,
        JSON.stringify({
          url: `https://news.example.com/file-${i}`,
          title: `File report ${i}`,
          body: `Report ${i} from the harbour, where works went on.\n\nThe mayor spoke.`,
          date: '2024-05-02',
        }),
      );
    }
    writeFileSync(join(tree, 'article-10b.txt'), ''); // empty: skipped
    writeFileSync(join(tree, 'README.md'), '# not an article'); // skipped in walks
    writeFileSync(join(tree, 'article-20b.json'), '{"title": "No body"}'); // fails
    writeFileSync(join(tree, 'article-30b.json'), readFileSync(join(tree, 'article-30.json')));
    writeFileSync(join(tree, 'notes.bin'), Buffer.from([0, 1, 2, 3])); // unknown kind
    const inThread = memorySink();
    const onWorkers = memorySink();
    const a = await runIngest({ inputs: [tree], sink: inThread, batchSize: 16 });
    const b = await runIngest({
      inputs: [tree],
      sink: onWorkers,
      batchSize: 16,
      workers: 2,
      actors: false,
    });
    expect({ ...b, slowest: null }).toEqual({ ...a, slowest: null });
    expect(a).toMatchObject({ new: 75, unchanged: 1, failed: 1, skipped: 3 });
    expect([...onWorkers.stored.keys()]).toEqual([...inThread.stored.keys()]);
    expect([...onWorkers.stored.values()]).toEqual([...inThread.stored.values()]);
  }, 120_000);
});

const corpus = resolve(
  import.meta.dirname,
  '..',
  '..',
  '..',
  '..',
  'shared',
  'corpus',
  'allsides',
  'data',
  'jsons',
);
const haveCorpus = existsSync(corpus);
if (!haveCorpus) console.warn(`skipping the corpus integration test: ${corpus} is absent`);

const corpusSuite = `allsides corpus sample (../shared/corpus)${haveCorpus ? '' : ` — skipped: ${corpus} is absent`}`;

describe.skipIf(!haveCorpus)(corpusSuite, () => {
  it('a Nexis export and a mapped CSV read the same on the workers: metadata, columns, errors', async () => {
    const nexis = resolve(import.meta.dirname, '..', 'test', 'fixtures', 'nexis', 'export-cut.txt');
    const csv = join(dir, 'mapped.csv');
    writeFileSync(
      csv,
      'source,text,title,paper\nexport_01.docx,"The ferry adds two crossings.\n\nThe first leaves at six.",Ferry,Ellery Evening Post\n',
    );
    const run = (workers: number) => {
      const sink = memorySink();
      return runIngest({
        inputs: [nexis, csv],
        cwd: dir,
        sink,
        workers,
        mapping: { outlet: 'paper' },
        extractActors: workers ? undefined : noActors,
        actors: false,
      }).then((summary) => ({ summary, sink }));
    };
    const here = await run(0);
    const there = await run(2);
    for (const { summary, sink } of [here, there]) {
      expect(summary).toMatchObject({ new: 4, failed: 1, skipped: 1 });
      expect(summary.errors.find((e) => !e.reason.startsWith('skipped'))).toMatchObject({
        line: 112,
        reason: expect.stringMatching(/^Nexis article 4: cut short/),
      });
      expect(summary.columns).toEqual([
        { source: 'mapped.csv', fields: { title: 'title', body: 'text', outlet: 'paper' } },
      ]);
      const stored = [...sink.stored.values()];
      expect(stored.map((a) => a.outlet?.name).sort()).toEqual([
        'Ellery Evening Post',
        'Ellery Evening Post',
        'The Coastal Herald',
        'The Coastal Herald',
      ]);
      expect(stored.filter((a) => a.metadata?.subjects).length).toBe(3);
    }
    expect([...there.sink.stored.values()].map((a) => a.metadata)).toEqual(
      [...here.sink.stored.values()].map((a) => a.metadata),
    );
  });

  it('ingests ~200 files as they are: zero errors and sane fields', async () => {
    const files = readdirSync(corpus)
      .sort()
      .filter((_, i) => i % 83 === 0)
      .map((f) => join(corpus, f));
    expect(files.length).toBeGreaterThanOrEqual(200);
    const sink = memorySink();
    const s = await runIngest({ inputs: files, sink });
    expect(s.errors.filter((e) => !e.reason.startsWith('skipped: '))).toEqual([]);
    expect(s.failed).toBe(0);
    expect(s.new + s.unchanged + s.skipped).toBe(files.length);
    const articles = [...sink.stored.values()];
    expect(articles.length).toBeGreaterThan(190);
    let bylines = 0;
    for (const a of articles) {
      expect(() => ExtractedArticle.parse(a)).not.toThrow();
      expect(a.titleDerived).toBe(false);
      expect(a.url).toMatch(/^https?:\/\//);
      expect(a.outlet).not.toBeNull();
      expect(a.outlet!.name).not.toMatch(/guest writer/i);
      expect(a.publishedAt! >= '2017-01-01' && a.publishedAt! <= '2020-12-31').toBe(true);
      expect(a.body.length).toBeGreaterThan(100);
      expect(a.body).not.toMatch(/^(?:Advertisement|ADVERTISEMENT|AD|Story Continued Below)$/m);
      expect(a.body).not.toMatch(/\n{3,}|<\/?p>/);
      expect(a.source.format).toBe('json');
      if (a.byline) {
        bylines++;
        expect(a.byline).not.toMatch(/^by\s|photo|illustration/i);
      }
    }
    expect(bylines).toBeGreaterThan(articles.length / 2);
  }, 120_000);
});
