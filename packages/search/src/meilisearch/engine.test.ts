import { createServer as createHttpServer } from 'node:http';
import { createServer, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EngineError, EngineUnavailableError } from '../engine.ts';
import { createMeilisearchEngine } from './engine.ts';

const request = {
  q: 'ceasefire',
  outlet: [],
  actor: [],
  excludeOutlet: [],
  excludeActor: [],
  includeHidden: false,
  sort: 'relevance' as const,
  page: 1,
  perPage: 20,
};

describe('Meilisearch adapter when the server is unreachable', () => {
  // A real TCP server that accepts connections and never answers.
  let silent: Server;
  const sockets: Socket[] = [];
  let silentUrl = '';
  beforeAll(async () => {
    silent = createServer((s) => sockets.push(s));
    await new Promise<void>((ok) => silent.listen(0, '127.0.0.1', ok));
    silentUrl = `http://127.0.0.1:${(silent.address() as { port: number }).port}`;
  });
  afterAll(async () => {
    for (const s of sockets) s.destroy();
    await new Promise((ok) => silent.close(ok));
  });

  it('turns a refused connection into EngineUnavailableError', async () => {
    const engine = await createMeilisearchEngine({
      url: 'http://127.0.0.1:9',
      masterKey: 'k'.repeat(32),
      index: 'articles',
    });
    await expect(engine.search(request)).rejects.toBeInstanceOf(EngineUnavailableError);
    await expect(engine.index([])).resolves.toBeUndefined();
    expect(await engine.healthy()).toBe(false);
  });

  it('gives up on a server that does not answer, with EngineUnavailableError', async () => {
    const engine = await createMeilisearchEngine({
      url: silentUrl,
      index: 'articles',
      timeoutMs: 300,
    });
    const err = await engine.search(request).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(EngineUnavailableError);
    expect((err as Error).message).not.toContain(silentUrl);
    const withKey = await createMeilisearchEngine({
      url: silentUrl,
      masterKey: 'secret-master-key-0123456789abcdef',
      index: 'articles',
      timeoutMs: 300,
    });
    const keyErr = await withKey
      .searchFacet({ ...request, facet: 'actor', facetQuery: '', limit: 10 })
      .catch((e: unknown) => e);
    expect(keyErr).toBeInstanceOf(EngineUnavailableError);
    expect((keyErr as Error).message).not.toContain('secret-master-key');
  });

  it('asks for uncompressed answers and sends the facet searches side by side', async () => {
    // What reaches the wire: gzip made each answer wait ~40 ms for a delayed ACK, and one
    // multi-search would run its queries one after another.
    const heads: string[] = [];
    const recorder = createServer((s) => {
      sockets.push(s);
      s.on('data', (d) => heads.push(d.toString('latin1')));
    });
    await new Promise<void>((ok) => recorder.listen(0, '127.0.0.1', ok));
    const url = `http://127.0.0.1:${(recorder.address() as { port: number }).port}`;
    try {
      const engine = await createMeilisearchEngine({ url, index: 'articles', timeoutMs: 300 });
      const err = await engine
        .search({ ...request, outlet: ['alpha-post'], actor: ['hamas'] })
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(EngineUnavailableError);
      const searches = heads.filter((h) => h.startsWith('POST /indexes/articles/search '));
      // The hits, the outlet facet without the outlet filter, the actor facet without the actor
      // filter, and the date facet (whose own filter is unset, so it has the main one).
      expect(searches).toHaveLength(4);
      for (const h of searches) expect(h.toLowerCase()).toContain('accept-encoding: identity');
      expect(heads.some((h) => h.startsWith('POST /multi-search'))).toBe(false);
    } finally {
      await new Promise((ok) => recorder.close(ok));
    }
  });
});

describe('Meilisearch adapter when the server refuses a search', () => {
  // A real HTTP server answering every search with the status and Meilisearch error body given.
  async function refusing(status: number, code: string) {
    const server = createHttpServer((req, res) => {
      req.resume();
      req.on('end', () => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ message: `refused: ${code}`, code, type: 'invalid_request' }));
      });
    });
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    const url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    const engine = await createMeilisearchEngine({ url, index: 'articles', timeoutMs: 1000 });
    return {
      engine,
      close: async () => {
        await engine.close();
        await new Promise((ok) => server.close(ok));
      },
    };
  }

  it('names the error code of a refusal, and reads a missing index as no matches', async () => {
    const bad = await refusing(400, 'invalid_search_filter');
    const err = await bad.engine.search(request).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(EngineError);
    expect((err as Error).message).toContain('invalid_search_filter');
    await bad.close();

    const missing = await refusing(404, 'index_not_found');
    const empty = await missing.engine.search(request);
    expect(empty.totalHits).toBe(0);
    await missing.close();
  });

  it('reads a 5xx as the engine not answering', async () => {
    const down = await refusing(503, 'internal');
    expect(await down.engine.search(request).catch((e: unknown) => e)).toBeInstanceOf(
      EngineUnavailableError,
    );
    await down.close();
  });
});
