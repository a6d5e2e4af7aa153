import { Article, AuditEntry, SearchResponse } from '@newsarchive/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ArticlePage } from '../../schemas.ts';
import { apiError, createTestWorld, extracted, json, type TestWorld } from '../../test-support.ts';

// Identical fingerprints: the three versions tell one story.
const minhash = Array.from({ length: 256 }, (_, i) => i * 7919);
let w: TestWorld;
beforeEach(async () => {
  w = await createTestWorld([
    extracted(1, {
      fingerprint: { contentHash: 'h1', minhash },
      publishedAt: '2024-05-01',
      source: { format: 'json', origin: '/srv/newsroom/exports/2024/harbour.json', line: 1 },
    }),
    extracted(2, {
      fingerprint: { contentHash: 'h2', minhash },
      publishedAt: '2024-05-02',
      outlet: { id: 'daily-planet', name: 'Daily Planet' },
    }),
    extracted(3, {
      fingerprint: { contentHash: 'h3', minhash },
      publishedAt: '2024-05-03',
      outlet: { id: 'tiny-gazette', name: 'Tiny Gazette' },
    }),
  ]);
});
afterEach(() => w.close());

const patch = (body: unknown, headers: Record<string, string> = {}) => ({
  method: 'PATCH',
  headers: { 'content-type': 'application/json', ...headers },
  body: typeof body === 'string' ? body : JSON.stringify(body),
});
const hide = (id: string) =>
  w.app.request(
    `/api/articles/${id}`,
    patch({ status: 'hidden', reason: 'duplicate' }, w.as.librarian),
  );

