import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../context.ts';

/**
 * One structured line per request: id, method, path, status, latency and the caller's role. The
 * latency also goes out as Server-Timing `app`, beside the engine's own time, so a client can
 * tell the server's time from the network's — to librarians only (or to everyone with
 * `serverTiming: 'all'`, for benchmarks): how long a reader's request took must not tell a
 * hidden article from a missing one.
 */
export function requestLog(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const start = performance.now();
    await next();
    const ms = Math.round((performance.now() - start) * 100) / 100;
    if (c.get('config').serverTiming === 'all' || c.get('caller')?.role === 'librarian') {
      c.res.headers.append('Server-Timing', `app;dur=${ms.toFixed(2)}`);
    } else {
      c.res.headers.delete('Server-Timing');
    }
    const status = c.res.status;
    const entry = {
      requestId: c.get('requestId'),
      method: c.req.method,
      path: c.req.path,
      status,
      ms,
      role: c.get('caller')?.role,
    };
    const log = c.get('logger');
    if (status >= 500) log.error(entry, 'request failed');
    else if (status >= 400) log.info(entry, 'request refused');
    else log.info(entry, 'request');
  };
}
