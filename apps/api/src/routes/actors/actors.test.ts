import { RegistryActor, SearchResponse } from '@newsarchive/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { apiError, createTestWorld, extracted, json, type TestWorld } from '../../test-support.ts';

let w: TestWorld;
beforeEach(async () => {
  w = await createTestWorld([
    extracted(1, {
      actors: [{ name: 'Benjamin Netanyahu', type: 'person', id: 'benjamin-netanyahu' }],
    }),
    extracted(2, { actors: [{ name: 'Netanyahu', type: 'person', id: 'netanyahu' }] }),
    extracted(3, {
      actors: [
        { name: 'Hamas', type: 'group', id: 'hamas' },
        { name: 'Netanyahu', type: 'person', id: 'netanyahu' },
      ],
    }),
  ]);
});
afterEach(() => w.close());

const send = (method: string, path: string, body: unknown, headers: Record<string, string> = {}) =>
  w.app.request(path, {
    method,
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });

describe('GET /api/actors/{id} and hidden articles', () => {
  const hide = (id: string) =>
    send('PATCH', `/api/articles/${id}`, { status: 'hidden', reason: 'legal' }, w.as.librarian);

  it('counts for a reader only the visible articles, as the list and the facet do', async () => {
    expect((await hide('art-3')).status).toBe(200);
    const one = RegistryActor.parse(await json(await w.app.request('/api/actors/netanyahu')));
    const listed = (
      await json<{ actors: RegistryActor[] }>(await w.app.request('/api/actors?q=netanyahu'))
    ).actors.find((a) => a.id === 'netanyahu');
    const facet = SearchResponse.parse(
      await json(await w.app.request('/api/search')),
    ).facets.actor.find((a) => a.id === 'netanyahu');
    expect(one.articles).toBe(1);
    expect(listed?.articles).toBe(1);
    expect(facet?.count).toBe(1);
    const librarian = RegistryActor.parse(
      await json(await w.app.request('/api/actors/netanyahu', { headers: w.as.librarian })),
    );
    expect(librarian.articles).toBe(2);
  });

  it('answers a reader the same for an actor named only in hidden articles as for none', async () => {
    expect((await hide('art-1')).status).toBe(200);
    const hidden = await w.app.request('/api/actors/benjamin-netanyahu');
    const missing = await w.app.request('/api/actors/no-such-actor');
    expect([hidden.status, missing.status]).toEqual([404, 404]);
    const message = async (r: Response) => (await apiError(r)).message.replace(/\S+$/, '<id>');
    expect(await message(hidden)).toBe(await message(missing));
    for (const r of [hidden, missing]) expect(r.headers.get('server-timing')).toBeNull();
  });
});

