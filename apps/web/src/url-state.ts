import type { SortOrder } from '@newsarchive/core';

/** What a search is: the same names as GET /api/search, so the page URL is the API query. */
export interface SearchState {
  q: string;
  /** Any of these outlets. */
  outlet: string[];
  /** All of these actors. */
  actor: string[];
  excludeOutlet: string[];
  excludeActor: string[];
  from: string | null;
  to: string | null;
  sort: SortOrder;
  page: number;
  /** One hit per story. */
  group: boolean;
}

export const EMPTY_SEARCH: SearchState = {
  q: '',
  outlet: [],
  actor: [],
  excludeOutlet: [],
  excludeActor: [],
  from: null,
  to: null,
  sort: 'relevance',
  page: 1,
  group: false,
};

const ID = /^[A-Za-z0-9_-]{1,128}$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const SORTS: readonly SortOrder[] = ['relevance', 'newest', 'oldest'];
const LIST_KEYS = ['outlet', 'actor', 'excludeOutlet', 'excludeActor'] as const;
export type ListKey = (typeof LIST_KEYS)[number];

function isDay(s: string | null): s is string {
  if (s === null || !DAY.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

function unique(values: string[]): string[] {
  return [...new Set(values.filter((v) => ID.test(v)))];
}

/**
 * Reads a search from a URL query string. Lenient on purpose: a hand-edited or old link with a
 * bad value loses that value instead of showing an error page.
 */
export function parseSearchState(params: URLSearchParams): SearchState {
  const page = Number(params.get('page'));
  const sort = params.get('sort') as SortOrder | null;
  let from = params.get('from');
  let to = params.get('to');
  if (!isDay(from)) from = null;
  if (!isDay(to)) to = null;
  if (from && to && from > to) [from, to] = [to, from];
  return {
    q: (params.get('q') ?? '').slice(0, 512),
    outlet: unique(params.getAll('outlet')),
    actor: unique(params.getAll('actor')),
    excludeOutlet: unique(params.getAll('excludeOutlet')),
    excludeActor: unique(params.getAll('excludeActor')),
    from,
    to,
    sort: sort && SORTS.includes(sort) ? sort : 'relevance',
    page: Number.isInteger(page) && page >= 1 && page <= 100_000 ? page : 1,
    group: params.get('group') === 'story',
  };
}

/** The query string for a search, defaults left out, in a stable order (equal searches, equal URLs). */
export function toSearchParams(state: SearchState): URLSearchParams {
  const p = new URLSearchParams();
  if (state.q.trim() !== '') p.set('q', state.q);
  for (const key of LIST_KEYS) for (const v of state[key]) p.append(key, v);
  if (state.from) p.set('from', state.from);
  if (state.to) p.set('to', state.to);
  if (state.sort !== 'relevance') p.set('sort', state.sort);
  if (state.group) p.set('group', 'story');
  if (state.page > 1) p.set('page', String(state.page));
  return p;
}

/** `/?q=...` for a search; `/` for the empty one. */
export function searchHref(state: SearchState): string {
  const qs = toSearchParams(state).toString();
  return qs ? `/?${qs}` : '/';
}

/** True when any filter (not the words, sort or page) narrows the search. */
export function hasFilters(s: SearchState): boolean {
  return LIST_KEYS.some((k) => s[k].length > 0) || s.from !== null || s.to !== null || s.group;
}

/** A changed search goes back to page 1 unless the change is the page itself. */
export function updateSearch(state: SearchState, change: Partial<SearchState>): SearchState {
  return { ...state, page: 1, ...change };
}

/** Adds `id` to one list and takes it out of the opposite one (an outlet is either in or out). */
export function toggleIn(state: SearchState, key: ListKey, id: string, on: boolean): SearchState {
  const opposite: Record<ListKey, ListKey> = {
    outlet: 'excludeOutlet',
    excludeOutlet: 'outlet',
    actor: 'excludeActor',
    excludeActor: 'actor',
  };
  const other = opposite[key];
  const list = state[key].filter((v) => v !== id);
  return updateSearch(state, {
    [key]: on ? [...list, id] : list,
    [other]: on ? state[other].filter((v) => v !== id) : state[other],
  });
}

/** The inclusive day range a date-facet bucket covers ("2024-05" -> 2024-05-01..2024-05-31). */
export function bucketRange(key: string): { from: string; to: string } {
  if (/^\d{4}$/.test(key)) return { from: `${key}-01-01`, to: `${key}-12-31` };
  if (/^\d{4}-\d{2}$/.test(key)) {
    const [y, m] = key.split('-').map(Number) as [number, number];
    const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
    return { from: `${key}-01`, to: `${key}-${String(last).padStart(2, '0')}` };
  }
  return { from: key, to: key };
}
