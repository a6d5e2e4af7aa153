import { describe, expect, it } from 'vitest';
import { bitsetFor } from './bitset.ts';
import {
  actorFacet,
  dateFacet,
  FacetCounter,
  keepNamesContaining,
  outletFacet,
  type Evaluation,
} from './facet-counter.ts';
import { FacetStore, type FacetFields } from './store.ts';

const A = { id: 'a', name: 'Alpha Post' };
const B = { id: 'b', name: 'Bêta Times' };
const C = { id: 'c', name: 'Gamma News' };
const x = { id: 'x', name: 'Xavier', type: 'person' as const };
const y = { id: 'y', name: 'Yolanda', type: 'person' as const };

function fields(f: Partial<FacetFields>, storyId: string): FacetFields {
  return { status: 'visible', publishedAt: null, outlet: null, actors: [], storyId, ...f };
}

/** Rowids 1..6 of a small archive; row 4 is hidden. */
function archive(): FacetStore {
  const store = new FacetStore();
  const rows: Partial<FacetFields>[] = [
    { outlet: A, actors: [x, y], publishedAt: '2024-01-05' },
    { outlet: A, actors: [x], publishedAt: '2024-02-01' },
    { outlet: B, actors: [y] },
    { outlet: B, actors: [x], publishedAt: '2024-01-10', status: 'hidden' },
    { outlet: C, publishedAt: '2023-12-31' },
    { outlet: C, actors: [y], publishedAt: '2024-01-05' },
  ];
  rows.forEach((f, i) => store.set(i + 1, fields(f, `s${i + 1}`)));
  store.refreshDays();
  return store;
}
const all = { outlet: true, actor: true, date: true };
const none = {
  q: '',
  outlet: [],
  actor: [],
  excludeOutlet: [],
  excludeActor: [],
  includeHidden: false,
};

/** An evaluation as plain values (its arrays are the counter's scratch, reused next time). */
function read(store: FacetStore, ev: Evaluation) {
  const byId = (list: { id: string }[], counts: Int32Array) =>
    Object.fromEntries(list.flatMap((v, i) => (counts[i] ? [[v.id, counts[i]]] : [])));
  return {
    rows: [...ev.final.subarray(0, ev.finalCount)].sort((a, b) => a - b),
    outlet: byId(store.outlets, ev.outletCounts),
    actor: byId(store.actors, ev.actorCounts),
    days: Object.fromEntries(
      store.days.flatMap((d, i) => (ev.dayCounts[i] ? [[d, ev.dayCounts[i]]] : [])),
    ),
    undated: ev.undated,
  };
}

describe('FacetCounter', () => {
  it('counts each facet over every filter but its own (disjunctive facets)', () => {
    const store = archive();
    const counter = new FacetCounter();
    const ev = read(store, counter.evaluate(store, null, { ...none, outlet: ['a'] }, all, null));
    expect(ev.rows).toEqual([1, 2]);
    // Outlets ignore the outlet filter: what choosing another outlet would add.
    expect(ev.outlet).toEqual({ a: 2, b: 1, c: 2 });
    expect(ev.actor).toEqual({ x: 2, y: 1 });
    expect(ev.days).toEqual({ 20240105: 1, 20240201: 1 });
    expect(ev.undated).toBe(0);
  });

  it('leaves hidden documents out unless asked to include them', () => {
    const store = archive();
    const counter = new FacetCounter();
    const f = { ...none, outlet: ['b'] };
    expect(read(store, counter.evaluate(store, null, f, all, null))).toMatchObject({
      rows: [3],
      outlet: { a: 2, b: 1, c: 2 },
      actor: { y: 1 },
    });
    expect(
      read(store, counter.evaluate(store, null, { ...f, includeHidden: true }, all, null)),
    ).toMatchObject({ rows: [3, 4], outlet: { a: 2, b: 2, c: 2 }, actor: { x: 1, y: 1 } });
  });

  it('requires every chosen actor, excludes, and drops undated documents from a date range', () => {
    const store = archive();
    const counter = new FacetCounter();
    const both = read(
      store,
      counter.evaluate(store, null, { ...none, actor: ['x', 'y'] }, all, null),
    );
    expect(both.rows).toEqual([1]);
    // Browsing actors takes a shortcut through the inverted index: the same answer as candidates.
    const candidates = Int32Array.from([1, 2, 3, 4, 5, 6]);
    expect(
      read(store, counter.evaluate(store, candidates, { ...none, actor: ['x', 'y'] }, all, null)),
    ).toEqual(both);
    expect(
      read(
        store,
        counter.evaluate(
          store,
          null,
          { ...none, excludeOutlet: ['c'], excludeActor: ['x'] },
          all,
          null,
        ),
      ).rows,
    ).toEqual([3]);
    const dated = read(
      store,
      counter.evaluate(store, null, { ...none, from: '2024-01-01', to: '2024-01-31' }, all, null),
    );
    expect(dated.rows).toEqual([1, 6]);
    // The date facet ignores the date range; undated documents are counted apart.
    expect(dated.days).toEqual({ 20231231: 1, 20240105: 2, 20240201: 1 });
    expect(dated.undated).toBe(1);
    expect(dated.outlet).toEqual({ a: 1, c: 1 });
  });

  it('counts a broad unfiltered query as the archive minus what it does not match', () => {
    const store = archive();
    const counter = new FacetCounter();
    const matched = bitsetFor(store.capacity);
    for (const r of [1, 2, 3, 6]) matched[r >>> 5]! |= 1 << (r & 31);
    const ev = read(
      store,
      counter.evaluate(store, Int32Array.from([1, 2, 3, 6]), none, all, matched),
    );
    expect(ev).toEqual({
      rows: [1, 2, 3, 6],
      outlet: { a: 2, b: 1, c: 1 },
      actor: { x: 2, y: 3 },
      days: { 20240105: 2, 20240201: 1 },
      undated: 1,
    });
    // A browse: everything visible.
    expect(read(store, counter.evaluate(store, null, none, all, null)).rows).toEqual([
      1, 2, 3, 5, 6,
    ]);
  });
});

describe('facet lists', () => {
  it('orders values by count, then by name, and narrows them by a folded name query', () => {
    const store = archive();
    const counter = new FacetCounter();
    const ev = counter.evaluate(store, null, none, all, null);
    expect(outletFacet(store, ev.outletCounts)).toEqual([
      { ...A, count: 2 },
      { ...C, count: 2 },
      { ...B, count: 1 },
    ]);
    expect(actorFacet(store, ev.actorCounts, 1)).toEqual([{ ...y, count: 3 }]);
    keepNamesContaining(store.outlets, ev.outletCounts, ' BETA ');
    expect(outletFacet(store, ev.outletCounts)).toEqual([{ ...B, count: 1 }]);
  });

  it('buckets dates by an interval chosen from the range, with the undated count', () => {
    const store = archive();
    const ev = new FacetCounter().evaluate(store, null, none, all, null);
    const facet = dateFacet(store, ev.dayCounts, ev.undated, none);
    expect(facet).toMatchObject({ min: '2023-12-31', max: '2024-02-01', undated: 1 });
    expect(facet.buckets.reduce((n, b) => n + b.count, 0)).toBe(4);
    expect(facet.buckets.map((b) => b.key)).toEqual([...facet.buckets.map((b) => b.key)].sort());
  });
});
