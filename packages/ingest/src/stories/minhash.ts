/**
 * Story fingerprints: MinHash over word shingles. The archive bands these signatures for
 * locality-sensitive hashing and decides which articles share a story
 * (packages/archive/src/stories.ts holds the bands, the threshold and the date window).
 *
 * - SHINGLE_K = 3 words. Single words and pairs are shared by any two reports on one topic
 *   ("the gaza strip", "white house said"); 3-word shingles are mostly shared only where sentences
 *   are copied, which is what a wire copy, a rewrite that keeps the quotes, or an update does.
 * - NUM_HASHES = 256: enough for 85 LSH bands of 3 rows (see the archive) and a similarity
 *   estimate with standard error sqrt(s(1-s)/256), about 0.026 at the archive's 0.22 threshold. With
 *   one-permutation hashing the count costs nothing per shingle, only per article.
 * - Bodies with fewer than MIN_SHINGLES shingles get no signature, hence no grouping: a brief of a
 *   few lines shares a large fraction of its shingles with anything quoting the same sentence.
 */
export const SHINGLE_K = 3; // the shingle hash below combines exactly three word hashes
export const NUM_HASHES = 256;
export const MIN_SHINGLES = 20;

/** murmur3's 32-bit finaliser: a cheap, well-mixed permutation of 32-bit integers. */
function mix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

const WORD = /[\p{L}\p{N}]+/gu;

/** FNV-1a hashes of the words of a text: lower case, diacritics folded, apostrophes dropped. */
function wordHashes(text: string): number[] {
  // eslint-disable-next-line no-control-regex
  const folded = /^[\x00-\x7f]*$/.test(text)
    ? text
    : text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
  const lower = folded.toLowerCase().replace(/['’]/g, '');
  const out: number[] = [];
  for (const m of lower.matchAll(WORD)) {
    const w = m[0];
    let h = 0x811c9dc5;
    for (let i = 0; i < w.length; i++) h = Math.imul(h ^ w.charCodeAt(i), 16777619);
    out.push(h >>> 0);
  }
  return out;
}

const EMPTY = 0xffffffff;
const BIN_BITS = 8; // 2^8 = NUM_HASHES bins
const VALUE_MASK = (1 << (32 - BIN_BITS)) - 1;

/**
 * The MinHash signature of a body's 3-word shingles: NUM_HASHES unsigned 32-bit integers, or []
 * when the body is too short to fingerprint.
 *
 * One-permutation hashing with densification by rotation (Shrivastava & Li, 2014): each shingle
 * is hashed once and lands in one of the 256 bins by its top 8 bits, each bin keeps its least
 * value, and an empty bin borrows from the next non-empty bin to its right (with the distance
 * folded in). Equal positions estimate Jaccard similarity like 256 independent hash functions
 * would, at 1/256 of the cost: one hash per shingle instead of 256.
 */
export function minhashSignature(text: string): number[] {
  const w = wordHashes(text);
  const count = w.length - SHINGLE_K + 1;
  if (count < MIN_SHINGLES) return [];
  const bins = new Uint32Array(NUM_HASHES).fill(EMPTY);
  for (let i = 0; i < count; i++) {
    const x = mix(mix(mix(w[i]!) ^ w[i + 1]!) ^ w[i + 2]!);
    const bin = x >>> (32 - BIN_BITS);
    const value = x & VALUE_MASK;
    if (value < bins[bin]!) bins[bin] = value;
  }
  const sig = new Array<number>(NUM_HASHES);
  for (let i = 0; i < NUM_HASHES; i++) {
    let j = i;
    let distance = 0;
    while (bins[j] === EMPTY) {
      j = (j + 1) % NUM_HASHES;
      distance++;
    }
    sig[i] = (bins[j]! + distance * (VALUE_MASK + 1)) >>> 0;
  }
  return sig;
}

/** Estimated Jaccard similarity of two signatures (0 when either is missing). */
export function similarity(a: readonly number[], b: readonly number[]): number {
  if (a.length !== NUM_HASHES || b.length !== NUM_HASHES) return 0;
  let same = 0;
  for (let i = 0; i < NUM_HASHES; i++) if (a[i] === b[i]) same++;
  return same / NUM_HASHES;
}
