export {
  createMeilisearchEngine,
  INDEX_SETTINGS,
  type MeilisearchEngineOptions,
} from './engine.ts';
export { quoteFilterValue, buildFilter } from './filter.ts';
export { formattedToSegments } from './formatted.ts';
