import type { ActorCount, DateFacet, OutletCount, SearchFilters } from '@newsarchive/core';
import { bucketKey, chooseInterval, dayNumber, dayString } from '../dates.ts';
import { FACET_LIMIT } from '../facets.ts';
import { topCounts } from '../top.ts';
import { has, type Bitset } from './bitset.ts';
import type { BaseCounts, FacetStore } from './store.ts';

/** Which facets to count. */
export interface FacetWant {
  outlet: boolean;
  actor: boolean;
  date: boolean;
}

/** The documents passing the filters and the facet counts; views of the counter's scratch arrays. */
export interface Evaluation {
  /** Rowids passing every filter, in match order. */
  final: Int32Array;
  finalCount: number;
  outletCounts: Int32Array;
  actorCounts: Int32Array;
  dayCounts: Int32Array;
  undated: number;
}

/**
 * Count arrays reused across queries (a search is synchronous, so one set is enough): tens of
 * thousands of actors would otherwise mean a fresh 200 KB array, and garbage, per query.
 */
class Scratch {
  private readonly arrays = new Map<string, Int32Array>();

  get(name: string, length: number, zero = true): Int32Array {
    let a = this.arrays.get(name);
    if (!a || a.length < length) {
      a = new Int32Array(Math.max(length, Math.ceil((a?.length ?? 0) * 1.5)));
      this.arrays.set(name, a);
      return a.subarray(0, length);
    }
    const view = a.subarray(0, length);
    if (zero) view.fill(0);
    return view;
  }

  copy(name: string, from: Int32Array): Int32Array {
    const view = this.get(name, from.length, false);
    view.set(from);
    return view;
  }
}

/**
 * Filters candidates and counts the outlet, actor and date facets over the in-memory store. An
 * evaluation's arrays are reused by the next one: read them before evaluating again.
 */
export class FacetCounter {
  private readonly scratch = new Scratch();

  /**
   * One pass over the candidates computes the final set and all three disjunctive facets:
   * each facet counts the documents passing every filter except its own.
   */
  evaluate(
    store: FacetStore,
    candidates: Int32Array | null,
    f: SearchFilters,
    want: FacetWant,
    matched: Bitset | null,
  ): Evaluation {
    store.refreshDays();
    const unfiltered =
      f.outlet.length + f.actor.length + f.excludeOutlet.length + f.excludeActor.length === 0 &&
      f.from === undefined &&
      f.to === undefined;
    if (unfiltered && (candidates === null || candidates.length * 2 > store.count)) {
      return this.evaluateBroad(store, candidates, matched, f.includeHidden);
    }
    if (
      candidates === null &&
      f.actor.length > 0 &&
      f.outlet.length + f.excludeOutlet.length + f.excludeActor.length === 0 &&
      f.from === undefined &&
      f.to === undefined
    ) {
      // Browsing an actor: its documents come from the inverted index; the actor counts, which
      // ignore the actor filter, are the archive-wide ones.
      const rarest = f.actor
        .map((id) => store.actorIndex.get(id) ?? -1)
        .sort((a, b) => store.actorDocs(a).length - store.actorDocs(b).length)[0]!;
      const ev = this.evaluate(store, store.actorDocs(rarest), f, { ...want, actor: false }, null);
      if (want.actor) {
        const base = store.baseCounts(f.includeHidden);
        return { ...ev, actorCounts: this.scratch.copy('actor', base.actor) };
      }
      return ev;
    }
    const outletSet = new Set<number>();
    for (const id of f.outlet) outletSet.add(store.outletIndex.get(id) ?? -2);
    const actorList = f.actor.map((id) => store.actorIndex.get(id) ?? -2);
    const exOutlet = new Set<number>();
    for (const id of f.excludeOutlet) {
      const i = store.outletIndex.get(id);
      if (i !== undefined) exOutlet.add(i);
    }
    const exActor = new Set<number>();
    for (const id of f.excludeActor) {
      const i = store.actorIndex.get(id);
      if (i !== undefined) exActor.add(i);
    }
    const from = f.from ? dayNumber(f.from) : 0;
    const to = f.to ? dayNumber(f.to) : 99999999;
    const dated = f.from !== undefined || f.to !== undefined;
    const hasOutlet = outletSet.size > 0;
    const { alive, hidden, outlet, day, dayIdx, actorStart, actorLen, actorData } = store;
    const includeHidden = f.includeHidden;

    const outletCounts = this.scratch.get('outlet', want.outlet ? store.outlets.length : 0);
    const actorCounts = this.scratch.get('actor', want.actor ? store.actors.length : 0);
    const dayCounts = this.scratch.get('day', want.date ? store.days.length : 0);
    let undated = 0;
    const n = candidates ? candidates.length : store.capacity;
    const final = this.scratch.get('final', candidates ? candidates.length : store.count, false);
    let finalCount = 0;

    for (let i = 0; i < n; i++) {
      const r = candidates ? candidates[i]! : i;
      if (!alive[r] || (hidden[r] && !includeHidden)) continue;
      const o = outlet[r]!;
      if (exOutlet.size && exOutlet.has(o)) continue;
      const aStart = actorStart[r]!;
      const aEnd = aStart + actorLen[r]!;
      if (exActor.size && aEnd > aStart) {
        let out = false;
        for (let k = aStart; k < aEnd; k++) if (exActor.has(actorData[k]!)) out = true;
        if (out) continue;
      }
      const pO = !hasOutlet || outletSet.has(o);
      let pA = true;
      for (let k = 0; k < actorList.length && pA; k++) {
        const needed = actorList[k]!;
        let found = false;
        for (let m = aStart; m < aEnd; m++) if (actorData[m] === needed) found = true;
        if (!found) pA = false;
      }
      const d = day[r]!;
      const pD = !dated || (d !== 0 && d >= from && d <= to);
      if (want.outlet && pA && pD && o >= 0) outletCounts[o]!++;
      if (want.actor && pO && pD) for (let k = aStart; k < aEnd; k++) actorCounts[actorData[k]!]!++;
      if (want.date && pO && pA) {
        if (d === 0) undated++;
        else dayCounts[dayIdx[r]!]!++;
      }
      if (pO && pA && pD) final[finalCount++] = r;
    }
    return { final, finalCount, outletCounts, actorCounts, dayCounts, undated };
  }

