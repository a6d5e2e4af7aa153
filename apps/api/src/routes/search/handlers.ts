import { FacetSearchRequest, SearchRequest, type SearchResponse } from '@newsarchive/core';
import type { Context, TypedResponse } from 'hono';
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

/** Server-Timing: how long the engine took, so clients and benchmarks can tell it from the rest. */
function engineTiming(c: Context, started: number): void {
  c.header('Server-Timing', `engine;dur=${(performance.now() - started).toFixed(2)}`);
}

export const search: AppRouteHandler<typeof routes.search> = async (c) => {
  const caller = c.get('caller');
  const request = SearchRequest.parse({
    ...c.req.valid('query'),
    includeHidden: seesHidden(caller),
  });
  const engine = c.get('engine');
  const started = performance.now();
  // Serialised on the engine's search thread when it offers that: this thread only sends it.
  const answer = engine.searchJson
    ? await engine.searchJson(request)
    : await engine.search(request);
  engineTiming(c, started);
  setCacheHeaders(c, caller);
  return answer instanceof Uint8Array ? jsonBytes<SearchResponse>(c, answer) : c.json(answer, 200);
};

export const facet: AppRouteHandler<typeof routes.facet> = async (c) => {
  const caller = c.get('caller');
  const { facet } = c.req.valid('param');
  const request = FacetSearchRequest.parse({
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
