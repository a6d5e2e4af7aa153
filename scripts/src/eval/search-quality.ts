import { existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openArchive } from '@newsarchive/archive';
import { SearchRequest, type SearchDocument } from '@newsarchive/core';
import type { SearchEngine } from '@newsarchive/search';
import { createEmbeddedEngine } from '@newsarchive/search/embedded';
import { fmt, formatDuration } from '../cli.ts';
import { corpusDocuments } from '../bench/corpus.ts';
import { corpusDir, machine } from '../bench/figures.ts';
import { SEARCH_QUERIES, type QualityQuery } from './search-queries.ts';
import { fold, type Fields } from './truth.ts';

/** How close each engine's hit count must come to the truth (relative). */
export const TARGET = { embedded: 0.05, meilisearch: 0.1 } as const;
/** Hits per query whose text is checked against the truth. */
const TOP = 20;

export interface QueryResult {
  query: QualityQuery;
  found: number;
  exact: boolean;
  truth: number;
  /** |found - truth| / truth (0 when both are 0, 1 when only the truth is 0). */
  error: number;
  /** Of the first TOP hits, how many satisfy the truth, and the ids of those that do not. */
  topChecked: number;
  topWrong: string[];
  read: string | null;
}

/**
 * The fields the engines index, folded: title, body, and each name (actors, outlet, byline) on
 * its own — a phrase does not run from one name into the next.
 */
export function indexedFields(doc: SearchDocument): Fields {
  const names = [...doc.actors.map((a) => a.name), doc.outlet?.name ?? '', doc.byline ?? ''];
  return [fold(doc.title), fold(doc.body), ...names.filter((n) => n !== '').map(fold)];
}

export const relativeError = (found: number, truth: number) =>
  truth === 0 ? (found === 0 ? 0 : 1) : Math.abs(found - truth) / truth;

/** Every hit id of a query, page by page (for the examples --verbose prints). */
async function allHitIds(engine: SearchEngine, q: string, limit: number): Promise<Set<string>> {
  const ids = new Set<string>();
  for (let page = 1; ids.size < limit; page++) {
    const res = await engine.search(SearchRequest.parse({ q, page, perPage: 100 }));
    for (const h of res.hits) ids.add(h.id);
    if (res.hits.length < 100) break;
  }
  return ids;
}

function snippetAround(fields: Fields, re: RegExp | null): string {
  const text = fields.join(' | ').replace(/\s+/g, ' ');
  const at = re ? Math.max(0, text.search(re)) : 0;
  return text.slice(Math.max(0, at - 60), at + 100);
}

export interface EvalSearchOptions {
  engine: SearchEngine;
  docs: SearchDocument[];
  queries?: QualityQuery[];
  verbose?: boolean;
  out?: (line: string) => void;
}

/** Runs every query on `engine` and compares it with its truth over `docs`. */
export async function evalSearchQuality({
  engine,
  docs,
  queries = SEARCH_QUERIES,
  verbose = false,
  out = console.log,
}: EvalSearchOptions): Promise<QueryResult[]> {
  const fields = new Map(docs.map((d) => [d.id, indexedFields(d)]));
  const results: QueryResult[] = [];
  const width = Math.max(...queries.map((q) => q.q.length));
  out(
    `${'construct'.padEnd(12)} ${'query'.padEnd(width)} ${'found'.padStart(6)} ${'true'.padStart(6)} ${'error'.padStart(7)}  top${TOP}`,
  );
  for (const query of queries) {
    const truthIds = new Set<string>();
    for (const [id, f] of fields) if (query.truth(f)) truthIds.add(id);
    const res = await engine.search(SearchRequest.parse({ q: query.q, perPage: TOP }));
    const topWrong = res.hits.filter((h) => !query.truth(fields.get(h.id) ?? [])).map((h) => h.id);
    const r: QueryResult = {
      query,
      found: res.totalHits,
      exact: res.totalHitsExact,
      truth: truthIds.size,
      error: relativeError(res.totalHits, truthIds.size),
      topChecked: res.hits.length,
      topWrong,
      read: res.query?.read ?? null,
    };
    results.push(r);
    const miss = r.error > TARGET[engine.name] ? ' <' : '';
    out(
      `${query.construct.padEnd(12)} ${query.q.padEnd(width)} ${fmt(r.found).padStart(6)}${r.exact ? ' ' : '~'}${fmt(r.truth).padStart(6)} ${(r.error * 100).toFixed(1).padStart(6)}%  ${r.topChecked - topWrong.length}/${r.topChecked}${miss}`,
    );
    if (verbose && (r.found !== r.truth || topWrong.length)) {
      if (r.read !== null) out(`    read as: ${r.read}`);
      const found = await allHitIds(engine, query.q, 20_000);
      const extra = [...found].filter((id) => !truthIds.has(id));
      const missed = [...truthIds].filter((id) => !found.has(id));
      out(`    found, not true: ${fmt(extra.length)}; true, not found: ${fmt(missed.length)}`);
      for (const [label, ids] of [
        ['found, not true', extra],
        ['true, not found', missed],
      ] as const) {
        for (const id of ids.slice(0, 3))
          out(`    ${label}: ${id}: ${snippetAround(fields.get(id)!, query.hint ?? null)}`);
      }
      for (const id of topWrong.slice(0, 3))
        out(
          `    top hit not true: ${id}: ${snippetAround(fields.get(id) ?? [], query.hint ?? null)}`,
        );
    }
  }
  return results;
}

