import { OpenAPIHono, type RouteConfig, type RouteHandler } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppEnv, Caller } from './context.ts';
import { toIssueDetails, validationError } from './errors.ts';

/** A feature router whose validation failures come out in the one error shape. */
export function createRouter() {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result, c) => {
      if (!result.success) {
        const where =
          result.target === 'query' ? 'query' : result.target === 'param' ? 'path' : 'body';
        return validationError(c, toIssueDetails(result.error.issues), where);
      }
    },
  });
}

export type AppRouteHandler<R extends RouteConfig> = RouteHandler<R, AppEnv>;

/**
 * Readers get a short cache in their own browser only: a shared cache (a proxy, a CDN) would go
 * on serving an article for its max-age after a librarian hid it. Anything a token holder sees
 * may include hidden articles, so it is never stored at all.
 */
export function setCacheHeaders(c: Context<AppEnv>, caller: Caller): void {
  if (caller.role === 'reader') {
    c.header('Cache-Control', `private, max-age=${c.get('config').cacheMaxAgeSeconds}`);
    c.header('Vary', 'Authorization');
  } else {
    c.header('Cache-Control', 'private, no-store');
  }
}

export function noStore(c: Context<AppEnv>): void {
  c.header('Cache-Control', 'no-store');
}
