import type { Database } from 'better-sqlite3';
import type { Actor, ActorType, SearchDocument } from '@newsarchive/core';
import { dayNumber } from '../dates.ts';
import { wordsOf } from '../query/analysis.ts';
import { Vocabulary } from './typo.ts';

/**
 * Per-document facet data held in memory, keyed by the documents table's rowid, so filters,
 * facet counts and date order run over typed arrays instead of SQL joins.
 */
export class FacetStore {
  capacity = 0;
  alive = new Uint8Array(0);
  hidden = new Uint8Array(0);
  /** YYYYMMDD, 0 when undated. */
  day = new Int32Array(0);
  /** Index into `days` (sorted distinct days), -1 when undated. */
  dayIdx = new Int32Array(0);
  outlet = new Int32Array(0);
  story = new Int32Array(0);
  /**
   * Actors per document, flat: document r's actor indexes are actorData[actorStart[r] ..
   * actorStart[r] + actorLen[r]). One contiguous array instead of an object per document keeps
   * the counting loops in cache.
   */
  actorStart = new Int32Array(0);
  actorLen = new Int32Array(0);
  actorData = new Int32Array(4096);
  private actorTop = 0;
  private actorLive = 0;

  readonly outlets: { id: string; name: string }[] = [];
  readonly outletIndex = new Map<string, number>();
  readonly actors: Actor[] = [];
  readonly actorIndex = new Map<string, number>();
  readonly storyIndex = new Map<string, number>();
  days: number[] = [];
  private dayIndex = new Map<number, number>();
  private daysDirty = false;
  private dateOrder: Int32Array | null = null;
  count = 0;
  /** Alive documents that are hidden. */
  hiddenCount = 0;
  vocabulary = new Vocabulary();
  private base: [BaseCounts | null, BaseCounts | null] = [null, null];
  private postings: { start: Int32Array; docs: Int32Array } | null = null;

  private grow(rowid: number): void {
    if (rowid < this.capacity) return;
    const cap = Math.max(1024, rowid + 1, Math.ceil(this.capacity * 1.5));
    const g8 = (a: Uint8Array) => {
      const n = new Uint8Array(cap);
      n.set(a);
      return n;
    };
    const g32 = (a: Int32Array, fill = 0) => {
      const n = new Int32Array(cap).fill(fill);
      n.set(a);
      return n;
    };
    this.alive = g8(this.alive);
    this.hidden = g8(this.hidden);
    this.day = g32(this.day);
    this.dayIdx = g32(this.dayIdx, -1);
    this.outlet = g32(this.outlet, -1);
    this.story = g32(this.story, -1);
    this.actorStart = g32(this.actorStart);
    this.actorLen = g32(this.actorLen);
    this.capacity = cap;
  }

  private outletId(o: { id: string; name: string }): number {
    let i = this.outletIndex.get(o.id);
    if (i === undefined) {
      i = this.outlets.length;
      this.outlets.push({ id: o.id, name: o.name });
      this.outletIndex.set(o.id, i);
    } else if (this.outlets[i]!.name !== o.name) {
      this.outlets[i]!.name = o.name;
      this.ranksFresh = false;
    }
    return i;
  }

  private actorId(a: { id: string; name: string; type: ActorType }): number {
    let i = this.actorIndex.get(a.id);
    if (i === undefined) {
      i = this.actors.length;
      this.actors.push({ id: a.id, name: a.name, type: a.type });
      this.actorIndex.set(a.id, i);
    } else {
      const known = this.actors[i]!;
      if (known.name !== a.name) this.ranksFresh = false;
      known.name = a.name;
      known.type = a.type;
    }
    return i;
  }

  set(rowid: number, doc: FacetFields): void {
    this.base = [null, null];
    this.postings = null;
    this.grow(rowid);
    if (!this.alive[rowid]) this.count++;
    else if (this.hidden[rowid]) this.hiddenCount--;
    this.alive[rowid] = 1;
    this.hidden[rowid] = doc.status === 'hidden' ? 1 : 0;
    if (this.hidden[rowid]) this.hiddenCount++;
    const day = doc.publishedAt ? dayNumber(doc.publishedAt) : 0;
    if (this.day[rowid] !== day) this.dateOrder = null;
    this.day[rowid] = day;
    if (day && !this.dayIndex.has(day)) this.daysDirty = true;
    this.dayIdx[rowid] = day && !this.daysDirty ? this.dayIndex.get(day)! : -1;
    this.outlet[rowid] = doc.outlet ? this.outletId(doc.outlet) : -1;
    this.setActors(
      rowid,
      doc.actors.map((a) => this.actorId(a)),
    );
    let s = this.storyIndex.get(doc.storyId);
    if (s === undefined) {
      s = this.storyIndex.size;
      this.storyIndex.set(doc.storyId, s);
    }
    this.story[rowid] = s;
  }

