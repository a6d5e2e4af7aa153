import { NUM_HASHES, signatureSimilarity, mix32 } from '@newsarchive/core';

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
export { NUM_HASHES };
export const MIN_SHINGLES = 20;

/** Which code units below U+10000 are letters or digits (\p{L}, \p{N}): 0 unknown, 1 yes, 2 no. */
const wordUnits = new Uint8Array(0x10000);
const WORD_CHAR = /^[\p{L}\p{N}]$/u;

function isWordCodePoint(cp: number): boolean {
  if (cp >= 0x10000) return WORD_CHAR.test(String.fromCodePoint(cp));
  let known = wordUnits[cp]!;
  if (known === 0) {
    known = WORD_CHAR.test(String.fromCharCode(cp)) ? 1 : 2;
    wordUnits[cp] = known;
  }
  return known === 1;
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 16777619;

/**
 * FNV-1a hashes of the words of a text (runs of letters and digits): lower case, diacritics
 * folded, apostrophes dropped. A scanner rather than `matchAll(/[\p{L}\p{N}]+/gu)`, which made
 * a match object per word and was ~5 s of the corpus's 19 s of preparation CPU; the output is the
 * same (minhash.test.ts holds the two side by side).
 */
export function wordHashes(text: string): number[] {
  // eslint-disable-next-line no-control-regex
  const folded = /^[\x00-\x7f]*$/.test(text)
    ? text
    : text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
  const s = folded.toLowerCase().replace(/['’]/g, '');
  const out: number[] = [];
  let h = FNV_OFFSET;
  let inWord = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    // A surrogate pair is one code point: tested as one, hashed as its two code units.
    const pair =
      c >= 0xd800 && c <= 0xdbff && i + 1 < s.length
        ? s.charCodeAt(i + 1) >= 0xdc00 && s.charCodeAt(i + 1) <= 0xdfff
        : false;
    const word =
      c < 0x80
        ? (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a)
        : isWordCodePoint(pair ? s.codePointAt(i)! : c);
    if (word) {
      if (!inWord) {
        h = FNV_OFFSET;
        inWord = true;
      }
      h = Math.imul(h ^ c, FNV_PRIME);
      if (pair) h = Math.imul(h ^ s.charCodeAt(++i), FNV_PRIME);
    } else {
      if (inWord) out.push(h >>> 0);
      inWord = false;
      if (pair) i++;
    }
  }
  if (inWord) out.push(h >>> 0);
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
    const x = mix32(mix32(mix32(w[i]!) ^ w[i + 1]!) ^ w[i + 2]!);
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

/** Estimated Jaccard similarity of two signatures (one home: @newsarchive/core). */
export const similarity = signatureSimilarity;
