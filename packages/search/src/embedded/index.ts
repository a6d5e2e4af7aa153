export { createEmbeddedEngine, type EmbeddedEngineOptions } from './engine.ts';
export { toMatchExpression, parseQuery, quoteTerm, buildMatchExpression } from './query.ts';
