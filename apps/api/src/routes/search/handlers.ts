import { FacetSearchRequest, SearchRequest } from '@newsarchive/core';
import type { Context } from 'hono';
import { seesHidden } from '../../middleware/auth.ts';
import { setCacheHeaders, type AppRouteHandler } from '../../router.ts';
import type * as routes from './routes.ts';

/** Server-Timing: how long the engine took, so clients and benchmarks can tell it from the rest. */
function engineTiming(c: Context, started: number): void {
  c.header('Server-Timing', `engine;dur=${(performance.now() - started).toFixed(2)}`);
}

export const search: AppRouteHandler<typeof routes.search> = async (c) => {
  const caller = c.var.caller;
  const request = SearchRequest.parse({
    ...c.req.valid('query'),
    includeHidden: seesHidden(caller),
  });
  const started = performance.now();
  const result = await c.var.engine.search(request);
  engineTiming(c, started);
  setCacheHeaders(c, caller);
  return c.json(result, 200);
};

export const facet: AppRouteHandler<typeof routes.facet> = async (c) => {
  const caller = c.var.caller;
  const { facet } = c.req.valid('param');
  const request = FacetSearchRequest.parse({
    ...c.req.valid('query'),
    facet,
    includeHidden: seesHidden(caller),
  });
  const started = performance.now();
  const result = await c.var.engine.searchFacet(request);
  engineTiming(c, started);
  setCacheHeaders(c, caller);
  return c.json(result, 200);
};
