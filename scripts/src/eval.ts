import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { slugify, type ActorType } from '@newsarchive/core';
import { createActorExtractor, type DictionaryEntry } from '@newsarchive/ingest';
import { openArchive } from '@newsarchive/archive';
import { isMain, parseCommandLine, runCommand, UsageError } from './cli.ts';
import { loadEnv } from './env.ts';
import { evalActorsUnseen } from './eval/actors-unseen.ts';
import { runSearchEval } from './eval/search-quality.ts';
import { evalStories, writeFrequencies } from './eval/stories.ts';

const HELP = `Usage: npm run eval -- actors|stories|search [--verbose] [--engine E] [--reuse] [--check]

Scores extraction against the labelled sets in packages/ingest/eval (the articles themselves are
read from ../shared: the seeds and the allsides corpus), and search against the corpus itself.

  actors    precision, recall and F1 of actor extraction, overall and per type
  stories   groups the corpus into copies and stories as the archive does, then scores pair
            precision and recall of both levels on the labelled pairs (dev and holdout)
  search    hit counts of ~50 queries in the query language against truths computed from the
            corpus text with regular expressions, and whether the first 20 hits satisfy them
            (the corpus is indexed afresh into the engine; skipped without ../shared/corpus)

Options:
  --verbose   list every missed and spurious actor (actors), every pair with its score
              (stories), or example articles found but not true and true but not found (search)
  --db PATH   (actors) extract with that archive's registry dictionary, as ingest does, to see
              how spellings learnt from earlier articles change the scores
  --engine E  (search) embedded (default) or meilisearch (needs MEILI_URL; MEILI_MASTER_KEY
              optional; uses the index eval_search, replaced)
  --reuse     (search) keep the index between runs and reuse it when it holds the corpus
              (do not use it to measure an engine that has changed since the index was built)
  --check     (search) exit 1 when a query misses the engine's target: within 5% of its truth
              on embedded, 10% on Meilisearch
  --features FILE
              (stories) write each labelled pair's coverage features as JSON, for fitting
  --write-frequencies
              (stories) recount the coverage profile's document-frequency table from ../shared
  --help      this text
`;

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const EVAL = join(ROOT, 'packages/ingest/eval');
const SHARED = resolve(ROOT, '../shared');
const TYPES: ActorType[] = ['person', 'organization', 'state', 'group'];

interface LabelledArticle {
  source: 'seed' | 'allsides';
  path: string;
  /** dev: labelled while the rules were built; holdout: labelled afterwards, never tuned on. */
  split?: 'dev' | 'holdout';
  actors: Partial<Record<ActorType, string[]>>;
}

interface Loaded {
  title: string;
  body: string;
  byline: string | null;
  publishedAt: string | null;
}

/** Reads a labelled article from ../shared: a seed (first line is the title) or a corpus JSON. */
function load(path: string): Loaded {
  const text = readFileSync(join(SHARED, path), 'utf8');
  if (path.endsWith('.json')) {
    const a = JSON.parse(text) as {
      title: string;
      content_original: string;
      authors?: string;
      date?: string;
    };
    const date = /^\d{4}-\d{2}-\d{2}$/.test(a.date ?? '') ? a.date! : null;
    return {
      title: a.title,
      body: a.content_original,
      byline: a.authors || null,
      publishedAt: date,
    };
  }
  const [title = '', ...rest] = text.split('\n');
  return { title, body: rest.join('\n'), byline: null, publishedAt: null };
}

interface Score {
  tp: number;
  fp: number;
  fn: number;
}
const ratio = (a: number, b: number) => (b === 0 ? 1 : a / b);
function prf(s: Score) {
  const p = ratio(s.tp, s.tp + s.fp);
  const r = ratio(s.tp, s.tp + s.fn);
  return { p, r, f1: p + r === 0 ? 0 : (2 * p * r) / (p + r) };
}
const pct = (x: number) => x.toFixed(3);

