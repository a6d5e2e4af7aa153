import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { loadSettings, SHARED_SETTINGS } from './env.ts';

describe('shared settings', () => {
  const Env = z.object({ ...SHARED_SETTINGS, EXTRA: z.string().default('x') });

  it('fills the shared defaults and reads an empty value as unset', () => {
    const env = loadSettings(Env, { ARCHIVE_DB: '', SEARCH_THREADS: '2' });
    expect(env).toMatchObject({
      ARCHIVE_DB: './data/archive.db',
      ARCHIVE_BUSY_TIMEOUT_MS: 30_000,
      SEARCH_ENGINE: 'auto',
      MEILI_INDEX: 'articles',
      LOG_LEVEL: 'info',
      SEARCH_THREADS: 2,
      EXTRA: 'x',
    });
    expect(env.MEILI_URL).toBeUndefined();
  });
});