describe('GET /api/articles/{id}', () => {
  it("returns the full article, its provenance and the story's other versions", async () => {
    const res = await w.app.request('/api/articles/art-1');
    expect(res.status).toBe(200);
    const page = ArticlePage.parse(await res.json());
    expect(page.article.id).toBe('art-1');
    expect(page.article.body).toContain('harbour works');
    // The origin is a path on the server: readers see the file's name, librarians the path.
    expect(page.provenance).toEqual({
      format: 'json',
      origin: 'harbour.json',
      line: 1,
      ingestedAt: expect.any(String),
      contentHash: 'h1',
    });
    expect(JSON.stringify(page)).not.toContain('/srv/newsroom');
    const librarian = ArticlePage.parse(
      await json(await w.app.request('/api/articles/art-1', { headers: w.as.librarian })),
    );
    expect(librarian.provenance).toMatchObject({
      format: 'json',
      origin: '/srv/newsroom/exports/2024/harbour.json',
      line: 1,
    });
    expect(page.otherVersions.map((v) => v.id)).toEqual(['art-2', 'art-3']);
    expect(page.article.storySize).toBe(3);
    // A reader's browser may keep it briefly; a shared cache must not (it would go on serving
    // the article after a librarian hid it).
    expect(res.headers.get('cache-control')).toMatch(/^private, max-age=\d+$/);
  });

  it('answers a reader the same for a hidden article as for a missing one', async () => {
    expect((await hide('art-2')).status).toBe(200);
    const hidden = await w.app.request('/api/articles/art-2');
    const missing = await w.app.request('/api/articles/art-9');
    expect([hidden.status, missing.status]).toEqual([404, 404]);
    // Every header but the request's own id, Server-Timing included (none for readers).
    const headers = (r: Response) =>
      [...r.headers].filter(([k]) => k !== 'x-request-id').map(([k, v]) => `${k}: ${v}`);
    expect(headers(hidden)).toEqual(headers(missing));
    expect(hidden.headers.get('server-timing')).toBeNull();
    expect((await hidden.text()).replace('art-2', 'ID')).toBe(
      (await missing.text()).replace('art-9', 'ID'),
    );
  });

  it('decides visibility from the index before reading the article', () => {
    const plan = w.archive.db
      .prepare(
        "EXPLAIN QUERY PLAN SELECT 1 FROM articles INDEXED BY articles_visibility WHERE id = 'x' AND status = 'visible'",
      )
      .all() as { detail: string }[];
    expect(plan.map((p) => p.detail).join(' ')).toMatch(/COVERING INDEX articles_visibility/);
    expect(w.archive.isVisible('art-1')).toBe(true);
    expect(w.archive.isVisible('art-9')).toBe(false);
  });

  it('sends Server-Timing to librarians only, unless configured for all', async () => {
    const lib = await w.app.request('/api/articles/art-1', { headers: w.as.librarian });
    expect(lib.headers.get('server-timing')).toMatch(/^app;dur=\d+\.\d{2}$/);
    for (const headers of [{}, w.as.ingest]) {
      const res = await w.app.request('/api/articles/art-1', { headers });
      expect(res.headers.get('server-timing')).toBeNull();
    }
    const bench = await w.withConfig({ serverTiming: 'all' }).request('/api/articles/art-1');
    expect(bench.headers.get('server-timing')).toMatch(/^app;dur=/);
  });

  it('limits article and actor reads per client like search', async () => {
    for (const path of [
      '/api/articles/art-1',
      '/api/articles/art-9',
      '/api/actors/x',
      '/api/actors',
    ]) {
      const limited = w.withConfig({ rateLimitPerMinute: 6 }); // a burst of one request
      await limited.request(path);
      const refused = await limited.request(path);
      expect(refused.status, path).toBe(429);
      expect((await apiError(refused)).code).toBe('rate_limited');
    }
  });

  it('is 404 for an unknown id and 400 for an id that cannot exist', async () => {
    const missing = await w.app.request('/api/articles/nope');
    expect(missing.status).toBe(404);
    expect((await apiError(missing)).code).toBe('not_found');
    const bad = await w.app.request('/api/articles/bad%20id!');
    expect(bad.status).toBe(400);
    expect((await apiError(bad)).issues?.[0]?.path).toEqual(['id']);
  });

  it('hides a hidden article from readers (404) but not from librarians', async () => {
    expect((await hide('art-2')).status).toBe(200);
    const reader = await w.app.request('/api/articles/art-2');
    expect(reader.status).toBe(404);
    expect((await apiError(reader)).code).toBe('not_found');
    const librarian = await w.app.request('/api/articles/art-2', { headers: w.as.librarian });
    expect(librarian.status).toBe(200);
    expect(ArticlePage.parse(await librarian.json()).article).toMatchObject({
      status: 'hidden',
      hiddenReason: 'duplicate',
    });
    expect(librarian.headers.get('cache-control')).toBe('private, no-store');
  });

  it("shows no trace of a hidden first version on the story's visible versions", async () => {
    expect((await hide('art-1')).status).toBe(200);
    const page = await w.app.request('/api/articles/art-2');
    expect(page.status).toBe(200);
    const text = await page.text();
    expect(ArticlePage.parse(JSON.parse(text)).article.storyId).not.toBe('art-1');
    expect(text).not.toContain('art-1');
    const hits = await (await w.app.request('/api/search?q=harbour')).text();
    expect(hits).toContain('art-2');
    expect(hits).not.toContain('art-1');
  });

  it("never lists a hidden version among a reader's other versions", async () => {
    const before = ArticlePage.parse(
      await json(await w.app.request('/api/articles/art-1', { headers: w.as.librarian })),
    );
    expect((await hide('art-3')).status).toBe(200);
    const reader = ArticlePage.parse(await json(await w.app.request('/api/articles/art-1')));
    expect(reader.otherVersions.map((v) => v.id)).not.toContain('art-3');
    expect(reader.article.storySize).toBe(2);
    const hits = SearchResponse.parse(await json(await w.app.request('/api/search?q=harbour')));
    expect(hits.hits.find((h) => h.id === 'art-1')?.storySize).toBe(2);
    const librarian = ArticlePage.parse(
      await json(await w.app.request('/api/articles/art-1', { headers: w.as.librarian })),
    );
    expect(librarian.otherVersions.map((v) => v.id)).toEqual(before.otherVersions.map((v) => v.id));
  });
});

