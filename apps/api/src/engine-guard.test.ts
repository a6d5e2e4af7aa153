import { DomainError } from '@newsarchive/core';
import type { SearchEngine } from '@newsarchive/search';
import { describe, expect, it } from 'vitest';
import { guardEngine, withTimeout } from './engine-guard.ts';

const failing = (name: SearchEngine['name'], err: Error) =>
  ({
    name,
    capabilities: {
      inProcess: name === 'embedded',
      writesSearchableOnReturn: name === 'embedded',
      warmsUp: name === 'embedded',
      serialisedSearch: false,
    },
    search: async () => {
      throw err;
    },
  }) as unknown as SearchEngine;

describe('guardEngine', () => {
  it('turns an engine that does not answer into engine_unavailable', async () => {
    const err = await withTimeout(new Promise(() => {}), 20, 'search').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DomainError);
    expect((err as DomainError).code).toBe('engine_unavailable');
    expect((err as DomainError).status).toBe(503);
  });

  it("treats a remote engine's unexpected failure as unavailable, an in-process one's as a bug", async () => {
    const remote = guardEngine(failing('meilisearch', new TypeError('fetch failed')), 1000);
    await expect(remote.search({} as never)).rejects.toMatchObject({ code: 'engine_unavailable' });
    const local = guardEngine(failing('embedded', new TypeError('no such column')), 1000);
    await expect(local.search({} as never)).rejects.toBeInstanceOf(TypeError);
    const invalid = guardEngine(
      failing('meilisearch', new DomainError('invalid_request', 'bad filter')),
      1000,
    );
    await expect(invalid.search({} as never)).rejects.toMatchObject({ code: 'invalid_request' });
  });
});