/** The summary lines: per construct, overall, the worst query and top-hit precision. */
export function summarise(results: QueryResult[], engineName: keyof typeof TARGET): string[] {
  const lines: string[] = [];
  const within = (limit: number, rs = results) => rs.filter((r) => r.error <= limit).length;
  const constructs = [...new Set(results.map((r) => r.query.construct))];
  lines.push(`${'construct'.padEnd(12)} queries  within 5%  within 10%  top${TOP} satisfying`);
  for (const c of constructs) {
    const rs = results.filter((r) => r.query.construct === c);
    const top = rs.reduce((n, r) => n + r.topChecked - r.topWrong.length, 0);
    const checked = rs.reduce((n, r) => n + r.topChecked, 0);
    lines.push(
      `${c.padEnd(12)} ${String(rs.length).padStart(7)}  ${String(within(0.05, rs)).padStart(9)}  ${String(within(0.1, rs)).padStart(10)}  ${top}/${checked}`,
    );
  }
  const worst = results.reduce((w, r) => (r.error > w.error ? r : w), results[0]!);
  const top = results.reduce((n, r) => n + r.topChecked - r.topWrong.length, 0);
  const checked = results.reduce((n, r) => n + r.topChecked, 0);
  lines.push(
    `${results.length} queries: ${within(0.05)} within 5%, ${within(0.1)} within 10% of their truth; ` +
      `target ${TARGET[engineName] * 100}% on ${engineName}: ${within(TARGET[engineName])}/${results.length} meet it`,
  );
  lines.push(
    `worst: ${worst.query.q} (found ${fmt(worst.found)}, true ${fmt(worst.truth)}, ${(worst.error * 100).toFixed(1)}%)`,
  );
  lines.push(
    `first ${TOP} hits satisfying their query: ${top}/${checked} (${((top / Math.max(1, checked)) * 100).toFixed(1)}%)`,
  );
  return lines;
}

/** The corpus as documents, each id once (the corpus repeats a few articles). */
export function uniqueCorpusDocuments(): SearchDocument[] {
  const seen = new Set<string>();
  return corpusDocuments().filter((d) => !seen.has(d.id) && seen.add(d.id));
}

export interface SearchEvalRun {
  engine: 'embedded' | 'meilisearch';
  meili?: { url: string; key: string | undefined; index: string };
  verbose: boolean;
  check: boolean;
  reuse: boolean;
  out?: (line: string) => void;
}

function* batches<T>(xs: T[], size: number): Iterable<T[]> {
  for (let i = 0; i < xs.length; i += size) yield xs.slice(i, i + size);
}

const evalDb = join(tmpdir(), 'newsarchive-eval-search', 'embedded.db');

/** `npm run eval -- search`; returns the exit code. */
export async function runSearchEval(run: SearchEvalRun): Promise<number> {
  const out = run.out ?? console.log;
  if (!existsSync(corpusDir)) {
    out(`eval search: skipped: the corpus is not at ${corpusDir} (it is not part of a clone)`);
    return 0;
  }
  const docs = uniqueCorpusDocuments();
  const t = performance.now();
  let engine: SearchEngine;
  let cleanup = () => {};
  if (run.engine === 'embedded') {
    if (!run.reuse) rmSync(join(evalDb, '..'), { recursive: true, force: true });
    const archive = openArchive({ path: evalDb });
    engine = createEmbeddedEngine({ db: archive.db });
    if ((await engine.stats()).documents !== docs.length || !run.reuse)
      await engine.rebuild(batches(docs, 1000));
    cleanup = () => {
      archive.close();
      if (!run.reuse) rmSync(join(evalDb, '..'), { recursive: true, force: true });
    };
  } else {
    const { createMeilisearchEngine } = await import('@newsarchive/search/meilisearch');
    const m = run.meili!;
    const meili = await createMeilisearchEngine({ url: m.url, masterKey: m.key, index: m.index });
    const have = (await meili.stats().catch(() => ({ documents: 0 }))).documents;
    if (have !== docs.length || !run.reuse) await meili.rebuild(batches(docs, 5000));
    else await meili.applySettings();
    engine = meili;
  }
  out(
    `eval search: ${engine.name}, ${fmt(docs.length)} corpus articles indexed in ${formatDuration(performance.now() - t)}; ${machine()}`,
  );
  try {
    const results = await evalSearchQuality({ engine, docs, verbose: run.verbose, out });
    for (const line of summarise(results, engine.name)) out(line);
    const misses = results.filter((r) => r.error > TARGET[engine.name]);
    return run.check && misses.length > 0 ? 1 : 0;
  } finally {
    await engine.close();
    cleanup();
  }
}
