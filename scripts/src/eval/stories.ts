import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  COVERAGE_THRESHOLD,
  COVERAGE_WINDOW_DAYS,
  coverageFeatures,
  coverageKeys,
  coverageScore,
  slugify,
  type CoverageProfile,
} from '@newsarchive/core';
import {
  coverageProfile,
  formatFrequencies,
  frequencyModule,
  minhashSignature,
  profileTerms,
} from '@newsarchive/ingest';
import { bandKeys, sameCopy } from '@newsarchive/archive';
import { normaliseDate } from '../bench/corpus.ts';

/**
 * `npm run eval -- stories`: groups the whole allsides corpus as the archive would (copies by
 * MinHash, stories by coverage links, both as connected groups) and scores the groups on the
 * labelled pairs of packages/ingest/eval/stories.json. Grouping the whole corpus, not just the
 * pairs, is what makes the score honest: a chain of links through unlabelled articles can join
 * two labelled "different" reports, and the eval sees it.
 */

interface LabelledPair {
  a: string;
  b: string;
  /** same: one report retold (a copy); same-event: other outlets' own reports of one event. */
  label: 'same' | 'same-event' | 'different';
  note?: string;
  split?: 'dev' | 'holdout';
}

interface Article {
  path: string;
  title: string;
  body: string;
  outlet: string | null;
  publishedAt: string | null;
}

function readArticle(shared: string, path: string): Article | null {
  const file = join(shared, path);
  if (!existsSync(file)) return null;
  const text = readFileSync(file, 'utf8');
  if (path.endsWith('.json')) {
    const a = JSON.parse(text) as {
      title?: string;
      content_original?: string;
      source?: string;
      date?: string;
    };
    if (!a.title || !a.content_original) return null;
    return {
      path,
      title: a.title,
      body: a.content_original,
      outlet: a.source ? slugify(a.source) : null,
      publishedAt: normaliseDate(a.date),
    };
  }
  const [title = '', ...rest] = text.split('\n');
  return { path, title, body: rest.join('\n'), outlet: null, publishedAt: null };
}

const CORPUS = 'corpus/allsides/data/jsons';

function corpus(shared: string, extra: string[]): Article[] {
  const paths = new Set(extra);
  const dir = join(shared, CORPUS);
  if (existsSync(dir))
    for (const name of readdirSync(dir)) if (name.endsWith('.json')) paths.add(`${CORPUS}/${name}`);
  return [...paths].map((p) => readArticle(shared, p)).filter((a): a is Article => a !== null);
}

class Groups {
  private parent: number[];
  constructor(n: number) {
    this.parent = Array.from({ length: n }, (_, i) => i);
  }
  find(i: number): number {
    while (this.parent[i] !== i) i = this.parent[i] = this.parent[this.parent[i]!]!;
    return i;
  }
  join(a: number, b: number) {
    this.parent[this.find(a)] = this.find(b);
  }
}

export interface Grouping {
  copies: Groups;
  stories: Groups;
  profiles: CoverageProfile[];
  index: Map<string, number>;
  articles: Article[];
  /** Profile pairs scored: the work the archive does per article, summed. */
  compared: number;
}

/** Copies and stories over the given articles, by the archive's rules. */
export function group(articles: Article[]): Grouping {
  const index = new Map(articles.map((a, i) => [a.path, i]));
  const profiles = articles.map((a) =>
    coverageProfile({
      title: a.title,
      body: a.body,
      publishedAt: a.publishedAt,
      outletId: a.outlet,
    }),
  );
  const minhashes = articles.map((a) => minhashSignature(a.body));
  const copies = new Groups(articles.length);
  const stories = new Groups(articles.length);

  const bands = new Map<number, number[]>();
  minhashes.forEach((m, i) => {
    for (const k of bandKeys(m)) {
      let list = bands.get(k);
      if (!list) bands.set(k, (list = []));
      list.push(i);
    }
  });
  for (const members of bands.values()) {
    if (members.length < 2 || members.length > 200) continue;
    for (let x = 0; x < members.length; x++)
      for (let y = x + 1; y < members.length; y++) {
        const i = members[x]!;
        const j = members[y]!;
        if (copies.find(i) === copies.find(j)) continue;
        const a = { minhash: minhashes[i]!, publishedAt: articles[i]!.publishedAt };
        const b = { minhash: minhashes[j]!, publishedAt: articles[j]!.publishedAt };
        if (sameCopy(a, b)) {
          copies.join(i, j);
          stories.join(i, j);
        }
      }
  }

  // Filed under (key term, day), looked up over the window: as the archive's story_terms.
  const filed = new Map<string, number[]>();
  profiles.forEach((p, i) => {
    if (p.day === null) return;
    for (const t of coverageKeys(p)) {
      const key = `${t}\u0000${p.day}`;
      let list = filed.get(key);
      if (!list) filed.set(key, (list = []));
      list.push(i);
    }
  });
  let compared = 0;
  profiles.forEach((p, i) => {
    if (p.day === null) return;
    const seen = new Set<number>();
    for (const t of coverageKeys(p))
      for (let d = p.day - COVERAGE_WINDOW_DAYS; d <= p.day + COVERAGE_WINDOW_DAYS; d++)
        for (const j of filed.get(`${t}\u0000${d}`) ?? []) {
          if (j <= i || seen.has(j)) continue;
          seen.add(j);
          compared++;
          if (coverageScore(p, profiles[j]!) >= COVERAGE_THRESHOLD) stories.join(i, j);
        }
  });
  return { copies, stories, profiles, index, articles, compared };
}

