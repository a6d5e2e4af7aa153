import type { SearchFilters } from '@newsarchive/core';
import { dayNumber } from '../dates.ts';

/**
 * The one quoting function for values in a Meilisearch filter: a double-quoted string with
 * `\` and `"` escaped, so no value can close the string and add filter syntax.
 */
export function quoteFilterValue(value: string): string {
  return `"${value.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`;
}

/** Which facet's own filter to leave out (disjunctive facet counts). */
export type FacetOmit = 'outlet' | 'actor' | 'date' | null;

/** Filter expressions (ANDed) for the search filters, leaving out one facet's own filter. */
export function buildFilter(f: SearchFilters, omit: FacetOmit = null): string[] {
  const out: string[] = [];
  if (!f.includeHidden) out.push(`status = ${quoteFilterValue('visible')}`);
  if (omit !== 'outlet' && f.outlet.length > 0) {
    out.push(`outletId IN [${f.outlet.map(quoteFilterValue).join(', ')}]`);
  }
  if (omit !== 'actor') for (const a of f.actor) out.push(`actorIds = ${quoteFilterValue(a)}`);
  if (f.excludeOutlet.length > 0) {
    out.push(`outletId NOT IN [${f.excludeOutlet.map(quoteFilterValue).join(', ')}]`);
  }
  if (f.excludeActor.length > 0) {
    out.push(`actorIds NOT IN [${f.excludeActor.map(quoteFilterValue).join(', ')}]`);
  }
  if (omit !== 'date') {
    // Numbers, not user text: a day that passed IsoDay is digits only.
    if (f.from) out.push(`date >= ${dayNumber(f.from)}`);
    if (f.to) out.push(`date <= ${dayNumber(f.to)}`);
  }
  return out;
}

/** The filter for a symbol name (`s&p`, `c++`) that a document must hold, or must not. */
export function unitFilter(unit: string, negated = false): string {
  return `${negated ? 'NOT ' : ''}units = ${quoteFilterValue(unit)}`;
}
