import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../context.ts';

const ACTOR_PARAMS = new Set(['actor', 'excludeActor']);

/**
 * A link made before a librarian merged two actors names the merged-away id. The archive keeps
 * a redirect from it to the survivor; this sends the client there (308, same method and query
 * otherwise unchanged), so an old link finds the survivor's articles and the client learns the
 * current id for its own address bar. Whether an id redirects depends on merges alone, never on
 * hidden articles.
 */
export function actorRedirects(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const url = c.req.url;
    const q = url.indexOf('?');
    // Most searches name no actor: skip parsing for them.
    if (q < 0 || !/(?:^|[?&])(?:actor|excludeActor)=/.test(url.slice(q))) return next();
    const params = new URLSearchParams(url.slice(q + 1));
    const actors = c.get('archive').actors;
    let moved = false;
    const rewritten = [...params].map(([key, value]): [string, string] => {
      if (!ACTOR_PARAMS.has(key) || value === '') return [key, value];
      const current = actors.canonicalId(value);
      if (current !== value) moved = true;
      return [key, current];
    });
    if (!moved) return next();
    return c.redirect(`${c.req.path}?${new URLSearchParams(rewritten).toString()}`, 308);
  };
}
