import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openArchive, type Archive } from '@newsarchive/archive';
import type { ExtractedArticle } from '@newsarchive/core';
import { createEngine, type SearchEngine } from '@newsarchive/search';
import { createApp, type App } from './app.ts';
import { createApiConfig, type ApiConfig } from './config.ts';

/** An extracted article as ingest would hand it over; `n` makes ids, urls and hashes unique. */
export function extracted(n: number, overrides: Partial<ExtractedArticle> = {}): ExtractedArticle {
  return {
    id: `art-${n}`,
    url: `https://news.example.org/art-${n}`,
    title: `Harbour works report ${n}`,
    titleDerived: false,
    body: `The harbour works went on through the night, report ${n} says.\n\nThe mayor promised a ceasefire in the dock dispute.`,
    outlet: { id: 'example-news', name: 'Example News' },
    byline: 'Jane Roe',
    publishedAt: '2024-05-01',
    actors: [{ name: 'Example City', type: 'state', id: 'example-city' }],
    collections: [],
    source: { format: 'json', origin: 'test', line: n },
    fingerprint: { contentHash: `hash-${n}`, minhash: [] },
    ...overrides,
  };
}

export interface TestWorld {
  dir: string;
  archive: Archive;
  engine: SearchEngine;
  app: App;
  config: ApiConfig;
  /** Authorization headers for each role. */
  as: { librarian: Record<string, string>; ingest: Record<string, string> };
  /** Re-creates the app (same archive and engine) with other settings. */
  withConfig(overrides: Partial<ApiConfig>): App;
  close(): Promise<void>;
}

/**
 * A real temp archive with the embedded engine over it, seeded with `articles` and indexed, and
 * an app built on them. Tokens for a librarian and an ingest script are made in the archive.
 */
export async function createTestWorld(
  articles: ExtractedArticle[] = [],
  overrides: Partial<ApiConfig> = {},
): Promise<TestWorld> {
  const dir = mkdtempSync(join(tmpdir(), 'api-test-'));
  const archive = openArchive({ path: join(dir, 'archive.db') });
  const engine = await createEngine({ engine: 'embedded', meiliIndex: 'articles', db: archive.db });
  if (articles.length > 0) archive.upsertArticles(articles);
  await archive.drainOutbox(engine);
  const librarian = archive.tokens.create('librarian', 'Test Librarian');
  const ingest = archive.tokens.create('ingest', 'Test Feed');
  const config = createApiConfig({ rateLimitPerMinute: 0, ...overrides });
  const app = createApp({ archive, engine, config });
  return {
    dir,
    archive,
    engine,
    app,
    config,
    as: {
      librarian: { authorization: `Bearer ${librarian.token}` },
      ingest: { authorization: `Bearer ${ingest.token}` },
    },
    withConfig: (more) =>
      createApp({ archive, engine, config: createApiConfig({ ...config, ...more }) }),
    async close() {
      await engine.close();
      archive.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The body of a response as JSON of a loosely known shape: the tests assert on its fields. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function json<T = any>(res: Response): Promise<T> {
  return (await res.json()) as T;
}

/** Asserts the one error shape and returns it. */
export async function apiError(res: Response): Promise<{
  code: string;
  message: string;
  issues?: { path: (string | number)[]; message: string }[];
}> {
  const body = (await res.json()) as {
    error?: {
      code: string;
      message: string;
      issues?: { path: (string | number)[]; message: string }[];
    };
  };
  if (
    !body.error ||
    typeof body.error.code !== 'string' ||
    typeof body.error.message !== 'string'
  ) {
    throw new Error(`not the error shape: ${JSON.stringify(body)}`);
  }
  const keys = Object.keys(body);
  if (keys.length !== 1) throw new Error(`extra keys beside error: ${keys.join(', ')}`);
  return body.error;
}

/**
 * The engine as it behaves when its server stops answering: reads never settle. Writes are
 * refused the way a dead connection refuses them.
 */
export function silentEngine(real: SearchEngine): SearchEngine {
  const never = () => new Promise<never>(() => {});
  return {
    name: real.name,
    capabilities: real.capabilities,
    search: never,
    searchFacet: never,
    stats: never,
    healthy: never,
    index: async () => {
      throw new Error('connect ECONNREFUSED');
    },
    remove: async () => {
      throw new Error('connect ECONNREFUSED');
    },
    rebuild: never,
    close: async () => {},
  };
}