  /** Stores the facets of one document from their stored (id-only) form; names come from `define*`. */
  setSlim(rowid: number, f: SlimFacets): void {
    this.set(rowid, {
      status: f.h ? 'hidden' : 'visible',
      publishedAt: f.d,
      outlet:
        f.o === null
          ? null
          : (this.outlets[this.outletIndex.get(f.o) ?? -1] ?? { id: f.o, name: f.o }),
      actors: f.a.map(
        (id) =>
          this.actors[this.actorIndex.get(id) ?? -1] ?? { id, name: id, type: 'person' as const },
      ),
      storyId: f.s,
    });
  }

  defineOutlet(id: string, name: string): void {
    this.outletId({ id, name });
  }

  defineActor(id: string, name: string, type: ActorType): void {
    this.actorId({ id, name, type });
  }

  private setActors(rowid: number, ids: number[]): void {
    this.actorLive -= this.actorLen[rowid]!;
    if (this.actorTop + ids.length > this.actorData.length) this.compactActors(ids.length);
    this.actorStart[rowid] = this.actorTop;
    this.actorLen[rowid] = ids.length;
    this.actorData.set(ids, this.actorTop);
    this.actorTop += ids.length;
    this.actorLive += ids.length;
  }

  /** Makes room: drops the slots of replaced documents, grows when still more than half full. */
  private compactActors(extra: number): void {
    const size = Math.max(4096, (this.actorLive + extra) * 2);
    const data = new Int32Array(size);
    let top = 0;
    for (let r = 0; r < this.capacity; r++) {
      const len = this.actorLen[r]!;
      if (len === 0) continue;
      const start = this.actorStart[r]!;
      data.set(this.actorData.subarray(start, start + len), top);
      this.actorStart[r] = top;
      top += len;
    }
    this.actorData = data;
    this.actorTop = top;
  }

  delete(rowid: number): void {
    if (rowid >= this.capacity || !this.alive[rowid]) return;
    this.base = [null, null];
    this.postings = null;
    this.alive[rowid] = 0;
    this.count--;
    if (this.hidden[rowid]) this.hiddenCount--;
    this.actorLive -= this.actorLen[rowid]!;
    this.actorLen[rowid] = 0;
    this.dateOrder = null;
  }

  /** Makes `days` / `dayIdx` current after new days arrived. */
  refreshDays(): void {
    if (!this.daysDirty) return;
    const set = new Set<number>();
    for (let r = 0; r < this.capacity; r++) if (this.alive[r] && this.day[r]) set.add(this.day[r]!);
    this.days = [...set].sort((a, b) => a - b);
    this.dayIndex = new Map(this.days.map((d, i) => [d, i]));
    for (let r = 0; r < this.capacity; r++)
      this.dayIdx[r] = this.day[r] ? this.dayIndex.get(this.day[r]!)! : -1;
    this.daysDirty = false;
  }

  /**
   * Facet counts over every document (visible ones, or all with includeHidden), kept until the
   * next change: broad queries count what they do not match and subtract.
   */
  baseCounts(includeHidden: boolean): BaseCounts {
    const k = includeHidden ? 1 : 0;
    const known = this.base[k];
    if (known) return known;
    this.refreshDays();
    const b: BaseCounts = {
      outlet: new Int32Array(this.outlets.length),
      actor: new Int32Array(this.actors.length),
      day: new Int32Array(this.days.length),
      undated: 0,
    };
    for (let r = 0; r < this.capacity; r++) {
      if (!this.alive[r] || (this.hidden[r] && !includeHidden)) continue;
      this.count1(b, r, 1);
    }
    this.base[k] = b;
    return b;
  }

  /** Adds (sign 1) or takes away (sign -1) one document's facet values. */
  count1(b: BaseCounts, r: number, sign: number): void {
    const o = this.outlet[r]!;
    if (o >= 0) b.outlet[o]! += sign;
    const start = this.actorStart[r]!;
    const end = start + this.actorLen[r]!;
    const data = this.actorData;
    for (let k = start; k < end; k++) b.actor[data[k]!]! += sign;
    if (this.day[r]) b.day[this.dayIdx[r]!]! += sign;
    else b.undated += sign;
  }

  /** The live documents naming actor `a`, ascending (an inverted index built on first use). */
  actorDocs(a: number): Int32Array {
    if (!this.postings) {
      const n = this.actors.length;
      const start = new Int32Array(n + 1);
      for (let r = 0; r < this.capacity; r++) {
        if (!this.alive[r]) continue;
        const s0 = this.actorStart[r]!;
        for (let k = s0; k < s0 + this.actorLen[r]!; k++) start[this.actorData[k]! + 1]!++;
      }
      for (let i = 0; i < n; i++) start[i + 1]! += start[i]!;
      const fill = start.slice(0, n);
      const docs = new Int32Array(start[n]!);
      for (let r = 0; r < this.capacity; r++) {
        if (!this.alive[r]) continue;
        const s0 = this.actorStart[r]!;
        for (let k = s0; k < s0 + this.actorLen[r]!; k++) docs[fill[this.actorData[k]!]!++] = r;
      }
      this.postings = { start, docs };
    }
    const { start, docs } = this.postings;
    if (a < 0 || a >= start.length - 1) return new Int32Array(0);
    return docs.subarray(start[a]!, start[a + 1]!);
  }