interface Tally {
  tp: number;
  fp: number;
  fn: number;
}
export interface Rates {
  precision: number;
  recall: number;
}
const rates = (t: Tally): Rates => ({
  precision: t.tp / (t.tp + t.fp),
  recall: t.tp / (t.tp + t.fn),
});
const pct = (x: number) => (Number.isFinite(x) ? x.toFixed(3) : 'n/a');
function line(name: string, t: Tally) {
  const p = t.tp / (t.tp + t.fp);
  const r = t.tp / (t.tp + t.fn);
  return `${name.padEnd(22)} precision ${pct(p)}  recall ${pct(r)}  (tp ${t.tp}, fp ${t.fp}, fn ${t.fn})`;
}

export function evalStories(
  evalDir: string,
  shared: string,
  options: { verbose?: boolean; features?: string } = {},
  out: (line: string) => void = console.log,
): { stories: Rates; copies: Rates } {
  const pairs = (
    JSON.parse(readFileSync(join(evalDir, 'stories.json'), 'utf8')) as { pairs: LabelledPair[] }
  ).pairs;
  const started = performance.now();
  const g = group(
    corpus(
      shared,
      pairs.flatMap((p) => [p.a, p.b]),
    ),
  );
  const seconds = (performance.now() - started) / 1000;

  const usable = pairs.filter((p) => g.index.has(p.a) && g.index.has(p.b));
  const tallies = new Map<string, Tally>();
  const tally = (name: string) => {
    let t = tallies.get(name);
    if (!t) tallies.set(name, (t = { tp: 0, fp: 0, fn: 0 }));
    return t;
  };
  const rows: object[] = [];
  for (const p of usable) {
    const i = g.index.get(p.a)!;
    const j = g.index.get(p.b)!;
    const copy = g.copies.find(i) === g.copies.find(j);
    const story = g.stories.find(i) === g.stories.find(j);
    for (const name of ['all', p.split ?? 'dev']) {
      // Stories: every same-story label counts; copies: only retellings against differents.
      const s = tally(`stories ${name}`);
      if (p.label === 'different') s.fp += story ? 1 : 0;
      else if (story) s.tp++;
      else s.fn++;
      if (p.label !== 'same-event') {
        const c = tally(`copies ${name}`);
        if (p.label === 'different') c.fp += copy ? 1 : 0;
        else if (copy) c.tp++;
        else c.fn++;
      }
    }
    const f = coverageFeatures(g.profiles[i]!, g.profiles[j]!);
    if (options.features) rows.push({ label: p.label, split: p.split, ...f });
    if (options.verbose) {
      const score = coverageScore(g.profiles[i]!, g.profiles[j]!);
      out(
        `${story ? 'STORY' : 'apart'} ${copy ? 'copy' : '    '} ${Number.isFinite(score) ? score.toFixed(2).padStart(6) : '   n/a'} ${p.label.padEnd(10)} ${p.note ?? ''}`,
      );
    }
  }
  if (options.features) writeFileSync(options.features, `${JSON.stringify(rows, null, 1)}\n`);

  const sizes = new Map<number, number>();
  for (let i = 0; i < g.articles.length; i++) {
    const r = g.stories.find(i);
    sizes.set(r, (sizes.get(r) ?? 0) + 1);
  }
  const multi = [...sizes.values()].filter((n) => n > 1);
  const grouped = multi.reduce((s, n) => s + n, 0);
  out(
    `stories: ${g.articles.length} articles grouped in ${seconds.toFixed(1)} s; ${multi.length} stories of 2 or more hold ${grouped} articles (${((100 * grouped) / g.articles.length).toFixed(1)}%), the largest ${Math.max(0, ...multi)}; ${(g.compared / g.articles.length).toFixed(1)} candidates scored per article`,
  );
  const count = (label: string) => usable.filter((p) => p.label === label).length;
  out(
    `labelled pairs: ${count('same')} copies, ${count('same-event')} same event, ${count('different')} different (${pairs.length - usable.length} unreadable)`,
  );
  for (const name of ['all', 'dev', 'holdout']) {
    out(line(`stories (${name})`, tally(`stories ${name}`)));
  }
  for (const name of ['all', 'dev', 'holdout']) {
    out(line(`copies (${name})`, tally(`copies ${name}`)));
  }
  return { stories: rates(tally('stories all')), copies: rates(tally('copies all')) };
}

/** Writes the coverage profile's document-frequency table from the corpus. */
export function writeFrequencies(
  root: string,
  shared: string,
  out: (line: string) => void = console.log,
) {
  const module = join(root, 'packages/ingest/src/stories/document-frequencies.ts');
  const docs: string[][] = [];
  for (const a of corpus(shared, [])) docs.push(profileTerms(`${a.title}\n${a.body}`));
  writeFileSync(module, frequencyModule(formatFrequencies(docs)));
  out(`wrote ${module}: ${docs.length} documents`);
}