describe('GET /api/actors', () => {
  it('lists the registry with paging', async () => {
    const first = await json(await w.app.request('/api/actors?limit=2'));
    expect(first).toMatchObject({ limit: 2, offset: 0, hasMore: true });
    const actors = RegistryActor.array().parse(first.actors);
    expect(actors).toHaveLength(2);
    const rest = await json(await w.app.request('/api/actors?limit=100&offset=2'));
    expect(rest.hasMore).toBe(false);
    const ids = [...actors, ...RegistryActor.array().parse(rest.actors)].map((a) => a.id);
    expect(ids).toEqual(expect.arrayContaining(['benjamin-netanyahu', 'netanyahu', 'hamas']));
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('searches names and filters by type', async () => {
    const body = await json(await w.app.request('/api/actors?q=netan&type=person'));
    expect(body.actors.map((a: { id: string }) => a.id).sort()).toEqual([
      'benjamin-netanyahu',
      'netanyahu',
    ]);
  });

  it('refuses bad paging with 400', async () => {
    for (const q of ['limit=0', 'limit=500', 'offset=-1', 'type=alien']) {
      const res = await w.app.request(`/api/actors?${q}`);
      expect(res.status, q).toBe(400);
      expect((await apiError(res)).message).toContain(q.split('=')[0]!);
    }
  });

  it('gets one actor, 404 for an unknown one', async () => {
    const res = await w.app.request('/api/actors/hamas');
    expect(RegistryActor.parse(await res.json())).toMatchObject({ id: 'hamas', type: 'group' });
    const missing = await w.app.request('/api/actors/nobody');
    expect(missing.status).toBe(404);
    expect((await apiError(missing)).code).toBe('not_found');
  });
});

describe('PATCH /api/actors/{id}', () => {
  it('renames and adds aliases for a librarian; refuses others', async () => {
    expect((await send('PATCH', '/api/actors/hamas', { name: 'Hamas movement' })).status).toBe(401);
    expect(
      (await send('PATCH', '/api/actors/hamas', { name: 'Hamas movement' }, w.as.ingest)).status,
    ).toBe(403);
    const res = await send(
      'PATCH',
      '/api/actors/hamas',
      { name: 'Hamas movement', addAliases: ['Harakat al-Muqawama'] },
      w.as.librarian,
    );
    expect(res.status).toBe(200);
    expect(RegistryActor.parse(await res.json())).toMatchObject({ name: 'Hamas movement' });
    const hit = SearchResponse.parse(await json(await w.app.request('/api/search?actor=hamas')));
    expect(hit.hits[0]?.actors.find((a) => a.id === 'hamas')?.name).toBe('Hamas movement');
  });

  it('refuses an invalid patch with 400 and an unknown actor with 404', async () => {
    const bad = await send('PATCH', '/api/actors/hamas', { type: 'alien' }, w.as.librarian);
    expect(bad.status).toBe(400);
    expect((await apiError(bad)).message).toContain('type');
    const missing = await send('PATCH', '/api/actors/nobody', { name: 'X' }, w.as.librarian);
    expect(missing.status).toBe(404);
    await apiError(missing);
  });

  it.each([
    [
      'an alias over the limit before trimming',
      { addAliases: [`${' '.repeat(5000)}Hamas`] },
      'addAliases',
    ],
    ['an alias with NUL', { addAliases: ['Ha\u0000mas'] }, 'addAliases'],
    ['a name with a lone surrogate', { name: 'Ha\uD800mas' }, 'name'],
  ])('refuses %s with 400', async (_what, body, field) => {
    const res = await send('PATCH', '/api/actors/hamas', body, w.as.librarian);
    expect(res.status).toBe(400);
    expect((await apiError(res)).message).toContain(field);
    const actor = RegistryActor.parse(await json(await w.app.request('/api/actors/hamas')));
    expect(actor.name).toBe('Hamas');
  });
});

describe('POST /api/actors/merge', () => {
  it('merges aliases into one actor, and search follows', async () => {
    expect(
      (await send('POST', '/api/actors/merge', { from: ['netanyahu'], into: 'benjamin-netanyahu' }))
        .status,
    ).toBe(401);
    const res = await send(
      'POST',
      '/api/actors/merge',
      { from: ['netanyahu'], into: 'benjamin-netanyahu' },
      w.as.librarian,
    );
    expect(res.status).toBe(200);
    const merged = RegistryActor.parse(await res.json());
    expect(merged.id).toBe('benjamin-netanyahu');
    expect(merged.aliases).toContain('Netanyahu');
    // The old id now leads to the surviving actor.
    expect(RegistryActor.parse(await json(await w.app.request('/api/actors/netanyahu'))).id).toBe(
      'benjamin-netanyahu',
    );
    const hits = SearchResponse.parse(
      await json(await w.app.request('/api/search?actor=benjamin-netanyahu')),
    );
    expect(hits.totalHits).toBe(3);
  });

  it('undoes a merge (librarian only), and an old link follows the merge until then', async () => {
    await send(
      'POST',
      '/api/actors/merge',
      { from: ['netanyahu'], into: 'benjamin-netanyahu' },
      w.as.librarian,
    );
    // A link made before the merge still finds the articles: the API redirects to the survivor.
    const old = await w.app.request('/api/search?q=&actor=netanyahu&outlet=x');
    expect(old.status).toBe(308);
    expect(old.headers.get('location')).toBe('/api/search?q=&actor=benjamin-netanyahu&outlet=x');
    const facet = await w.app.request('/api/facets/outlet?excludeActor=netanyahu');
    expect(facet.headers.get('location')).toBe(
      '/api/facets/outlet?excludeActor=benjamin-netanyahu',
    );
    // A current id is answered directly.
    expect((await w.app.request('/api/search?actor=benjamin-netanyahu')).status).toBe(200);

    expect((await send('POST', '/api/actors/netanyahu/unmerge', undefined)).status).toBe(401);
    const res = await send('POST', '/api/actors/netanyahu/unmerge', undefined, w.as.librarian);
    expect(res.status).toBe(200);
    expect(RegistryActor.parse(await res.json())).toMatchObject({ id: 'netanyahu' });
    expect((await w.app.request('/api/search?actor=netanyahu')).status).toBe(200);
    const again = await send('POST', '/api/actors/netanyahu/unmerge', undefined, w.as.librarian);
    expect(again.status).toBe(409);
    await apiError(again);
  });

  it('refuses merging an actor into itself (400) and unknown actors (404)', async () => {
    const self = await send(
      'POST',
      '/api/actors/merge',
      { from: ['hamas'], into: 'hamas' },
      w.as.librarian,
    );
    expect(self.status).toBe(400);
    expect((await apiError(self)).issues?.[0]?.path).toEqual(['from']);
    const unknown = await send(
      'POST',
      '/api/actors/merge',
      { from: ['nobody'], into: 'hamas' },
      w.as.librarian,
    );
    expect(unknown.status).toBe(404);
    await apiError(unknown);
  });
});

describe('DELETE /api/actors/{id}', () => {
  it('deletes for a librarian and removes the actor from search', async () => {
    expect((await w.app.request('/api/actors/hamas', { method: 'DELETE' })).status).toBe(401);
    expect(
      (await w.app.request('/api/actors/hamas', { method: 'DELETE', headers: w.as.ingest })).status,
    ).toBe(403);
    const res = await w.app.request('/api/actors/hamas', {
      method: 'DELETE',
      headers: w.as.librarian,
    });
    expect(res.status).toBe(204);
    expect((await w.app.request('/api/actors/hamas')).status).toBe(404);
    const hits = SearchResponse.parse(await json(await w.app.request('/api/search?q=harbour')));
    expect(hits.facets.actor.map((a) => a.id)).not.toContain('hamas');
    const again = await w.app.request('/api/actors/hamas', {
      method: 'DELETE',
      headers: w.as.librarian,
    });
    expect(again.status).toBe(404);
  });
});

describe('GET /api/actors/suggestions and POST /api/actors/distinct', () => {
  it('suggests likely duplicates to librarians only, and forgets a dismissed pair', async () => {
    expect((await w.app.request('/api/actors/suggestions')).status).toBe(401);
    const list = async () =>
      (
        (await json(
          await w.app.request('/api/actors/suggestions', { headers: w.as.librarian }),
        )) as { suggestions: { actor: { id: string }; duplicateOf: { id: string } }[] }
      ).suggestions.map((s) => `${s.actor.id}->${s.duplicateOf.id}`);
    const before = await list();
    expect(before).toContain('netanyahu->benjamin-netanyahu');
    const res = await send(
      'POST',
      '/api/actors/distinct',
      { a: 'netanyahu', b: 'benjamin-netanyahu' },
      w.as.librarian,
    );
    expect(res.status).toBe(204);
    expect(await list()).not.toContain('netanyahu->benjamin-netanyahu');
    const self = await send(
      'POST',
      '/api/actors/distinct',
      { a: 'hamas', b: 'hamas' },
      w.as.librarian,
    );
    expect(self.status).toBe(400);
    await apiError(self);
  });
});
