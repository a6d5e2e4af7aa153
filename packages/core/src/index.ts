export * from './article.ts';
export * from './search.ts';
export * from './errors.ts';
export * from './ingest.ts';
export type * from './index-target.ts';
export * from './curation.ts';
export * from './slug.ts';
export * from './signature.ts';
export * from './coverage.ts';
