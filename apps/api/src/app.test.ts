import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiError, createTestWorld, extracted, json, type TestWorld } from './test-support.ts';

let w: TestWorld;
beforeAll(async () => {
  w = await createTestWorld([extracted(1)]);
});
afterAll(() => w.close());

describe('the app as a whole', () => {
  it('publishes an OpenAPI 3.1 document generated from the schemas', async () => {
    const res = await w.app.request('/api/openapi.json');
    expect(res.status).toBe(200);
    const doc = await json(res);
    expect(doc.openapi).toBe('3.1.0');
    for (const path of [
      '/api/search',
      '/api/facets/{facet}',
      '/api/articles/{id}',
      '/api/articles/{id}/history',
      '/api/actors',
      '/api/actors/{id}',
      '/api/actors/merge',
      '/api/ingest',
      '/api/export',
      '/api/health',
    ]) {
      expect(doc.paths[path], path).toBeDefined();
    }
    const params = doc.paths['/api/search'].get.parameters.map((p: { name: string }) => p.name);
    expect(params).toEqual(
      expect.arrayContaining([
        'q',
        'outlet',
        'actor',
        'from',
        'to',
        'sort',
        'page',
        'perPage',
        'group',
      ]),
    );
    const search = doc.paths['/api/search'].get;
    const q = search.parameters.find((p: { name: string }) => p.name === 'q');
    for (const mark of ['"exact phrase"', '-word', 'NOT word', 'OR', '|', 'word*'])
      expect(q.description).toContain(mark);
    const answer = search.responses['200'].content['application/json'].schema;
    expect(answer.properties.query.properties).toHaveProperty('suggestion');
    expect(answer.properties.query.description).toContain('did you mean');
    expect(doc.paths['/api/articles/{id}'].patch.security).toEqual([{ Bearer: [] }]);
    expect(doc.components.securitySchemes.Bearer).toEqual({ type: 'http', scheme: 'bearer' });
  });

  it('states in the OpenAPI document the constraints the server enforces', async () => {
    const doc = await json(await w.app.request('/api/openapi.json'));
    const param = (path: string, name: string) =>
      doc.paths[path].get.parameters.find((p: { name: string }) => p.name === name);
    // Real calendar dates: 2024-02-30 matches the pattern but is refused.
    expect(param('/api/search', 'from').schema.format).toBe('date');
    expect(param('/api/search', 'page').description).toMatch(/at least 1/);
    expect(param('/api/search', 'perPage').description).toMatch(/from 1 to 100/);
    expect(param('/api/actors', 'limit').description).toMatch(/from 1 to 200/);
    const merge = doc.paths['/api/actors/merge'].post.requestBody.content['application/json'];
    expect(merge.schema.description).toMatch(/cannot be merged into itself/);
    const ingest = doc.paths['/api/ingest'].post.requestBody.content;
    expect(ingest['application/json'].schema.anyOf[0].minItems).toBe(1);
    expect(ingest['application/x-ndjson'].schema.minLength).toBe(1);
    const patch = doc.paths['/api/articles/{id}'].patch.requestBody.content['application/json'];
    expect(patch.schema.properties.publishedAt.format).toBe('date');
  });

  it('answers unknown API paths and methods with the JSON error shape', async () => {
    for (const [method, path] of [
      ['GET', '/api/nope'],
      ['POST', '/api/search'],
      ['GET', '/'],
    ] as const) {
      const res = await w.app.request(path, { method });
      expect(res.status, `${method} ${path}`).toBe(404);
      expect((await apiError(res)).code).toBe('not_found');
    }
  });

  it('answers a method no route serves (PUT) with 405 and the methods it serves', async () => {
    // TRACE itself cannot be built as a fetch Request; server.test.ts sends it over HTTP.
    for (const [method, path] of [
      ['PUT', '/api/articles/art-1'],
      ['PUT', '/'],
    ] as const) {
      const res = await w.app.request(path, { method });
      expect(res.status, `${method} ${path}`).toBe(405);
      expect(res.headers.get('allow')).toBe('GET, HEAD, POST, PATCH, DELETE, OPTIONS');
      expect((await apiError(res)).code).toBe('method_not_allowed');
    }
  });

  it('sends security headers with a strict CSP, a request id, and no CORS unless configured', async () => {
    const res = await w.app.request('/api/health', { headers: { origin: 'https://evil.example' } });
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-request-id')).toMatch(/^[\w-]{8,}$/);
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('allows only the configured CORS origins', async () => {
    const app = w.withConfig({ corsOrigins: ['https://ok.example'] });
    const ok = await app.request('/api/health', { headers: { origin: 'https://ok.example' } });
    expect(ok.headers.get('access-control-allow-origin')).toBe('https://ok.example');
    const other = await app.request('/api/health', { headers: { origin: 'https://evil.example' } });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('serves the built UI at / with an SPA fallback, leaving /api alone', async () => {
    const dist = join(w.dir, 'dist');
    mkdirSync(join(dist, 'assets'), { recursive: true });
    writeFileSync(
      join(dist, 'index.html'),
      '<!doctype html><div id="root"></div><script type="module" src="/assets/app.js"></script>',
    );
    writeFileSync(join(dist, 'assets', 'app.js'), 'console.log("app")');
    const app = w.withConfig({ webDist: dist });

    const index = await app.request('/');
    expect(index.status).toBe(200);
    expect(index.headers.get('content-type')).toContain('text/html');
    expect(index.headers.get('content-security-policy')).toContain("script-src 'self'");
    const asset = await app.request('/assets/app.js');
    expect(asset.status).toBe(200);
    expect(await asset.text()).toContain('console.log');
    const deep = await app.request('/articles/art-1?from=search');
    expect(deep.status).toBe(200);
    expect(await deep.text()).toContain('id="root"');
    const api = await app.request('/api/nope');
    expect(api.status).toBe(404);
    expect((await apiError(api)).code).toBe('not_found');
    const traversal = await app.request('/..%2f..%2fpackage.json');
    expect(await traversal.text()).not.toContain('"name"');
  });

  it('never leaks internals: an unexpected failure is a bare 500 internal', async () => {
    // The archive as it is when its file is damaged: a call throws a message full of internals.
    const broken = Object.assign(Object.create(w.archive) as typeof w.archive, {
      countArticles: () => {
        throw new Error('SQLITE_CORRUPT: database disk image is malformed at /secret/path');
      },
    });
    const { createApp } = await import('./app.ts');
    const app = createApp({ archive: broken, engine: w.engine, config: w.config });
    const res = await app.request('/api/health');
    expect(res.status).toBe(500);
    const error = await apiError(res);
    expect(error).toEqual({ code: 'internal', message: 'internal error' });
  });
});