describe('PATCH /api/articles/{id}', () => {
  it('needs a librarian token: 401 without one, 403 with an ingest token', async () => {
    const none = await w.app.request('/api/articles/art-1', patch({ title: 'New' }));
    expect(none.status).toBe(401);
    expect((await apiError(none)).code).toBe('unauthorized');
    const ingest = await w.app.request('/api/articles/art-1', patch({ title: 'New' }, w.as.ingest));
    expect(ingest.status).toBe(403);
    expect((await apiError(ingest)).code).toBe('forbidden');
  });

  it('applies the correction, audits it, and search shows it straight away', async () => {
    const res = await w.app.request(
      '/api/articles/art-1',
      patch({ title: 'Corrected headline about zeppelins', byline: null }, w.as.librarian),
    );
    expect(res.status).toBe(200);
    const article = Article.parse(await res.json());
    expect(article).toMatchObject({ title: 'Corrected headline about zeppelins', byline: null });
    expect(article.curated).toEqual(expect.arrayContaining(['title', 'byline']));
    expect(res.headers.get('cache-control')).toBe('no-store');

    const found = SearchResponse.parse(await json(await w.app.request('/api/search?q=zeppelins')));
    expect(found.hits.map((h) => h.id)).toEqual(['art-1']);

    const history = await w.app.request('/api/articles/art-1/history', { headers: w.as.librarian });
    const entries = AuditEntry.array().parse((await json<{ entries: unknown[] }>(history)).entries);
    expect(entries.at(-1)?.who).toContain('Test Librarian');
  });

  it('takes hidden articles out of search at once and puts them back on restore', async () => {
    expect((await hide('art-1')).status).toBe(200);
    const hidden = SearchResponse.parse(await json(await w.app.request('/api/search')));
    expect(hidden.hits.map((h) => h.id)).not.toContain('art-1');
    const restore = await w.app.request(
      '/api/articles/art-1',
      patch({ status: 'visible' }, w.as.librarian),
    );
    expect(restore.status).toBe(200);
    const back = SearchResponse.parse(await json(await w.app.request('/api/search')));
    expect(back.hits.map((h) => h.id)).toContain('art-1');
  });

  it.each([
    [{ status: 'hidden' }, 'reason'],
    [{ title: '' }, 'title'],
    [{ publishedAt: '2024-02-30' }, 'publishedAt'],
    [{ frobnicate: true }, 'frobnicate'],
    [{ title: 'Harbour\u0000 works' }, 'title'],
    [{ title: 'Harbour \uD800 works' }, 'title'],
    [{ byline: 'Jane\uDC00 Roe' }, 'byline'],
    [{ actors: { add: ['no such actor!'] } }, 'actors'],
  ])('refuses %j with 400 naming %s', async (body, field) => {
    const res = await w.app.request('/api/articles/art-1', patch(body, w.as.librarian));
    expect(res.status).toBe(400);
    const error = await apiError(res);
    expect(error.code).toBe('invalid_request');
    expect(error.message).toContain(field);
  });

  it('applies the title length limit before trimming', async () => {
    const padded = await w.app.request(
      '/api/articles/art-1',
      patch({ title: `${' '.repeat(1000)}Harbour` }, w.as.librarian),
    );
    expect(padded.status).toBe(400);
    expect((await apiError(padded)).message).toContain('title');
  });

  it('refuses malformed JSON and a missing content type with 400', async () => {
    const malformed = await w.app.request(
      '/api/articles/art-1',
      patch('{"title":', w.as.librarian),
    );
    expect(malformed.status).toBe(400);
    expect((await apiError(malformed)).code).toBe('invalid_request');
    const untyped = await w.app.request('/api/articles/art-1', {
      method: 'PATCH',
      headers: w.as.librarian,
      body: '{"title":"x"}',
    });
    expect(untyped.status).toBe(400);
    expect((await apiError(untyped)).code).toBe('invalid_request');
  });

  it('is 404 for an unknown article and 413 for an oversized body', async () => {
    const missing = await w.app.request(
      '/api/articles/nope',
      patch({ title: 'x' }, w.as.librarian),
    );
    expect(missing.status).toBe(404);
    expect((await apiError(missing)).code).toBe('not_found');
    const huge = await w.app.request(
      '/api/articles/art-1',
      patch({ title: 'x'.repeat(300 * 1024) }, w.as.librarian),
    );
    expect(huge.status).toBe(413);
    expect((await apiError(huge)).code).toBe('payload_too_large');
  });
});

describe('GET /api/articles/{id}/history', () => {
  it('is for librarians only and 404 for an unknown article', async () => {
    expect((await w.app.request('/api/articles/art-1/history')).status).toBe(401);
    expect(
      (await w.app.request('/api/articles/art-1/history', { headers: w.as.ingest })).status,
    ).toBe(403);
    const missing = await w.app.request('/api/articles/nope/history', { headers: w.as.librarian });
    expect(missing.status).toBe(404);
    await apiError(missing);
  });

  it('lists the audit entries of one article, hidden ones too', async () => {
    await hide('art-2');
    const res = await w.app.request('/api/articles/art-2/history', { headers: w.as.librarian });
    expect(res.status).toBe(200);
    const body = await json<{ id: string; entries: unknown[] }>(res);
    const entries = AuditEntry.array().parse(body.entries);
    expect(entries.map((e) => e.action)).toContain('article.hide');
    expect(entries[0]).toMatchObject({
      entityType: 'article',
      entityId: 'art-2',
      reason: 'duplicate',
    });
  });
});