  /**
   * No filters and most documents match: the facet counts are the archive-wide counts minus
   * those of the documents the query does not match, which are the fewer.
   */
  private evaluateBroad(
    store: FacetStore,
    candidates: Int32Array | null,
    matched: Bitset | null,
    includeHidden: boolean,
  ): Evaluation {
    const base = store.baseCounts(includeHidden);
    const counts: BaseCounts = {
      outlet: this.scratch.copy('outlet', base.outlet),
      actor: this.scratch.copy('actor', base.actor),
      day: this.scratch.copy('day', base.day),
      undated: base.undated,
    };
    const { alive, hidden } = store;
    const final = this.scratch.get('final', candidates ? candidates.length : store.count, false);
    let finalCount = 0;
    if (candidates && matched) {
      for (let r = 0; r < store.capacity; r++) {
        if (!alive[r] || (hidden[r] && !includeHidden) || has(matched, r)) continue;
        store.count1(counts, r, -1);
      }
      for (let i = 0; i < candidates.length; i++) {
        const r = candidates[i]!;
        if (alive[r] && (!hidden[r] || includeHidden)) final[finalCount++] = r;
      }
    } else {
      for (let r = 0; r < store.capacity; r++)
        if (alive[r] && (!hidden[r] || includeHidden)) final[finalCount++] = r;
    }
    return {
      final,
      finalCount,
      outletCounts: counts.outlet,
      actorCounts: counts.actor,
      dayCounts: counts.day,
      undated: counts.undated,
    };
  }
}

export function outletFacet(
  store: FacetStore,
  counts: Int32Array,
  limit = FACET_LIMIT,
): OutletCount[] {
  return topCounts(counts, limit, rankKey(store.nameRank('outlet'))).map((i) => ({
    ...store.outlets[i]!,
    count: counts[i]!,
  }));
}

export function actorFacet(
  store: FacetStore,
  counts: Int32Array,
  limit = FACET_LIMIT,
): ActorCount[] {
  return topCounts(counts, limit, rankKey(store.nameRank('actor'))).map((i) => ({
    ...store.actors[i]!,
    count: counts[i]!,
  }));
}

export function dateFacet(
  store: FacetStore,
  counts: Int32Array,
  undated: number,
  f: SearchFilters,
): DateFacet {
  let lo = -1;
  let hi = -1;
  for (let i = 0; i < counts.length; i++) {
    if (counts[i]! > 0) {
      if (lo < 0) lo = i;
      hi = i;
    }
  }
  const min = lo >= 0 ? dayString(store.days[lo]!) : null;
  const max = hi >= 0 ? dayString(store.days[hi]!) : null;
  const interval = chooseInterval(f.from ?? min, f.to ?? max);
  const buckets: { key: string; count: number }[] = [];
  for (let i = lo; i >= 0 && i <= hi; i++) {
    const c = counts[i]!;
    if (c === 0) continue;
    const key = bucketKey(dayString(store.days[i]!), interval);
    const last = buckets.at(-1);
    if (last && last.key === key) last.count += c;
    else buckets.push({ key, count: c });
  }
  return { interval, buckets, min, max, undated };
}

/** Zeroes the counts of names that do not contain `query` (case and diacritics folded). */
export function keepNamesContaining(
  names: readonly { name: string }[],
  counts: Int32Array,
  query: string,
): void {
  const needle = foldName(query.trim());
  if (!needle) return;
  for (let k = 0; k < counts.length; k++) {
    if (counts[k]! > 0 && !foldName(names[k]!.name).includes(needle)) counts[k] = 0;
  }
}

function rankKey(rank: Int32Array): (i: number) => number {
  return (i) => rank[i] ?? i;
}

function foldName(s: string): string {
  return s.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}
