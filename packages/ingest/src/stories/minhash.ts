/**
 * Story fingerprints: MinHash over word shingles. The archive bands these signatures for
 * locality-sensitive hashing and decides which articles share a story
 * (packages/archive/src/stories.ts holds the bands, the threshold and the date window).
 *
 * - SHINGLE_K = 3 words. Single words and pairs are shared by any two reports on one topic
 *   ("the gaza strip", "white house said"); 3-word shingles are mostly shared only where sentences
 *   are copied, which is what a wire copy, a rewrite that keeps the quotes, or an update does.
 * - NUM_HASHES = 256: enough for 85 LSH bands of 3 rows (see the archive) and a similarity
 *   estimate with standard error sqrt(s(1-s)/256), about 0.027 at the 0.25 threshold. It costs
 *   about 1 ms per average article (1,000 words).
 * - Bodies with fewer than MIN_SHINGLES shingles get no signature, hence no grouping: a brief of a
 *   few lines shares a large fraction of its shingles with anything quoting the same sentence.
 */
export const SHINGLE_K = 3;
export const NUM_HASHES = 256;
export const MIN_SHINGLES = 20;

// Per-hash seeds from a fixed generator, so signatures are stable across processes and releases.
const SEEDS = (() => {
  const out = new Int32Array(NUM_HASHES);
  let x = 0x9e3779b9 | 0;
  for (let i = 0; i < NUM_HASHES; i++) {
    x = (x + 0x6d2b79f5) | 0;
    let t = Math.imul(x ^ (x >>> 15), x | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    out[i] = t ^ (t >>> 14);
  }
  return out;
})();

/** murmur3's 32-bit finaliser: a cheap, well-mixed permutation of 32-bit integers. */
function mix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}

/** Lower-cased words of a text, diacritics folded, punctuation dropped. */
export function words(text: string): string[] {
  return (
    text
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/['’]/g, '')
      .match(/[\p{L}\p{N}]+/gu) ?? []
  );
}

/** The distinct hashed k-word shingles of a text. */
export function shingles(text: string, k = SHINGLE_K): Uint32Array {
  const w = words(text);
  const set = new Set<number>();
  for (let i = 0; i + k <= w.length; i++) set.add(fnv1a(w.slice(i, i + k).join(' ')));
  return Uint32Array.from(set);
}

/**
 * The MinHash signature (NUM_HASHES unsigned 32-bit integers) of a body's word shingles, or []
 * when the body is too short to fingerprint.
 */
export function minhashSignature(text: string): number[] {
  const sh = shingles(text);
  if (sh.length < MIN_SHINGLES) return [];
  const sig = new Array<number>(NUM_HASHES);
  for (let i = 0; i < NUM_HASHES; i++) {
    const seed = SEEDS[i]!;
    let min = 0xffffffff;
    for (let j = 0; j < sh.length; j++) {
      const v = mix(sh[j]! ^ seed);
      if (v < min) min = v;
    }
    sig[i] = min;
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

