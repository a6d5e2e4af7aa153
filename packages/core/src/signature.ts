/**
 * The MinHash story signature shared by ingest (which computes it:
 * packages/ingest/src/stories/minhash.ts) and the archive (which bands and compares it:
 * packages/archive/src/stories.ts): its length and the similarity estimate, in one place so the
 * two sides cannot drift apart.
 *
 * NUM_HASHES = 256: enough for 85 LSH bands of 3 rows and a similarity estimate with standard
 * error sqrt(s(1-s)/256), about 0.026 at the archive's 0.22 threshold.
 */
export const NUM_HASHES = 256;

/** Estimated Jaccard similarity of two signatures (0 when either is missing). */
export function signatureSimilarity(a: readonly number[], b: readonly number[]): number {
  if (a.length !== NUM_HASHES || b.length !== NUM_HASHES) return 0;
  let same = 0;
  for (let i = 0; i < NUM_HASHES; i++) if (a[i] === b[i]) same++;
  return same / NUM_HASHES;
}

/** murmur3's 32-bit finaliser: a cheap, well-mixed permutation of 32-bit integers. */
export function mix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
