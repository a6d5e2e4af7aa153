import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadServerEnv, serverConfigFrom } from './env.ts';

describe('the server environment', () => {
  it('fills every default', () => {
    const env = loadServerEnv({});
    expect(env).toMatchObject({
      ARCHIVE_DB: './data/archive.db',
      SEARCH_ENGINE: 'auto',
      MEILI_INDEX: 'articles',
      HOST: '127.0.0.1',
      PORT: 3000,
      LOG_LEVEL: 'info',
      RATE_LIMIT_PER_MINUTE: 600,
      CORS_ORIGINS: [],
      WEB_DIST: 'apps/web/dist',
    });
    const config = serverConfigFrom(
      loadServerEnv({ CORS_ORIGINS: 'https://a.example, https://b.example', PORT: '0' }),
    );
    expect(config.port).toBe(0);
    expect(config.api?.corsOrigins).toEqual(['https://a.example', 'https://b.example']);
  });

  it('names every bad field and exits 2', () => {
    const root = resolve(import.meta.dirname, '..', '..', '..');
    const r = spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        '-e',
        `import('${resolve(import.meta.dirname, 'env.ts')}').then((m) => m.loadServerEnv())`,
      ],
      {
        cwd: root,
        encoding: 'utf8',
        env: {
          PATH: '',
          PORT: 'eighty',
          LOG_LEVEL: 'loud',
          MEILI_URL: 'not a url',
          CORS_ORIGINS: 'nope',
          SEARCH_ENGINE: 'elastic',
        },
        timeout: 60_000,
      },
    );
    expect(r.status).toBe(2);
    for (const field of ['PORT', 'LOG_LEVEL', 'MEILI_URL', 'CORS_ORIGINS', 'SEARCH_ENGINE'])
      expect(r.stderr).toContain(field);
    expect(r.stderr).not.toContain('    at ');
  });
});
