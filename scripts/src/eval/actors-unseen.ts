import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { slugify, type ActorType } from '@newsarchive/core';
import {
  createActorExtractor,
  detectFormat,
  prepareArticle,
  readText,
  type DictionaryEntry,
} from '@newsarchive/ingest';

/**
 * The second actor evaluation: articles unlike the corpus the extractor was tuned on (wire copy,
 * live blogs, opinion, round-ups, local and non-US news; Wikinews from the CC BY sample), run
 * through ingest as a file of its format would be (reader, cleaning, byline, extraction), so
 * contributor lines, datelines and page furniture meet the extractor as they do in the wild.
 */

interface UnseenArticle {
  /** `unseen/<file>` in packages/ingest/eval, or `sample/<csv>#<url>` in ../shared. */
  path: string;
  split: 'dev' | 'holdout';
  actors: Partial<Record<ActorType, string[]>>;
  /** Journalists, photographers and editors credited: never to be listed as actors. */
  contributors?: string[];
}

interface Score {
  tp: number;
  fp: number;
  fn: number;
}

const TYPES: ActorType[] = ['person', 'organization', 'state', 'group'];

export interface UnseenResult {
  precision: number;
  recall: number;
  contributorsAsActors: number;
}

/** Scores extraction, through ingest, on the unseen set; prints a table like the first set's. */
export function evalActorsUnseen(
  evalDir: string,
  sharedDir: string,
  verbose: boolean,
  out: (line: string) => void = console.log,
  dictionary: DictionaryEntry[] = [],
): UnseenResult {
  const labelled = (
    JSON.parse(readFileSync(join(evalDir, 'actors-unseen.json'), 'utf8')) as {
      articles: UnseenArticle[];
    }
  ).articles;
  const extract = createActorExtractor(dictionary);
  const csvCache = new Map<string, Map<string, ReturnType<typeof readText>[number]>>();

  const rawOf = (path: string) => {
    if (path.startsWith('unseen/')) {
      const text = readFileSync(join(evalDir, path), 'utf8');
      const read = readText(text, detectFormat(path, text), path)[0];
      if (!read || read.kind !== 'article') throw new Error(`${path}: not read as an article`);
      return read.raw;
    }
    const [file, url] = path.split('#') as [string, string];
    let rows = csvCache.get(file);
    if (!rows) {
      rows = new Map();
      const text = readFileSync(join(sharedDir, file), 'utf8');
      for (const r of readText(text, 'csv', file))
        if (r.kind === 'article' && r.raw.url) rows.set(r.raw.url, r);
      csvCache.set(file, rows);
    }
    const row = rows.get(url);
    if (!row || row.kind !== 'article') throw new Error(`${path}: no such row`);
    return row.raw;
  };

  const overall: Score = { tp: 0, fp: 0, fn: 0 };
  const bySplit: Record<string, Score> = {
    dev: { tp: 0, fp: 0, fn: 0 },
    holdout: { tp: 0, fp: 0, fn: 0 },
  };
  let contributorsAsActors = 0;
  for (const item of labelled) {
    const prepared = prepareArticle(rawOf(item.path), { extractActors: extract });
    if (!prepared.ok) throw new Error(`${item.path}: ${prepared.error.reason}`);
    const predicted = new Map<string, ActorType>();
    for (const m of prepared.article.actors) predicted.set(m.id ?? slugify(m.name), m.type);
    const gold = new Map<string, ActorType>();
    for (const t of TYPES) for (const id of item.actors[t] ?? []) gold.set(id, t);
    const split = bySplit[item.split]!;
    const missed: string[] = [];
    const spurious: string[] = [];
    for (const id of gold.keys()) {
      const hit = predicted.has(id);
      for (const s of [overall, split]) {
        if (hit) s.tp++;
        else s.fn++;
      }
      if (!hit) missed.push(id);
    }
    for (const [id, t] of predicted) {
      if (gold.has(id)) continue;
      overall.fp++;
      split.fp++;
      spurious.push(`${id} (${t})`);
    }
    const credited = new Set((item.contributors ?? []).map((c) => slugify(c)));
    const asActors = [...predicted.keys()].filter(
      (id) => credited.has(id) || [...credited].some((c) => c.endsWith(`-${id}`)),
    );
    contributorsAsActors += asActors.length;
    if (verbose && (missed.length || spurious.length || asActors.length)) {
      out(`${item.path} [${item.split}]`);
      if (missed.length) out(`  missed:   ${missed.join(', ')}`);
      if (spurious.length) out(`  spurious: ${spurious.join(', ')}`);
      if (asActors.length) out(`  CONTRIBUTORS AS ACTORS: ${asActors.join(', ')}`);
    }
  }
  const p = (s: Score) => (s.tp + s.fp === 0 ? 1 : s.tp / (s.tp + s.fp));
  const r = (s: Score) => (s.tp + s.fn === 0 ? 1 : s.tp / (s.tp + s.fn));
  const line = (name: string, s: Score, n: number) =>
    out(
      `  ${name.padEnd(11)} ${p(s).toFixed(3).padEnd(10)} ${r(s).toFixed(3).padEnd(7)} (${s.tp}/${s.fp}/${s.fn}, ${n} articles)`,
    );
  out('');
  out(
    `actors, unseen sources (through ingest): ${labelled.length} articles, ${overall.tp + overall.fn} labelled actors`,
  );
  out('              precision  recall  (tp/fp/fn)');
  line('overall', overall, labelled.length);
  for (const name of ['dev', 'holdout'])
    line(name, bySplit[name]!, labelled.filter((a) => a.split === name).length);
  out(`  contributors listed as actors: ${contributorsAsActors}`);
  out('targets: precision >= 0.95, recall >= 0.90, 0 contributors (issue 20)');
  return { precision: p(overall), recall: r(overall), contributorsAsActors };
}
