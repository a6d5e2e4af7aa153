import { z } from 'zod';

/**
 * Coverage: which articles report the same event, across outlets and in their own words.
 *
 * Ingest reduces an article to a CoverageProfile (packages/ingest/src/stories/profile.ts); the
 * archive links two articles when `coverageScore` of their profiles reaches COVERAGE_THRESHOLD
 * and groups linked articles into one story (packages/archive/src/stories.ts). The score lives
 * here because both the archive and the evaluation (`npm run eval -- stories`) apply it.
 */

/** A weighted term: the word (lower-cased, plural folded) and its share of a unit vector. */
export const CoverageProfile = z.object({
  /** Publication day as days since 1970-01-01; null (undated) articles are never linked. */
  day: z.number().int().nullable(),
  outlet: z.string().nullable(),
  /** Title (twice) and lead as tf-idf weights: [term, weight] pairs, heaviest first. */
  terms: z.array(z.tuple([z.string(), z.number()])),
  /** The Euclidean norm of all of `terms`' weights. */
  norm: z.number(),
  /** The title's terms. */
  title: z.array(z.string()),
  /** Capitalised words of the title after its first word: who and where the headline names. */
  titleNames: z.array(z.string()),
  /** Names in title and lead, each with the idf of its rarest word: [name, weight]. */
  names: z.array(z.tuple([z.string(), z.number()])),
  /** Figures in the lead (casualty counts, sums, scores): two reports of one event share them. */
  numbers: z.array(z.string()),
});
export type CoverageProfile = z.infer<typeof CoverageProfile>;

/** Two reports of one event appear within days of each other. */
export const COVERAGE_WINDOW_DAYS = 2;
/** Terms of a profile under which the archive files it for candidate lookup. */
export const COVERAGE_KEY_TERMS = 10;

/**
 * Logistic-regression weights over the pair features below, fitted on the dev split of
 * packages/ingest/eval/stories.json (same-story and same-event pairs against hard negatives:
 * same topic, same actors, days apart, same outlet). See `npm run eval -- stories`.
 */
export const COVERAGE_WEIGHTS = {
  bias: -1.3,
  terms: 0.64,
  shared: 3.17,
  title: 4.96,
  titleNames: 0.05,
  names: 1.61,
  numbers: 0,
  sameOutlet: -1.83,
  dayApart: -2.15,
} as const;
/**
 * The score at which two articles are linked: chosen for precision over recall (pair precision
 * 0.987, recall 0.608 on the labelled pairs; docs/benchmarks.md has the curve).
 */
export const COVERAGE_THRESHOLD = 2.5;

/**
 * Lookup structures of a profile, built once per profile object: the archive compares one new
 * article with up to hundreds of stored ones, and keeps their parsed profiles between articles.
 */
interface Derived {
  terms: Map<string, number>;
  names: Map<string, number>;
  namesTotal: number;
  title: Set<string>;
  titleNames: Set<string>;
  numbers: Set<string>;
}
const derivedOf = new WeakMap<CoverageProfile, Derived>();
function derived(p: CoverageProfile): Derived {
  let d = derivedOf.get(p);
  if (!d) {
    d = {
      terms: new Map(p.terms),
      names: new Map(p.names),
      namesTotal: p.names.reduce((s, [, w]) => s + w, 0),
      title: new Set(p.title),
      titleNames: new Set(p.titleNames),
      numbers: new Set(p.numbers),
    };
    derivedOf.set(p, d);
  }
  return d;
}

/** The cosine of two weighted term lists and the weight they share (sum of the smaller). */
function overlap(a: CoverageProfile, b: CoverageProfile): { cosine: number; shared: number } {
  const m = derived(b).terms;
  let dot = 0;
  let shared = 0;
  for (const [t, w] of a.terms) {
    const v = m.get(t);
    if (v === undefined) continue;
    dot += w * v;
    shared += Math.min(w, v);
  }
  return { cosine: dot / (a.norm * b.norm || 1), shared };
}

function jaccard(a: Set<string>, b: Set<string>): number {
  if (!a.size || !b.size) return 0.5; // unknown, neither for nor against
  let shared = 0;
  for (const x of a) if (b.has(x)) shared++;
  return shared / (a.size + b.size - shared);
}

/** The weight of the names both profiles hold, over the weight of all their names. */
function weightedOverlap(a: Derived, b: Derived): number {
  let shared = 0;
  let bOnly = b.namesTotal;
  for (const [n, w] of a.names) {
    const other = b.names.get(n);
    if (other === undefined) continue;
    shared += w;
    bOnly -= other;
  }
  const all = a.namesTotal + bOnly;
  return all ? shared / all : 0;
}

export interface CoverageFeatures {
  terms: number;
  shared: number;
  title: number;
  titleNames: number;
  names: number;
  numbers: number;
  sameOutlet: number;
  dayApart: number;
}

/** The pair features, or null when the two cannot be one event (undated, or days apart). */
export function coverageFeatures(a: CoverageProfile, b: CoverageProfile): CoverageFeatures | null {
  if (a.day === null || b.day === null) return null;
  const apart = Math.abs(a.day - b.day);
  if (apart > COVERAGE_WINDOW_DAYS) return null;
  const da = derived(a);
  const db = derived(b);
  let sharedNumbers = 0;
  for (const n of da.numbers) if (db.numbers.has(n)) sharedNumbers++;
  const o = overlap(a, b);
  return {
    terms: o.cosine,
    shared: Math.min(o.shared / 100, 1),
    title: jaccard(da.title, db.title),
    titleNames: jaccard(da.titleNames, db.titleNames),
    names: weightedOverlap(da, db),
    numbers: Math.min(sharedNumbers, 3) / 3,
    sameOutlet: a.outlet !== null && a.outlet === b.outlet ? 1 : 0,
    dayApart: apart / COVERAGE_WINDOW_DAYS,
  };
}

/** The link score of two profiles; -Infinity when they cannot be one event. */
export function coverageScore(a: CoverageProfile, b: CoverageProfile): number {
  const f = coverageFeatures(a, b);
  if (!f) return -Infinity;
  const w = COVERAGE_WEIGHTS;
  return (
    w.bias +
    w.terms * f.terms +
    w.shared * f.shared +
    w.title * f.title +
    w.titleNames * f.titleNames +
    w.names * f.names +
    w.numbers * f.numbers +
    w.sameOutlet * f.sameOutlet +
    w.dayApart * f.dayApart
  );
}

/** The terms under which a profile is filed and looked up: its heaviest few. */
export function coverageKeys(p: CoverageProfile): string[] {
  return p.terms.slice(0, COVERAGE_KEY_TERMS).map(([t]) => t);
}