/** Scores actor extraction; returns the overall scores for tests and the exit code. */
export function evalActors(
  verbose: boolean,
  out: (line: string) => void = console.log,
  dictionary: DictionaryEntry[] = [],
) {
  const labelled = (
    JSON.parse(readFileSync(join(EVAL, 'actors.json'), 'utf8')) as { articles: LabelledArticle[] }
  ).articles;
  const extract = createActorExtractor(dictionary);
  const overall: Score = { tp: 0, fp: 0, fn: 0 };
  const bySplit = { dev: { tp: 0, fp: 0, fn: 0 }, holdout: { tp: 0, fp: 0, fn: 0 } };
  const byType = Object.fromEntries(TYPES.map((t) => [t, { tp: 0, fp: 0, fn: 0 }])) as Record<
    ActorType,
    Score
  >;
  let articles = 0;
  let worstMs = 0;
  let totalMs = 0;
  for (const item of labelled) {
    const a = load(item.path);
    const t0 = performance.now();
    const mentions = extract(a);
    const ms = performance.now() - t0;
    totalMs += ms;
    worstMs = Math.max(worstMs, ms);
    articles++;
    const predicted = new Map<string, ActorType>();
    for (const m of mentions) predicted.set(m.id ?? slugify(m.name), m.type);
    const gold = new Map<string, ActorType>();
    for (const t of TYPES) for (const id of item.actors[t] ?? []) gold.set(id, t);
    const missed: string[] = [];
    const spurious: string[] = [];
    const split = bySplit[item.split ?? 'dev'];
    for (const [id, t] of gold) {
      const p = predicted.get(id);
      if (p) {
        overall.tp++;
        split.tp++;
      } else {
        overall.fn++;
        split.fn++;
        missed.push(`${id} (${t})`);
      }
      if (p === t) byType[t].tp++;
      else byType[t].fn++;
    }
    for (const [id, t] of predicted) {
      if (!gold.has(id)) {
        overall.fp++;
        split.fp++;
        spurious.push(`${id} (${t})`);
      }
      if (gold.get(id) !== t) byType[t].fp++;
    }
    if (verbose && (missed.length || spurious.length)) {
      out(`${item.path}`);
      if (missed.length) out(`  missed:   ${missed.join(', ')}`);
      if (spurious.length) out(`  spurious: ${spurious.join(', ')}`);
    }
  }
  const all = prf(overall);
  out(`actors: ${articles} labelled articles, ${overall.tp + overall.fn} labelled actors`);
  out('type          precision  recall  F1     (tp/fp/fn)');
  for (const t of TYPES) {
    const s = prf(byType[t]);
    out(
      `${t.padEnd(13)} ${pct(s.p).padEnd(10)} ${pct(s.r).padEnd(7)} ${pct(s.f1).padEnd(6)} (${byType[t].tp}/${byType[t].fp}/${byType[t].fn})`,
    );
  }
  out(
    `${'overall'.padEnd(13)} ${pct(all.p).padEnd(10)} ${pct(all.r).padEnd(7)} ${pct(all.f1).padEnd(6)} (${overall.tp}/${overall.fp}/${overall.fn})`,
  );
  for (const [name, sc] of Object.entries(bySplit)) {
    const r = prf(sc);
    const n = labelled.filter((a) => (a.split ?? 'dev') === name).length;
    out(
      `  ${name.padEnd(11)} ${pct(r.p).padEnd(10)} ${pct(r.r).padEnd(7)} ${pct(r.f1).padEnd(6)} (${sc.tp}/${sc.fp}/${sc.fn}, ${n} articles)`,
    );
  }
  out(
    `targets: precision >= 0.90, recall >= 0.85 (overall matches by actor id; per type also needs the type right)`,
  );
  out(
    `extraction time: ${(totalMs / articles).toFixed(2)} ms/article on average, worst ${worstMs.toFixed(1)} ms`,
  );
  return all;
}

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandLine(argv, {
    verbose: { type: 'boolean' },
    db: { type: 'string' },
    engine: { type: 'string', default: 'embedded' },
    reuse: { type: 'boolean' },
    check: { type: 'boolean' },
    features: { type: 'string' },
    'write-frequencies': { type: 'boolean' },
    help: { type: 'boolean' },
  });
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  const [what, ...extra] = positionals;
  if (extra.length || (what !== 'actors' && what !== 'stories' && what !== 'search'))
    throw new UsageError('expected "actors", "stories" or "search"');
  if (what === 'search') {
    if (values.engine !== 'embedded' && values.engine !== 'meilisearch')
      throw new UsageError('--engine must be embedded or meilisearch');
    const env = loadEnv();
    if (values.engine === 'meilisearch' && !env.MEILI_URL) {
      console.log('eval search: skipped: --engine meilisearch needs MEILI_URL');
      return 0;
    }
    return runSearchEval({
      engine: values.engine,
      meili: env.MEILI_URL
        ? { url: env.MEILI_URL, key: env.MEILI_MASTER_KEY, index: 'eval_search' }
        : undefined,
      verbose: !!values.verbose,
      check: !!values.check,
      reuse: !!values.reuse,
    });
  }
  if (!existsSync(SHARED)) {
    process.stderr.write(`eval: ${SHARED} is missing; the labelled articles are read from there\n`);
    return 1;
  }
  if (what === 'actors') {
    let dictionary: DictionaryEntry[] = [];
    if (values.db) {
      if (!existsSync(values.db)) throw new UsageError(`no archive at ${values.db}`);
      const archive = openArchive({ path: values.db, readonly: true });
      dictionary = archive.actors.dictionary();
      archive.close();
      console.log(`registry dictionary: ${dictionary.length} spellings from ${values.db}`);
    }
    evalActors(!!values.verbose, console.log, dictionary);
    evalActorsUnseen(EVAL, SHARED, !!values.verbose, console.log, dictionary);
  } else if (values['write-frequencies']) writeFrequencies(ROOT, SHARED);
  else evalStories(EVAL, SHARED, { verbose: !!values.verbose, features: values.features });
  return 0;
}

if (isMain(import.meta.url)) await runCommand('eval', () => main(process.argv.slice(2)));
