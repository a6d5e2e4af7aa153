import { randomBytes } from 'node:crypto';
import type { Database, Statement } from 'better-sqlite3';
import { NUM_HASHES, signatureSimilarity, mix32 } from '@newsarchive/core';

/**
 * Copies: which stored articles retell the same report as a new one (a wire copy, a
 * republication, a rewrite that keeps the quotes, an update). A story (stories.ts) holds one or
 * more copies; its other reports are linked by coverage, not by shared text.
 *
 * The signature is ingest's MinHash of 3-word shingles (256 hashes, see
 * packages/ingest/src/stories/minhash.ts). Here:
 * - BANDS = 85 bands of ROWS = 3 hashes (255 of the 256). Two articles whose shingle sets have
 *   Jaccard similarity s share at least one band with probability 1 - (1 - s^3)^85: 25% at
 *   s = 0.15, 50% at 0.2, 74% at 0.25, 90% at 0.3, 99.6% at 0.4. Unrelated articles (s ~ 0.01)
 *   collide with probability ~1e-4, so at 100,000 articles a new one meets ~10 chance candidates.
 *   A story with several versions is usually joined through any one of them.
 * - SAME_COPY_THRESHOLD = 0.22 estimated similarity, checked on every candidate. On the labelled
 *   pairs (packages/ingest/eval/stories.json) wire copies and syndicated columns measure 0.7-1,
 *   rewrites and same-day updates 0.25-0.6, while different reports inside the date window that
 *   share background paragraphs measure up to 0.20 and independent coverage of one event
 *   0.00-0.14. The threshold sits in that gap, about one standard error (0.026) from each side.
 * - DATE_WINDOW_DAYS = 7: versions of one report appear within days. When both dates are known
 *   and further apart, the articles are different stories even if they share boilerplate (The
 *   Hill's recurring teasers make unrelated articles months apart measure 0.1-0.4).
 * - Heavy paraphrases (the seeds 001/002 retell one AP report in new words: 0.04) are beyond
 *   shingles; they stay separate stories.
 */
export { NUM_HASHES, signatureSimilarity };
export const BANDS = 85;
export const ROWS = 3;
export const SAME_COPY_THRESHOLD = 0.22;
export const DATE_WINDOW_DAYS = 7;

/**
 * A new copy group's id: random, so it says nothing about its articles (as story ids). Copy ids
 * from before migration 11 are the story ids of that time (`st_…`); both are opaque.
 */
export function newCopyId(): string {
  return `cp_${randomBytes(8).toString('hex')}`;
}

export interface StoryCandidate {
  id: string;
  /** The article's story_ref: how story_bands refers to it (an integer, smaller than its id). */
  ref: number;
  publishedAt: string | null;
  minhash: number[];
  /** The signature stored before this version (an update): its bands are removed by key. */
  previousMinhash?: number[];
}

const BAND_KEY_SPAN = 2 ** 32;

/**
 * LSH band keys of a signature; empty when the article has no signature. A key is the band index
 * above the band's 32-bit hash (at most 85 * 2^32, well inside 2^53): an integer keeps each
 * story_bands entry about a third the size of the text key it replaces, with the same meaning.
 */
export function bandKeys(sig: readonly number[]): number[] {
  if (sig.length !== NUM_HASHES) return [];
  const out = new Array<number>(BANDS);
  // 85 x 3 = 255: the last hash only sharpens the similarity estimate.
  for (let b = 0; b < BANDS; b++) {
    let h = 0x811c9dc5 ^ b;
    for (let r = 0; r < ROWS; r++) h = mix32(Math.imul(h, 31) ^ sig[b * ROWS + r]!);
    out[b] = b * BAND_KEY_SPAN + h;
  }
  return out;
}

function dayNumber(day: string): number {
  return Math.floor(Date.parse(`${day}T00:00:00Z`) / 86_400_000);
}

/** True when both dates are known and further apart than the window. */
export function outsideDateWindow(
  a: string | null,
  b: string | null,
  days = DATE_WINDOW_DAYS,
): boolean {
  if (!a || !b) return false;
  const d = Math.abs(dayNumber(a) - dayNumber(b));
  return Number.isFinite(d) && d > days;
}

/** True when two signatures share an LSH band, i.e. the archive would compare them at all. */
export function shareBand(a: readonly number[], b: readonly number[]): boolean {
  const keys = new Set(bandKeys(a));
  return bandKeys(b).some((k) => keys.has(k));
}

/** The story rule for two articles: similar enough and, when both are dated, close in time. */
export function sameCopy(
  a: { minhash: readonly number[]; publishedAt: string | null },
  b: { minhash: readonly number[]; publishedAt: string | null },
): boolean {
  if (outsideDateWindow(a.publishedAt, b.publishedAt)) return false;
  return signatureSimilarity(a.minhash, b.minhash) >= SAME_COPY_THRESHOLD;
}

/**
 * Reads a stored signature: little-endian float64s (archive.ts today, 2 KB) or uint32s (1 KB;
 * enough, as every value is an unsigned 32-bit integer). The length tells them apart.
 */
