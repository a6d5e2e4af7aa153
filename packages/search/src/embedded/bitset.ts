/** Sets of rowids as bit arrays: intersections and unions of broad terms cost microseconds. */
export type Bitset = Uint32Array;

export function bitsetFor(capacity: number): Bitset {
  return new Uint32Array((capacity + 31) >>> 5);
}

/**
 * Parses SQLite's `group_concat(rowid)` ("12,13,40") into a bitset. One string crosses from
 * SQLite instead of one JS row per match, which is what makes broad terms affordable.
 */
export function parseRowidList(
  list: string | null,
  capacity: number,
): { set: Bitset; count: number } {
  const set = bitsetFor(capacity);
  if (!list) return { set, count: 0 };
  let n = 0;
  let count = 0;
  for (let i = 0; i < list.length; i++) {
    const c = list.charCodeAt(i);
    if (c === 44) {
      if (n < capacity) {
        set[n >>> 5]! |= 1 << (n & 31);
        count++;
      }
      n = 0;
    } else n = n * 10 + (c - 48);
  }
  if (n < capacity) {
    set[n >>> 5]! |= 1 << (n & 31);
    count++;
  }
  return { set, count };
}

/** a AND b into a new set. */
export function and(a: Bitset, b: Bitset): Bitset {
  const out = new Uint32Array(Math.max(a.length, b.length));
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) out[i] = a[i]! & b[i]!;
  return out;
}

/** a OR b into a new set. */
export function or(a: Bitset, b: Bitset): Bitset {
  const out = new Uint32Array(Math.max(a.length, b.length));
  out.set(a.length >= b.length ? a : b);
  const short = a.length >= b.length ? b : a;
  for (let i = 0; i < short.length; i++) out[i]! |= short[i]!;
  return out;
}

/** a AND NOT b into a new set. */
export function andNot(a: Bitset, b: Bitset): Bitset {
  const out = Uint32Array.from(a);
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) out[i]! &= ~b[i]!;
  return out;
}

/** Every rowid below capacity (the caller's filters drop rows that are not alive). */
export function fullSet(capacity: number): Bitset {
  const set = bitsetFor(capacity);
  set.fill(0xffffffff);
  const rest = capacity & 31;
  if (rest !== 0) set[set.length - 1] = (1 << rest) - 1;
  return set;
}

export function popcount(set: Bitset): number {
  let total = 0;
  for (let i = 0; i < set.length; i++) {
    let v = set[i]!;
    v = v - ((v >>> 1) & 0x55555555);
    v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
    total += (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
  }
  return total;
}

export function has(set: Bitset, r: number): boolean {
  return ((set[r >>> 5] ?? 0) & (1 << (r & 31))) !== 0;
}

/** The rowids of a set, ascending. */
export function members(set: Bitset, count?: number): Int32Array {
  const out = new Int32Array(count ?? popcount(set));
  let k = 0;
  for (let w = 0; w < set.length; w++) {
    let v = set[w]!;
    while (v !== 0) {
      const t = v & -v;
      out[k++] = (w << 5) + 31 - Math.clz32(t);
      v ^= t;
    }
  }
  return k === out.length ? out : out.subarray(0, k);
}

/**
 * Sets of recently used word groups, dropped whenever the index changes. Bounded by bytes so
 * a million-article archive cannot grow it without limit.
 */
export class SetCache {
  private readonly entries = new Map<string, { set: Bitset; count: number }>();
  private bytes = 0;
  constructor(private readonly maxBytes: number) {}

  get(key: string): { set: Bitset; count: number } | undefined {
    const hit = this.entries.get(key);
    if (hit) {
      // Most recently used last.
      this.entries.delete(key);
      this.entries.set(key, hit);
    }
    return hit;
  }

  put(key: string, value: { set: Bitset; count: number }): void {
    if (this.maxBytes <= 0 || value.set.byteLength > this.maxBytes) return;
    const old = this.entries.get(key);
    if (old) {
      this.entries.delete(key);
      this.bytes -= old.set.byteLength;
    }
    this.entries.set(key, value);
    this.bytes += value.set.byteLength;
    for (const [k, v] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.entries.delete(k);
      this.bytes -= v.set.byteLength;
    }
  }

  clear(): void {
    this.entries.clear();
    this.bytes = 0;
  }
}
