import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';
import { requestId } from 'hono/request-id';
import { secureHeaders } from 'hono/secure-headers';
import { pino } from 'pino';
import type { AppDeps } from './context.ts';
import { guardEngine } from './engine-guard.ts';
import { errorResponse, handleError } from './errors.ts';
import { createIndexer } from './indexer.ts';
import { authenticate } from './middleware/auth.ts';
import { compression } from './middleware/compress.ts';
import { rateLimit } from './middleware/rate-limit.ts';
import { requestLog } from './middleware/request-log.ts';
import { actorRedirects } from './middleware/actor-redirects.ts';
import { createRouter } from './router.ts';
import { actorsRouter } from './routes/actors/index.ts';
import { articlesRouter } from './routes/articles/index.ts';
import { exportRouter } from './routes/export/index.ts';
import { healthRouter } from './routes/health/index.ts';
import { ingestRouter } from './routes/ingest/index.ts';
import { searchRouter } from './routes/search/index.ts';
import { storiesRouter } from './routes/stories/index.ts';

const INGEST_PATH = '/api/ingest';
/** Every method some route answers; any other (TRACE, PUT, ...) is 405 wherever it is sent. */
const SERVED_METHODS = ['GET', 'HEAD', 'POST', 'PATCH', 'DELETE', 'OPTIONS'];

/**
 * The whole HTTP app (API, OpenAPI document and, when `config.webDist` is set, the built UI)
 * over the given archive and engine. Nothing here listens on a port: tests call `app.request()`,
 * server.ts hands `app.fetch` to node.
 */
export function createApp(deps: AppDeps) {
  const { archive, config } = deps;
  const logger = deps.logger ?? pino({ level: 'silent' });
  const engine = guardEngine(deps.engine, config.engineTimeoutMs);
  const indexer =
    deps.indexer ??
    createIndexer({
      archive,
      engine: deps.engine,
      logger,
      awaitWrites: deps.engine.capabilities.writesSearchableOnReturn,
    });

  const app = createRouter();

  app.use(requestId({ limitLength: 64 }));
  app.use(async (c, next) => {
    c.set('archive', archive);
    c.set('engine', engine);
    c.set('config', config);
    c.set('logger', logger);
    c.set('indexer', indexer);
    await next();
  });
  app.use(requestLog());
  // Inside the request log, so the time it reports includes compressing.
  app.use(compression());
  app.use(async (c, next) => {
    if (SERVED_METHODS.includes(c.req.method)) return next();
    c.header('Allow', SERVED_METHODS.join(', '));
    return errorResponse(c, 'method_not_allowed', `${c.req.method} is not served here`);
  });
  app.use(
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
      strictTransportSecurity: false,
    }),
  );
  if (config.corsOrigins.length > 0) {
    app.use(
      '/api/*',
      cors({
        origin: config.corsOrigins,
        allowMethods: ['GET', 'POST', 'PATCH', 'DELETE', 'OPTIONS'],
        allowHeaders: ['Authorization', 'Content-Type'],
        exposeHeaders: ['Retry-After', 'X-Request-Id'],
        maxAge: 600,
      }),
    );
  }
  const tooLarge = (max: number) =>
    bodyLimit({
      maxSize: max,
      onError: (c) =>
        errorResponse(c, 'payload_too_large', `the request body is larger than ${max} bytes`),
    });
  const ingestLimit = tooLarge(config.maxIngestBytes);
  const bodyCap = tooLarge(config.maxBodyBytes);
  // Requests without a body skip the check: it reads the raw request, which costs every search
  // a full Request object (~50 µs) for nothing.
  const bodiless = new Set(['GET', 'HEAD', 'OPTIONS']);
  app.use('/api/*', (c, next) =>
    bodiless.has(c.req.method)
      ? next()
      : c.req.path === INGEST_PATH
        ? ingestLimit(c, next)
        : bodyCap(c, next),
  );
  app.use('/api/*', authenticate());
  const searchLimit = rateLimit({
    perMinute: config.rateLimitPerMinute,
    trustedProxies: config.trustedProxies,
  });
  // Every read a reader can aim at one id is limited too: without it, a client could time
  // thousands of article or actor requests to tell hidden from missing.
  app.use('/api/search', searchLimit);
  app.use('/api/facets/*', searchLimit);
  app.use('/api/export', searchLimit);
  app.use('/api/articles/*', searchLimit);
  app.use('/api/stories/*', searchLimit);
  app.use('/api/actors', searchLimit);
  app.use('/api/actors/*', searchLimit);
  const followMerges = actorRedirects();
  app.use('/api/search', followMerges);
  app.use('/api/facets/*', followMerges);
  app.use('/api/export', followMerges);

  const routes = app
    .route('/', searchRouter)
    .route('/', articlesRouter)
    .route('/', actorsRouter)
    .route('/', storiesRouter)
    .route('/', ingestRouter)
    .route('/', exportRouter)
    .route('/', healthRouter);

  app.openAPIRegistry.registerComponent('securitySchemes', 'Bearer', {
    type: 'http',
    scheme: 'bearer',
  });
  // Generated once, on first request (every route is registered by then): the generator walks
  // every schema and costs milliseconds.
  let openApiDocument: ReturnType<typeof app.getOpenAPI31Document> | null = null;
  app.get('/api/openapi.json', (c) => {
    openApiDocument ??= app.getOpenAPI31Document({
      openapi: '3.1.0',
      info: {
        title: 'newsarchive API',
        version: '1.0.0',
        description:
          'Faceted full-text search over a news archive, curation for librarians, ingest for scripts. Every error has the body {"error": {"code", "message", "issues"?}}.',
      },
    });
    c.header('Cache-Control', 'public, max-age=300');
    return c.json(openApiDocument);
  });

  if (config.webDist) serveUi(app, config.webDist);
  app.notFound((c) => errorResponse(c, 'not_found', `no route for ${c.req.method} ${c.req.path}`));
  app.onError(handleError);
  return routes;
}

/** The built UI at `/`, with index.html for any other non-API GET so client-side routes load. */
function serveUi(app: ReturnType<typeof createRouter>, root: string): void {
  const isUi = (path: string) => path !== '/api' && !path.startsWith('/api/');
  const files = serveStatic({ root });
  // Vite names what it emits under assets/ by content hash: a changed file gets a new name, so
  // those may be kept for good. Anything else (index.html names the current assets) is always
  // revalidated.
  app.use('*', async (c, next) => {
    if (!isUi(c.req.path) || (c.req.method !== 'GET' && c.req.method !== 'HEAD')) return next();
    // A file found is returned; otherwise the rest of the chain has answered (through next()).
    const found: unknown = await files(c, next);
    if (!(found instanceof Response)) return;
    found.headers.set(
      'Cache-Control',
      c.req.path.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
    );
    return found;
  });
  app.get('*', async (c, next) => {
    if (!isUi(c.req.path)) return next();
    const html = await readFile(join(root, 'index.html'), 'utf8').catch(() => null);
    if (html === null)
      return errorResponse(
        c,
        'not_found',
        'the web UI is not built (npm run build -w @newsarchive/web)',
      );
    c.header('Cache-Control', 'no-cache');
    return c.html(html);
  });
}

export type App = ReturnType<typeof createApp>;
/** The route types the web app's typed client is built from. */
export type AppType = App;
