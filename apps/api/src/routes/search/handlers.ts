import type { SearchResponse } from '@newsarchive/core';
import {
  normalizeFacetRequest,
  normalizeSearchRequest,
  serialisedSearchOf,
} from '@newsarchive/search';
import type { HttpBindings } from '@hono/node-server';
import type { Context, TypedResponse } from 'hono';
import type { AppEnv } from '../../context.ts';
import { seesHidden } from '../../middleware/auth.ts';
import { setCacheHeaders, type AppRouteHandler } from '../../router.ts';
import type * as routes from './routes.ts';

/**
 * A 200 whose JSON body is already bytes (made by the engine) typed as the route's response, so
 * the OpenAPI route and the web app's typed client see the same shape as with `c.json`.
 */
function jsonBytes<T>(c: Context, body: Uint8Array): TypedResponse<T, 200, 'json'> {
  c.header('Content-Type', 'application/json');
  return c.body(body as Uint8Array<ArrayBuffer>, 200) as unknown as TypedResponse<T, 200, 'json'>;
}

/**
 * Gives the engine's bytes back for reuse once Node has handed them to the socket. Only over
 * real HTTP (`app.request` in tests has no socket); bytes of a cut connection are left to the GC.
 */
function recycleWhenWritten(c: Context<AppEnv>, bytes: Uint8Array): void {
  const serialised = serialisedSearchOf(c.get('engine'));
  const outgoing = (c.env as Partial<HttpBindings> | undefined)?.outgoing;
  if (serialised && outgoing) outgoing.once('finish', () => serialised.recycle(bytes));
}

/** Server-Timing: how long the engine took, so clients and benchmarks can tell it from the rest. */
function engineTiming(c: Context, started: number): void {
  c.header('Server-Timing', `engine;dur=${(performance.now() - started).toFixed(2)}`);
}

export const search: AppRouteHandler<typeof routes.search> = async (c) => {
  const caller = c.get('caller');
  // The route validated the query string; only its defaults are left to fill.
  const request = normalizeSearchRequest({
    ...c.req.valid('query'),
    includeHidden: seesHidden(caller),
  });
  const engine = c.get('engine');
  const serialised = serialisedSearchOf(engine);
  const started = performance.now();
  // Serialised on the engine's search thread when it offers that: this thread only sends it.
  const answer = serialised ? await serialised.searchJson(request) : await engine.search(request);
  engineTiming(c, started);
  setCacheHeaders(c, caller);
  if (!(answer instanceof Uint8Array)) return c.json(answer, 200);
  recycleWhenWritten(c, answer);
  return jsonBytes<SearchResponse>(c, answer);
};

export const facet: AppRouteHandler<typeof routes.facet> = async (c) => {
  const caller = c.get('caller');
  const { facet } = c.req.valid('param');
  const request = normalizeFacetRequest({
    ...c.req.valid('query'),
    facet,
    includeHidden: seesHidden(caller),
  });
  const started = performance.now();
  const result = await c.get('engine').searchFacet(request);
  engineTiming(c, started);
  setCacheHeaders(c, caller);
  return c.json(result, 200);
};