  /** Live rowids, newest first (undated last; ties by rowid, newest insert first). */
  newestFirst(): Int32Array {
    if (this.dateOrder) return this.dateOrder;
    const rows: number[] = [];
    for (let r = 0; r < this.capacity; r++) if (this.alive[r]) rows.push(r);
    const day = this.day;
    rows.sort((a, b) => day[b]! - day[a]! || b - a);
    this.dateOrder = Int32Array.from(rows);
    return this.dateOrder;
  }

  /** How many rows of a set are alive and, unless `includeHidden`, visible (up to `atMost`). */
  countVisible(set: Uint32Array, includeHidden: boolean, atMost = Infinity): number {
    let n = 0;
    for (let w = 0; w < set.length && n < atMost; w++) {
      let v = set[w]!;
      while (v !== 0) {
        const t = v & -v;
        const r = (w << 5) + 31 - Math.clz32(t);
        if (this.alive[r] && (includeHidden || !this.hidden[r])) n++;
        v ^= t;
      }
    }
    return n;
  }

  /** Adds the words of a document to the typo vocabulary (in-process writes). */
  learnWords(text: string): void {
    // Every word, not only a query's worth: a word deep in a body must be typo-searchable too.
    const seen = new Set(wordsOf(text));
    const before = this.vocabulary.size;
    for (const w of seen) this.vocabulary.add(w);
    if (this.vocabulary.size !== before) this.typos.clear();
  }

  /** Typo neighbours of a word, remembered until the vocabulary gains words. */
  typoCandidates(word: string): string[] {
    let found = this.typos.get(word);
    if (!found) {
      found = this.vocabulary.candidates(word);
      if (this.typos.size > 10_000) this.typos.clear();
      this.typos.set(word, found);
    }
    return found;
  }
  private readonly typos = new Map<string, string[]>();

  /** Each outlet's / actor's place in name order, for tie-breaks between equal counts. */
  nameRank(kind: 'outlet' | 'actor'): Int32Array {
    const list = kind === 'outlet' ? this.outlets : this.actors;
    const known = this.ranks[kind];
    if (known && known.length === list.length && this.ranksFresh) return known;
    const order = list
      .map((_, i) => i)
      .sort((a, b) => (list[a]!.name < list[b]!.name ? -1 : list[a]!.name > list[b]!.name ? 1 : 0));
    const rank = new Int32Array(list.length);
    order.forEach((i, pos) => (rank[i] = pos));
    this.ranks[kind] = rank;
    this.ranksFresh = true;
    return rank;
  }
  private ranks: { outlet?: Int32Array; actor?: Int32Array } = {};
  private ranksFresh = false;
}

export interface BaseCounts {
  outlet: Int32Array;
  actor: Int32Array;
  day: Int32Array;
  undated: number;
}

/** What the documents table keeps per document for facets: ids only (names live in a dictionary). */
export interface SlimFacets {
  h: 0 | 1;
  d: string | null;
  o: string | null;
  a: string[];
  s: string;
}

export function slimFacets(doc: FacetFields): SlimFacets {
  return {
    h: doc.status === 'hidden' ? 1 : 0,
    d: doc.publishedAt,
    o: doc.outlet?.id ?? null,
    a: doc.actors.map((a) => a.id),
    s: doc.storyId,
  };
}

export type FacetFields = Pick<
  SearchDocument,
  'status' | 'publishedAt' | 'outlet' | 'actors' | 'storyId'
>;

/** Loads the facet store of one generation's tables (names first, then each document's ids). */
export function loadFacetStore(db: Database, docsTable: string, namesTable: string): FacetStore {
  const store = new FacetStore();
  const names = db
    .prepare(`SELECT kind, id, name, type FROM ${namesTable}`)
    .raw()
    .iterate() as IterableIterator<[string, string, string, ActorType | null]>;
  for (const [kind, id, name, type] of names) {
    if (kind === 'o') store.defineOutlet(id, name);
    else store.defineActor(id, name, type ?? 'person');
  }
  const rows = db
    .prepare(`SELECT rowid, facets FROM ${docsTable}`)
    .raw()
    .iterate() as IterableIterator<[number, string]>;
  for (const [rowid, facets] of rows) store.setSlim(rowid, JSON.parse(facets) as SlimFacets);
  store.refreshDays();
  return store;
}
