import type { Archive, TokenRecord } from '@newsarchive/archive';
import type { SearchEngine } from '@newsarchive/search';
import type { Logger } from 'pino';
import type { ApiConfig } from './config.ts';
import type { Indexer } from './indexer.ts';

/** Who is calling: a reader (no token) or a token holder with its role. */
export type Caller =
  { role: 'reader'; token: null } | { role: TokenRecord['role']; token: TokenRecord };

/** Everything createApp is built from. */
export interface AppDeps {
  archive: Archive;
  engine: SearchEngine;
  config: ApiConfig;
  logger?: Logger;
  /** Sends archive changes to the engine; createApp makes one when it is not given. */
  indexer?: Indexer;
}

export interface AppEnv {
  Variables: {
    requestId: string;
    archive: Archive;
    /** The engine behind a timeout: calls that take too long fail with engine_unavailable. */
    engine: SearchEngine;
    config: ApiConfig;
    logger: Logger;
    indexer: Indexer;
    caller: Caller;
  };
}
