/** What the HTTP app needs to know beyond its dependencies; env.ts fills it from the environment. */
export interface ApiConfig {
  /** Search requests per minute per client; 0 turns the limit off. */
  rateLimitPerMinute: number;
  /**
   * Proxies in front of the server (0: none, clients connect directly). Behind a proxy every
   * request comes from its address, so without this all readers would share one rate limit.
   */
  trustedProxies: number;
  /** Origins allowed by CORS; empty means no CORS headers at all. */
  corsOrigins: string[];
  /** Largest POST /api/ingest body, in bytes. */
  maxIngestBytes: number;
  /** Largest body of any other request, in bytes. */
  maxBodyBytes: number;
  /** How long to wait for the search engine before answering 503 engine_unavailable. */
  engineTimeoutMs: number;
  /** max-age of readers' search, facet and article responses (browser cache only: `private`). */
  cacheMaxAgeSeconds: number;
  /**
   * Who gets Server-Timing (the server's own time, and the engine's): `librarian` (default), or
   * `all` for benchmarks. A reader's timings could tell a hidden article from a missing one.
   */
  serverTiming: 'librarian' | 'all';
  /** Folder of the built web UI to serve at `/`; null serves the API only. */
  webDist: string | null;
}

export const defaultApiConfig: ApiConfig = {
  rateLimitPerMinute: 600,
  trustedProxies: 0,
  corsOrigins: [],
  maxIngestBytes: 10 * 1024 * 1024,
  maxBodyBytes: 256 * 1024,
  engineTimeoutMs: 1500,
  cacheMaxAgeSeconds: 15,
  serverTiming: 'librarian',
  webDist: null,
};

/** A full config from a partial one, for tests and embedding. */
export function createApiConfig(overrides: Partial<ApiConfig> = {}): ApiConfig {
  return { ...defaultApiConfig, ...overrides };
}
