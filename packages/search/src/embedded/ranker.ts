import type { Statement } from 'better-sqlite3';
import type { SearchRequest } from '@newsarchive/core';
import { has } from './bitset.ts';
import type { Evaluation } from './facet-counter.ts';
import type { Reader, SearchPlan } from './reader.ts';

/** Matches beyond this many are ranked in bounded tiers instead of all by BM25 (see `page`). */
export const RANK_ALL_UP_TO = 500;

/** The rowids of one page of results, and how many results (or stories) there are. */
export interface Page {
  rows: number[];
  total: number;
}

/**
 * Orders the documents passing the filters and cuts out one page. Owns scratch marks reused
 * across queries: stamp[r] === the current stamp means "r is in the set".
 */
export class Ranker {
  private stamp = new Uint32Array(0);
  private stampValue = 0;
  private storyStamp = new Uint32Array(0);
  private storyStampValue = 0;

  /**
   * The page of rowids in the requested order. Date orders walk a precomputed newest-first
   * list; relevance asks FTS5 for the best rows by BM25 inside the MATCH subquery with a
   * LIMIT, widening it until the page is full after filters. When a query matches more than
   * RANK_ALL_UP_TO documents, BM25 over all of them would dominate the time, so ranking is
   * bounded the way Meilisearch's attribute rule orders results: documents with every word in
   * the title come first (ranked by BM25), then the rest, newest first.
   */
  page(r: Reader, ev: Evaluation, request: SearchRequest, p: SearchPlan, matched: number): Page {
    const store = r.store;
    const mark = this.nextStamp(store.capacity);
    for (let i = 0; i < ev.finalCount; i++) this.stamp[ev.final[i]!] = mark;
    const grouped = request.group === 'story';
    let total = ev.finalCount;
    if (grouped) {
      const s = this.nextStoryStamp(store.storyIndex.size);
      total = 0;
      for (let i = 0; i < ev.finalCount; i++) {
        const st = store.story[ev.final[i]!]!;
        if (this.storyStamp[st] !== s) {
          this.storyStamp[st] = s;
          total++;
        }
      }
    }
    const skip = (request.page - 1) * request.perPage;
    const need = skip + request.perPage;
    if (skip >= total) return { rows: [], total };

    const rows: number[] = [];
    let storySeen = grouped ? this.nextStoryStamp(store.storyIndex.size) : 0;
    const used = new Set<number>();
    let seen = 0;
    /** Feeds rows in order; returns true when the page is full. */
    const feed = (row: number): boolean => {
      if (this.stamp[row] !== mark || used.has(row)) return false;
      if (grouped) {
        const st = store.story[row]!;
        if (this.storyStamp[st] === storySeen) return false;
        this.storyStamp[st] = storySeen;
      }
      used.add(row);
      if (seen++ >= skip) rows.push(row);
      return rows.length >= request.perPage;
    };

    const byDate = (newest: boolean) => {
      const order = store.newestFirst();
      if (newest) {
        for (let i = 0; i < order.length; i++) if (feed(order[i]!)) return;
      } else {
        // Oldest first, undated still last.
        let firstUndated = order.length;
        while (firstUndated > 0 && store.day[order[firstUndated - 1]!] === 0) firstUndated--;
        for (let i = firstUndated - 1; i >= 0; i--) if (feed(order[i]!)) return;
        for (let i = firstUndated; i < order.length; i++) if (feed(order[i]!)) return;
      }
    };

    if (request.sort === 'newest' || !p.rankExpr) {
      byDate(true);
      return { rows, total };
    }
    if (request.sort === 'oldest') {
      byDate(false);
      return { rows, total };
    }

    /** Feeds the best `limit` rows of a MATCH by BM25: 'full' page, 'exhausted' list, or 'more'. */
    const ranked = (
      stmt: Statement,
      expr: string,
      limit: number,
    ): 'full' | 'exhausted' | 'more' => {
      const list = stmt.all(expr, limit) as number[];
      for (const row of list) if (feed(row)) return 'full';
      return list.length < limit ? 'exhausted' : 'more';
    };
    const typos = p.exactRankExpr !== p.rankExpr;
    if (matched <= RANK_ALL_UP_TO) {
      // Expect the filters to thin the ranked list in proportion; widen when they thin it more.
      const ratio = matched / Math.max(1, ev.finalCount);
      let limit = Math.ceil(need * Math.min(ratio, 50) * (grouped ? 3 : 1.5)) + 10;
      for (;;) {
        used.clear();
        seen = 0;
        rows.length = 0;
        if (grouped) storySeen = this.nextStoryStamp(store.storyIndex.size);
        // Exact words first, then the typo neighbours.
        const exact = typos ? ranked(r.ranked, p.exactRankExpr!, limit) : 'exhausted';
        if (exact === 'full') break;
        const all = ranked(r.ranked, p.rankExpr, limit);
        if (all === 'full' || (all === 'exhausted' && exact === 'exhausted') || limit >= matched)
          break;
        limit *= 4;
      }
      return { rows, total };
    }
    // Broad query: documents with every word (as typed) in the title first, then the rest
    // newest first.
    const inTitle = r.exprSet(p.exactRankExpr!, 'titles');
    if (inTitle.count > 0 && inTitle.count <= RANK_ALL_UP_TO) {
      if (ranked(r.titleRanked, p.exactRankExpr!, inTitle.count + 1) === 'full') {
        return { rows, total };
      }
    } else if (inTitle.count > 0) {
      // Even the titles are too many to rank: newest first among them.
      const order = store.newestFirst();
      for (let i = 0; i < order.length; i++) {
        const row = order[i]!;
        if (has(inTitle.set, row) && feed(row)) return { rows, total };
      }
    }
    byDate(true);
    return { rows, total };
  }

  private nextStamp(capacity: number): number {
    if (this.stamp.length < capacity || this.stampValue >= 0xfffffff0) {
      this.stamp = new Uint32Array(Math.max(capacity, this.stamp.length));
      this.stampValue = 0;
    }
    return ++this.stampValue;
  }

  private nextStoryStamp(stories: number): number {
    if (this.storyStamp.length < stories || this.storyStampValue >= 0xfffffff0) {
      this.storyStamp = new Uint32Array(Math.max(stories + 1024, this.storyStamp.length));
      this.storyStampValue = 0;
    }
    return ++this.storyStampValue;
  }
}