export function decodeMinhash(blob: Buffer | null): number[] {
  if (!blob || blob.length === 0) return [];
  if (blob.length === NUM_HASHES * 4) {
    const out = new Array<number>(NUM_HASHES);
    for (let i = 0; i < NUM_HASHES; i++) out[i] = blob.readUInt32LE(i * 4);
    return out;
  }
  const out = new Array<number>(blob.length >>> 3);
  for (let i = 0; i < out.length; i++) out[i] = blob.readDoubleLE(i * 8);
  return out;
}

/**
 * A band shared by more articles than MAX_BAND_MEMBERS is mostly boilerplate (a footer, a
 * recurring teaser): only its first OVERSIZED_BAND_SAMPLE members are compared, which bounds the
 * work per insert and still finds a story that really has hundreds of copies (its members all
 * carry the same storyId).
 */
export const MAX_BAND_MEMBERS = 200;
export const OVERSIZED_BAND_SAMPLE = 10;

// Every statement below takes a signature's BANDS keys as that many bound parameters: a JSON
// array read through json_each cost more to build and parse than the band lookups themselves.
const KEY_PARAMS = Array.from({ length: BANDS }, () => '?').join(', ');

interface StoryStatements {
  /** Members of each non-empty band of a signature (comma-separated refs), in one round trip. */
  byBands: Statement<number[], { refs: string }>;
  row: Statement<
    [number],
    { copy_id: string; published_at: string | null; minhash: Buffer | null }
  >;
  /** An article's ref, then its BANDS keys. */
  insertAll: Statement<number[]>;
  /** An article's bands, found by their keys through the primary key (no by-article index). */
  clearKeys: Statement<number[]>;
  /** Whether a copy group has a member other than the given article. */
  others: Statement<[string, string], number>;
}
// Prepared once per connection: ingest assigns a story to every article it stores.
const statements = new WeakMap<Database, StoryStatements>();
function prepared(db: Database): StoryStatements {
  let s = statements.get(db);
  if (!s) {
    s = {
      byBands: db.prepare<number[], { refs: string }>(
        `SELECT refs FROM (
           SELECT (SELECT group_concat(article_ref) FROM
                    (SELECT article_ref FROM story_bands WHERE band_key = k.column1
                     LIMIT ${MAX_BAND_MEMBERS + 1})) AS refs
           FROM (VALUES ${Array.from({ length: BANDS }, () => '(?)').join(', ')}) k)
         WHERE refs IS NOT NULL`,
      ),
      row: db.prepare('SELECT copy_id, published_at, minhash FROM articles WHERE story_ref = ?'),
      insertAll: db.prepare(
        `INSERT OR IGNORE INTO story_bands (band_key, article_ref)
         SELECT k.column1, r.column1 FROM (VALUES (?)) r,
           (VALUES ${Array.from({ length: BANDS }, () => '(?)').join(', ')}) k`,
      ),
      clearKeys: db.prepare(
        `DELETE FROM story_bands WHERE article_ref = ? AND band_key IN (${KEY_PARAMS})`,
      ),
      others: db
        .prepare<[string, string], number>(
          'SELECT 1 FROM articles WHERE copy_id = ? AND id != ? LIMIT 1',
        )
        .pluck(),
    };
    statements.set(db, s);
  }
  return s;
}

/** The copy group an article joins, and the stored article it was found most similar to. */
export interface CopyAssignment {
  copyId: string;
  /** The story_ref of the closest stored copy; null when the article starts its own group. */
  closestRef: number | null;
}

/**
 * Chooses the copy group an article belongs to and records its fingerprint bands under `ref`
 * (the article's story_ref; a new article need not be stored yet): the group of the most similar
 * stored article that passes the copy rule, else the article's current group when it is that
 * group's only member, else a new group. Call inside the upsert's transaction.
 */
export function assignCopy(
  db: Database,
  article: StoryCandidate,
  currentCopyId: string | null,
): CopyAssignment {
  const st = prepared(db);
  // A new article has no bands yet; an update's old bands are derived from its old signature.
  const oldKeys = bandKeys(article.previousMinhash ?? []);
  if (oldKeys.length) st.clearKeys.run(article.ref, ...oldKeys);
  const keys = bandKeys(article.minhash);
  // No stored version passes the rule: the article is a group of its own (and leaves the group
  // it was in when its body changed beyond recognition).
  const ownGroup = (): CopyAssignment => ({
    copyId:
      currentCopyId !== null && st.others.get(currentCopyId, article.id) === undefined
        ? currentCopyId
        : newCopyId(),
    closestRef: null,
  });
  if (keys.length === 0) return ownGroup();

  const candidates = new Set<number>();
  for (const band of st.byBands.all(...keys)) {
    let refs = band.refs.split(',');
    if (refs.length > MAX_BAND_MEMBERS) refs = refs.slice(0, OVERSIZED_BAND_SAMPLE);
    for (const ref of refs) candidates.add(Number(ref));
  }
  candidates.delete(article.ref);

  let best: { copyId: string; ref: number; score: number } | null = null;
  for (const ref of candidates) {
    const r = st.row.get(ref);
    if (!r) continue;
    const other = { minhash: decodeMinhash(r.minhash), publishedAt: r.published_at };
    if (!sameCopy(article, other)) continue;
    const score = signatureSimilarity(article.minhash, other.minhash);
    if (!best || score > best.score) best = { copyId: r.copy_id, ref, score };
  }

  st.insertAll.run(article.ref, ...keys);
  return best ? { copyId: best.copyId, closestRef: best.ref } : ownGroup();
}
