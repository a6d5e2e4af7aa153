import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApiConfig, createApp, type App } from '@newsarchive/api';
import { openArchive, type Archive } from '@newsarchive/archive';
import { ErrorCode, HTTP_STATUS } from '@newsarchive/core';
import { createEngine, type SearchEngine } from '@newsarchive/search';

export interface World {
  dir: string;
  archive: Archive;
  engine: SearchEngine;
  app: App;
  tokens: { librarian: string; ingest: string; revoked: string };
  close(): Promise<void>;
}

/** A real temp archive, the embedded engine over it and the app, with tokens for each role. */
export async function createWorld(): Promise<World> {
  const dir = mkdtempSync(join(tmpdir(), 'faults-world-'));
  const archive = openArchive({ path: join(dir, 'archive.db') });
  const engine = await createEngine({ engine: 'embedded', meiliIndex: 'articles', db: archive.db });
  const librarian = archive.tokens.create('librarian', 'Fault Librarian');
  const ingest = archive.tokens.create('ingest', 'Fault Feed');
  const revoked = archive.tokens.create('librarian', 'Former Librarian');
  archive.tokens.revoke(revoked.id);
  const app = createApp({ archive, engine, config: createApiConfig({ rateLimitPerMinute: 0 }) });
  return {
    dir,
    archive,
    engine,
    app,
    tokens: { librarian: librarian.token, ingest: ingest.token, revoked: revoked.token },
    async close() {
      await engine.close();
      archive.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/**
 * Why a failing response is not in the one error shape, or null when it is:
 * exactly `{error: {code, message, issues?}}`, a known code, and the status that code means.
 */
export function errorShapeProblem(status: number, text: string): string | null {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return `not JSON: ${text.slice(0, 120)}`;
  }
  if (!body || typeof body !== 'object' || Array.isArray(body)) return 'not an object';
  const keys = Object.keys(body);
  if (keys.length !== 1 || keys[0] !== 'error') return `keys ${keys.join(',')}`;
  const err = (body as { error: unknown }).error as Record<string, unknown> | null;
  if (!err || typeof err !== 'object') return 'error is not an object';
  const code = ErrorCode.safeParse(err.code);
  if (!code.success) return `unknown code ${String(err.code)}`;
  if (typeof err.message !== 'string' || err.message === '') return 'no message';
  if (HTTP_STATUS[code.data] !== status) return `code ${code.data} with status ${status}`;
  const extra = Object.keys(err).filter((k) => !['code', 'message', 'issues'].includes(k));
  if (extra.length > 0) return `extra keys ${extra.join(',')}`;
  if (/\bat .+\.(ts|js):\d+|SQLITE_|sqlite3|\bSELECT\b.+\bFROM\b/i.test(text))
    return 'leaks internals';
  return null;
}
