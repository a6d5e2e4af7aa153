import {
  MeilisearchApiError,
  MeilisearchRequestError,
  MeilisearchRequestTimeOutError,
  type MeilisearchErrorResponse,
  type SearchParams,
  type SearchResponse as MeiliSearchResponse,
} from 'meilisearch';
import { errors, Pool } from 'undici';

/** What a federated multi-search answers (the parts this adapter reads). */
export interface FederatedResponse {
  hits: MeiliSearchResponse['hits'];
  totalHits?: number;
  estimatedTotalHits?: number;
  facetsByIndex?: Record<
    string,
    {
      distribution?: Record<string, Record<string, number>>;
      stats?: Record<string, { min: number; max: number }>;
    }
  >;
}

/** Sends searches to one Meilisearch server; see `createSearchTransport`. */
export interface SearchTransport {
  search(
    index: string,
    apiKey: string | undefined,
    params: SearchParams,
  ): Promise<MeiliSearchResponse>;
  /** One federated multi-search (the queries' union, deduplicated, with facets over it). */
  multiSearch(apiKey: string | undefined, body: unknown): Promise<FederatedResponse>;
  close(): Promise<void>;
}

/**
 * Searches over undici's connection pool rather than the Meilisearch client's `fetch`: fetch
 * cost about 1 ms of CPU per request on a 2-core VM (WHATWG streams, Request and Response
 * objects), a reader's search sends three or four, and in the API server they all run on the
 * thread that serves every request. The other calls (keys, settings, documents, tasks) are rare
 * and stay on the client.
 *
 * Failures are the client's own error classes, so callers tell them apart as before: no answer
 * in `timeoutMs` (for the headers, then for each gap in the body) is a MeilisearchRequestTimeOutError, no connection a MeilisearchRequestError,
 * an error status a MeilisearchApiError with Meilisearch's body as its cause.
 */
export function createSearchTransport(host: string, timeoutMs: number): SearchTransport {
  const base = new URL(host);
  const prefix = base.pathname.replace(/\/+$/, '');
  const pool = new Pool(base.origin);
  async function post(path: string, apiKey: string | undefined, params: unknown) {
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      // Uncompressed on purpose: see the engine's makeClient.
      'accept-encoding': 'identity',
    };
    if (apiKey) headers.authorization = `Bearer ${apiKey}`;
    let status: number;
    let text: string;
    try {
      const res = await pool.request({
        path: `${prefix}${path}`,
        method: 'POST',
        headers,
        body: JSON.stringify(params),
        // Per phase, on undici's own coarse timers: cheaper than a signal per request, and
        // the API bounds the whole call again (ENGINE_TIMEOUT_MS).
        headersTimeout: timeoutMs,
        bodyTimeout: timeoutMs,
      });
      status = res.statusCode;
      text = await res.body.text();
    } catch (err) {
      if (err instanceof errors.HeadersTimeoutError || err instanceof errors.BodyTimeoutError)
        throw new MeilisearchRequestTimeOutError(timeoutMs, { method: 'POST', headers });
      throw new MeilisearchRequestError(base.href, err);
    }
    if (status >= 400) {
      let body: MeilisearchErrorResponse | undefined;
      try {
        body = JSON.parse(text) as MeilisearchErrorResponse;
      } catch {
        body = undefined;
      }
      throw new MeilisearchApiError(new Response(null, { status }), body);
    }
    return JSON.parse(text) as unknown;
  }
  return {
    async search(index, apiKey, params) {
      const path = `/indexes/${encodeURIComponent(index)}/search`;
      return (await post(path, apiKey, params)) as MeiliSearchResponse;
    },
    async multiSearch(apiKey, body) {
      return (await post('/multi-search', apiKey, body)) as FederatedResponse;
    },
    async close() {
      if (!pool.closed && !pool.destroyed) await pool.close();
    },
  };
}
