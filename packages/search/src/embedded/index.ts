export { createEmbeddedEngine, type EmbeddedEngineOptions } from './engine.ts';
export { quoteTerm } from './query.ts';
