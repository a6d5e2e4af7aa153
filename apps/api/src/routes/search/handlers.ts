import { FacetSearchRequest, SearchRequest } from '@newsarchive/core';
import { seesHidden } from '../../middleware/auth.ts';
import { setCacheHeaders, type AppRouteHandler } from '../../router.ts';
import type * as routes from './routes.ts';

export const search: AppRouteHandler<typeof routes.search> = async (c) => {
  const caller = c.var.caller;
  const request = SearchRequest.parse({
    ...c.req.valid('query'),
    includeHidden: seesHidden(caller),
  });
  const result = await c.var.engine.search(request);
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
  const result = await c.var.engine.searchFacet(request);
  setCacheHeaders(c, caller);
  return c.json(result, 200);
};
