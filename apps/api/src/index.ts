export { createApp, type App, type AppType } from './app.ts';
export { createApiConfig, defaultApiConfig, type ApiConfig } from './config.ts';
export type { AppDeps, Caller } from './context.ts';
export { createIndexer, type Indexer, type IndexerOptions } from './indexer.ts';
export { startServer, shutdownOnSignals, type ServerConfig, type ServerHandle } from './server.ts';
export { loadServerEnv, serverConfigFrom, type ServerEnv } from './env.ts';
export type { ArticlePage, IngestResponse } from './schemas.ts';
