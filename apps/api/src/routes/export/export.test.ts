import { Article } from '@newsarchive/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiError, createTestWorld, extracted, type TestWorld } from '../../test-support.ts';

let w: TestWorld;
beforeAll(async () => {
  w = await createTestWorld([
    extracted(1, { title: 'Budget, "final" draft' }),
    extracted(2, {
      outlet: { id: 'daily-planet', name: 'Daily Planet' },
      publishedAt: '2023-03-03',
    }),
    extracted(3),
  ]);
  const res = await w.app.request('/api/articles/art-3', {
    method: 'PATCH',
    headers: { ...w.as.librarian, 'content-type': 'application/json' },
    body: JSON.stringify({ status: 'hidden', reason: 'embargo' }),
  });
  expect(res.status).toBe(200);
});
afterAll(() => w.close());

const ndjson = async (res: Response) =>
  (await res.text())
    .split('\n')
    .filter(Boolean)
    .map((l) => Article.parse(JSON.parse(l)));

describe('GET /api/export', () => {
  it('streams visible articles as NDJSON to readers, hidden ones too to librarians', async () => {
    const res = await w.app.request('/api/export');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/x-ndjson');
    expect((await ndjson(res)).map((a) => a.id)).toEqual(['art-1', 'art-2']);
    const librarian = await w.app.request('/api/export', { headers: w.as.librarian });
    expect((await ndjson(librarian)).map((a) => a.id)).toEqual(['art-1', 'art-2', 'art-3']);
  });

  it('applies the search filters, with or without q', async () => {
    expect(
      (await ndjson(await w.app.request('/api/export?outlet=daily-planet'))).map((a) => a.id),
    ).toEqual(['art-2']);
    expect(
      (await ndjson(await w.app.request('/api/export?to=2023-12-31'))).map((a) => a.id),
    ).toEqual(['art-2']);
    const q = await ndjson(await w.app.request('/api/export?q=budget'));
    expect(q.map((a) => a.id)).toEqual(['art-1']);
    expect(
      (await ndjson(await w.app.request('/api/export?q=harbour'))).map((a) => a.id).sort(),
    ).toEqual(['art-1', 'art-2']);
  });

  it('writes CSV with a header row and quoted cells', async () => {
    const res = await w.app.request('/api/export?format=csv');
    expect(res.headers.get('content-type')).toContain('text/csv');
    const text = await res.text();
    const [header] = text.split('\n');
    expect(header).toBe(
      'id,url,title,outlet,byline,publishedAt,actors,storyId,status,collections,format,origin,body',
    );
    expect(text).toContain('"Budget, ""final"" draft"');
    expect(text).not.toContain('art-3');
  });

  it("leaves the server's own origin out for readers, in NDJSON and CSV", async () => {
    const reader = await ndjson(await w.app.request('/api/export'));
    expect(reader.map((a) => a.source.origin)).toEqual([undefined, undefined]);
    const librarian = await ndjson(await w.app.request('/api/export', { headers: w.as.librarian }));
    expect(librarian.map((a) => a.source.origin)).toEqual(['test', 'test', 'test']);
    const csv = await (await w.app.request('/api/export?format=csv&outlet=daily-planet')).text();
    expect(csv.split('\n')[1]).toMatch(/,json,,/);
  });

  it('refuses an unknown format with 400', async () => {
    const res = await w.app.request('/api/export?format=xml');
    expect(res.status).toBe(400);
    expect((await apiError(res)).message).toContain('format');
  });
});
