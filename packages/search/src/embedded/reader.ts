import type { Database, Statement } from 'better-sqlite3';
import type { SearchDocument, SearchHit } from '@newsarchive/core';
import { parseQuery } from '../query/syntax.ts';
import {
  and,
  andNot,
  bitsetFor,
  fullSet,
  or,
  parseRowidList,
  popcount,
  SetCache,
  type Bitset,
} from './bitset.ts';
import { createTermMatcher, highlightText, snippetText, type TermMatcher } from './highlight.ts';
import { planQuery, type Plan, type PlanNode } from './planner.ts';
import { quoteTerm } from './query.ts';
import type { FacetStore } from './store.ts';
import type { Tables } from './tables.ts';

/** Word groups matching at least this many documents keep their set in memory until the next write. */
const CACHE_FROM = 500;

/** A set of rowids and its size. */
export interface Matched {
  set: Bitset;
  count: number;
}

/** Which full-text index an expression is matched against. */
export type MatchIndex = 'all' | 'titles' | 'units';

/** A plan, with the matcher that highlights its words (null for a browse). */
export type SearchPlan = Plan & { matcher: TermMatcher | null };

/**
 * One generation as searched: its tables, statements, the in-memory facet store, and the match
 * sets of broad words, kept until the next write.
 */
export class Reader {
  private readonly matchAll: Statement;
  private readonly titleMatchAll: Statement;
  private readonly unitMatchAll: Statement;
  /** The best rows of a MATCH by BM25, limited: `all(expr, limit)`. */
  readonly ranked: Statement;
  readonly titleRanked: Statement;
  private readonly hitRow: Statement;
  readonly facetRow: Statement;
  readonly nameRow: Statement;
  readonly cache: SetCache;

  constructor(
    db: Database,
    readonly t: Tables,
    readonly store: FacetStore,
    public version: number,
    cacheBytes: number,
  ) {
    this.matchAll = db
      .prepare(`SELECT group_concat(rowid) FROM ${t.fts} WHERE ${t.fts} MATCH ?`)
      .pluck();
    this.titleMatchAll = db
      .prepare(`SELECT group_concat(rowid) FROM ${t.titles} WHERE ${t.titles} MATCH ?`)
      .pluck();
    this.unitMatchAll = db
      .prepare(`SELECT group_concat(rowid) FROM ${t.units} WHERE ${t.units} MATCH ?`)
      .pluck();
    // Rank and limit inside the FTS query: no join before the top rows are known.
    this.ranked = db
      .prepare(`SELECT rowid FROM ${t.fts} WHERE ${t.fts} MATCH ? ORDER BY rank LIMIT ?`)
      .pluck();
    this.titleRanked = db
      .prepare(`SELECT rowid FROM ${t.titles} WHERE ${t.titles} MATCH ? ORDER BY rank LIMIT ?`)
      .pluck();
    this.cache = new SetCache(cacheBytes);
    this.hitRow = db.prepare(`SELECT id, title, body, hit FROM ${t.docs} WHERE rowid = ?`);
    this.facetRow = db.prepare(`SELECT facets, title, body, names FROM ${t.docs} WHERE rowid = ?`);
    this.nameRow = db.prepare(`SELECT name, type FROM ${t.names} WHERE kind = ? AND id = ?`);
  }

  /** Plans user text: the query language parsed, each leaf's spellings from the vocabulary. */
  plan(q: string, includeHidden: boolean): SearchPlan {
    const store = this.store;
    const p = planQuery(parseQuery(q), {
      count: (w) => store.vocabulary.count(w),
      visibleCount: (w, atMost) => {
        if (!w.includes(' ') && store.vocabulary.count(w) === 0) return 0;
        const { set } = this.exprSet(quoteTerm(w), 'all');
        return store.countVisible(set, includeHidden, atMost);
      },
      typoCandidates: (w) => store.typoCandidates(w),
      hiddenDocuments: includeHidden ? 0 : store.hiddenCount,
    });
    return { ...p, matcher: p.root ? createTermMatcher(p.words, p.prefixes) : null };
  }

  /** The documents matching one FTS5 expression of an index, from the cache or FTS5. */
  exprSet(expr: string, index: MatchIndex): Matched {
    const key = `${index}:${expr}`;
    const cached = this.cache.get(key);
    if (cached) return cached;
    const stmt =
      index === 'all' ? this.matchAll : index === 'titles' ? this.titleMatchAll : this.unitMatchAll;
    const result = parseRowidList(stmt.get(expr) as string | null, this.store.capacity);
    if (result.count >= CACHE_FROM) this.cache.put(key, result);
    return result;
  }

  /** Documents matching a plan node (before filters; rows that are not alive included). */
  nodeSet(node: PlanNode): Bitset {
    const capacity = this.store.capacity;
    switch (node.kind) {
      case 'leaf': {
        let set = this.exprSet(node.leaf.expr, 'all').set;
        for (const unit of node.leaf.units)
          set = and(set, this.exprSet(quoteTerm(unit), 'units').set);
        return set;
      }
      case 'or':
        return node.children.map((c) => this.nodeSet(c)).reduce((a, b) => or(a, b));
      case 'not':
        return andNot(fullSet(capacity), this.nodeSet(node.child));
      case 'and': {
        let acc: Bitset | null = null;
        const negatives: PlanNode[] = [];
        for (const c of node.children) {
          if (c.kind === 'not') negatives.push(c.child);
          else acc = acc === null ? this.nodeSet(c) : and(acc, this.nodeSet(c));
        }
        acc ??= fullSet(capacity);
        for (const n of negatives) acc = andNot(acc, this.nodeSet(n));
        return acc;
      }
    }
  }

  /** The documents a plan matches; null for a browse (no query). */
  match(p: Plan): Matched | null {
    if (p.nothing) return { set: bitsetFor(0), count: 0 };
    if (!p.root) return null;
    const set = this.nodeSet(p.root);
    return { set, count: popcount(set) };
  }

  /** One hit as answered: the stored document with its title and snippet highlighted. */
  hit(rowid: number, matcher: TermMatcher | null): SearchHit {
    const row = this.hitRow.get(rowid) as { id: string; title: string; body: string; hit: string };
    const hit = JSON.parse(row.hit) as Omit<SearchDocument, 'title' | 'body'>;
    return {
      id: row.id,
      url: hit.url,
      title: highlightText(row.title, matcher),
      snippet: snippetText(row.body, matcher),
      outlet: hit.outlet,
      byline: hit.byline,
      publishedAt: hit.publishedAt,
      actors: hit.actors,
      storyId: hit.storyId,
      storySize: hit.storySize,
      // Documents indexed before stories had copies carry neither: one text, one outlet.
      storyOutlets: hit.storyOutlets ?? 1,
      copyId: hit.copyId ?? hit.storyId,
      copies: hit.copies ?? 1,
      ...(hit.status === 'hidden' ? { hidden: true as const } : {}),
    };
  }
}
