import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { SearchResponse, StoryCoverage } from '@newsarchive/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { apiError, createTestWorld, json, type TestWorld } from '../../test-support.ts';

// Four reports of one bridge closure (two of them one wire text) from four outlets, and two
// other events in the same town on the same days: ingested through the API, as a script would.
const REPORTS = readFileSync(
  resolve(
    import.meta.dirname,
    '../../../../../packages/ingest/test/fixtures/stories/reports.ndjson',
  ),
  'utf8',
);

let w: TestWorld;
const post = (path: string, body: unknown, headers = w.as.librarian) =>
  w.app.request(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
const search = async (query: string, headers: Record<string, string> = {}) =>
  SearchResponse.parse(await json(await w.app.request(`/api/search?${query}`, { headers })));
const coverage = async (storyId: string, headers: Record<string, string> = {}) =>
  StoryCoverage.parse(await json(await w.app.request(`/api/stories/${storyId}`, { headers })));

beforeEach(async () => {
  w = await createTestWorld();
  const res = await w.app.request('/api/ingest', {
    method: 'POST',
    headers: { 'content-type': 'application/x-ndjson', ...w.as.ingest },
    body: REPORTS,
  });
  expect(res.status).toBe(200);
  await w.archive.drainOutbox(w.engine);
});
afterEach(() => w.close());

async function bridgeHit() {
  const r = await search('q=bridge&sort=oldest');
  return r.hits.find((h) => h.outlet?.id === 'bay-herald')!;
}

describe('stories across outlets over HTTP', () => {
  it('says on each result how many outlets covered its story and how many copies it has', async () => {
    const r = await search('q=bridge');
    expect(r.totalHits).toBe(4);
    for (const h of r.hits) expect(h.storyOutlets).toBe(4);
    expect(new Set(r.hits.map((h) => h.storyId)).size).toBe(1);
    const wire = r.hits.filter((h) => h.copies === 2);
    expect(wire.map((h) => h.outlet?.id).sort()).toEqual(['coast-wire', 'harbour-gazette']);
    // One hit per story, counted as one.
    const grouped = await search('q=bridge&group=story');
    expect(grouped.totalHits).toBe(1);
    expect(grouped.hits[0]!.storySize).toBe(4);
    // Other events of the same town and days are stories of their own.
    const budget = (await search('q=budget')).hits[0]!;
    expect(budget.storyOutlets).toBe(1);
    expect(budget.storyId).not.toBe(r.hits[0]!.storyId);
  });

  it('serves the coverage view: articles by time, outlets, and the actors they share', async () => {
    const hit = await bridgeHit();
    const view = await coverage(hit.storyId);
    expect(view.story).toMatchObject({ size: 4, outlets: 4, copies: 3 });
    expect(view.story.from).toBe('2024-03-11');
    expect(view.story.to).toBe('2024-03-12');
    expect(view.articles.at(-1)!.outlet?.id).toBe('coast-chronicle');
    expect(view.outlets.map((o) => o.id)).toContain('bay-herald');
    expect(view.actors.map((a) => a.name)).toContain('Elena Voss');
    const missing = await w.app.request('/api/stories/st_0000000000000000');
    expect(missing.status).toBe(404);
  });

  it('never counts or lists a hidden article for readers', async () => {
    const hit = await bridgeHit();
    const hidden = await w.app.request(`/api/articles/${hit.id}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', ...w.as.librarian },
      body: JSON.stringify({ status: 'hidden', reason: 'legal hold' }),
    });
    expect(hidden.status).toBe(200);
    await w.archive.drainOutbox(w.engine);
    const r = await search('q=bridge');
    expect(r.hits.map((h) => h.id)).not.toContain(hit.id);
    for (const h of r.hits) expect(h.storyOutlets).toBe(3);
    const view = await coverage(r.hits[0]!.storyId);
    expect(view.articles.map((a) => a.id)).not.toContain(hit.id);
    expect(view.outlets.map((o) => o.id)).not.toContain('bay-herald');
    // A librarian sees it, marked.
    const all = await coverage(r.hits[0]!.storyId, w.as.librarian);
    expect(all.articles.find((a) => a.id === hit.id)?.hidden).toBe(true);
  });

  it('answers a reader the same for a story of hidden articles as for a missing one', async () => {
    const budget = (await search('q=budget')).hits[0]!;
    const res = await w.app.request(`/api/articles/${budget.id}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', ...w.as.librarian },
      body: JSON.stringify({ status: 'hidden', reason: 'embargo' }),
    });
    expect(res.status).toBe(200);
    const hidden = await w.app.request(`/api/stories/${budget.storyId}`);
    const missing = await w.app.request('/api/stories/st_ffffffffffffffff');
    expect([hidden.status, missing.status]).toEqual([404, 404]);
    const headers = (r: Response) =>
      [...r.headers].filter(([k]) => k !== 'x-request-id').map(([k, v]) => `${k}: ${v}`);
    expect(headers(hidden)).toEqual(headers(missing));
    expect((await hidden.text()).replace(budget.storyId, 'ID')).toBe(
      (await missing.text()).replace('st_ffffffffffffffff', 'ID'),
    );
    // A librarian still sees it.
    expect(
      (await w.app.request(`/api/stories/${budget.storyId}`, { headers: w.as.librarian })).status,
    ).toBe(200);
  });

  it('lets a librarian split an article out, join stories and undo, audited', async () => {
    const hit = await bridgeHit();
    const reader = await post('/api/stories/split', { article: hit.id }, {});
    expect(reader.status).toBe(401);
    const split = await post('/api/stories/split', { article: hit.id });
    expect(split.status).toBe(200);
    const { storyId: alone } = await json<{ storyId: string }>(split);
    await w.archive.drainOutbox(w.engine);
    expect(alone).not.toBe(hit.storyId);
    expect((await bridgeHit()).storyOutlets).toBe(1);
    expect((await search('q=bridge&group=story')).totalHits).toBe(2);

    const budget = (await search('q=budget')).hits[0]!;
    const join = await post('/api/stories/join', { article: budget.id, into: hit.id });
    expect(join.status).toBe(200);
    expect((await json<{ storyId: string }>(join)).storyId).toBe(alone);

    const history = await json<{ entries: { action: string }[] }>(
      await w.app.request(`/api/articles/${hit.id}/history`, { headers: w.as.librarian }),
    );
    expect(history.entries.map((e) => e.action)).toContain('story.split');

    expect((await post('/api/stories/undo', { article: hit.id })).status).toBe(200);
    expect((await post('/api/stories/undo', { article: budget.id })).status).toBe(200);
    await w.archive.drainOutbox(w.engine);
    expect((await bridgeHit()).storyOutlets).toBe(4);
    const again = await post('/api/stories/undo', { article: budget.id });
    expect(again.status).toBe(409);
    expect((await apiError(again)).message).toMatch(/no story correction/);
    const unknown = await post('/api/stories/split', { article: 'no-such-article' });
    expect(unknown.status).toBe(404);
  });
});
