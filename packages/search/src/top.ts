/**
 * The indices of the `k` largest counts (ties: smaller `key` first), largest first, without
 * sorting every value: a bounded min-heap, so facets with tens of thousands of actors stay cheap.
 * `key` gives each index's place in name order (a number, so ties cost no string comparison).
 */
export function topCounts(counts: Int32Array, k: number, key: (i: number) => number): number[] {
  const heap: number[] = [];
  // worse(a, b): a ranks below b.
  const worse = (a: number, b: number) =>
    counts[a]! < counts[b]! || (counts[a] === counts[b] && key(a) > key(b));
  const up = (i: number) => {
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!worse(heap[i]!, heap[p]!)) break;
      [heap[i], heap[p]] = [heap[p]!, heap[i]!];
      i = p;
    }
  };
  const down = (i: number) => {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < heap.length && worse(heap[l]!, heap[m]!)) m = l;
      if (r < heap.length && worse(heap[r]!, heap[m]!)) m = r;
      if (m === i) return;
      [heap[i], heap[m]] = [heap[m]!, heap[i]!];
      i = m;
    }
  };
  for (let i = 0; i < counts.length; i++) {
    const c = counts[i]!;
    if (c <= 0) continue;
    if (heap.length < k) {
      heap.push(i);
      up(heap.length - 1);
    } else if (c > counts[heap[0]!]! || (c === counts[heap[0]!] && key(i) < key(heap[0]!))) {
      heap[0] = i;
      down(0);
    }
  }
  return heap.sort((a, b) => (worse(a, b) ? 1 : worse(b, a) ? -1 : 0));
}
