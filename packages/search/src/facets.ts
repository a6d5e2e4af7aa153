/** The most values of the outlet and actor facets a search response lists (by count). */
export const FACET_LIMIT = 100;
