import { SearchResponse } from '@newsarchive/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { IngestResponse } from '../../schemas.ts';
import { apiError, createTestWorld, json, type TestWorld } from '../../test-support.ts';

let w: TestWorld;
beforeEach(async () => {
  w = await createTestWorld([], { maxIngestBytes: 64 * 1024 });
});
afterEach(() => w.close());

const item = (i: number) => ({
  url: `https://wire.example.com/story-${i}`,
  title: `Quarry flooding report ${i}`,
  body: `The old quarry flooded overnight, report ${i} says.\n\nVolunteers pumped water until dawn while the council met.`,
  outlet: 'Wire Example',
  date: '2024-06-0' + ((i % 9) + 1),
});
const post = (body: string, type: string, headers: Record<string, string>, query = '') =>
  w.app.request(`/api/ingest${query}`, {
    method: 'POST',
    headers: { 'content-type': type, ...headers },
    body,
  });

describe('POST /api/ingest', () => {
  it('stores a JSON array for an ingest token, a result per item, searchable at once', async () => {
    const res = await post(JSON.stringify([item(1), item(2)]), 'application/json', w.as.ingest);
    expect(res.status).toBe(200);
    const body = IngestResponse.parse(await res.json());
    expect(body.summary).toMatchObject({ new: 2, failed: 0 });
    expect(body.results.map((r) => [r.item, r.ok, r.outcome])).toEqual([
      [1, true, 'new'],
      [2, true, 'new'],
    ]);
    const found = SearchResponse.parse(await json(await w.app.request('/api/search?q=quarry')));
    expect(found.totalHits).toBe(2);

    const again = IngestResponse.parse(
      await json(await post(JSON.stringify([item(1)]), 'application/json', w.as.librarian)),
    );
    expect(again.results[0]).toMatchObject({ ok: true, outcome: 'unchanged' });
  });

  it('does not tell an ingest token that an article it sends exists hidden; a librarian, yes', async () => {
    const first = IngestResponse.parse(
      await json(await post(JSON.stringify([item(1)]), 'application/json', w.as.ingest)),
    );
    const id = first.results[0]!.id!;
    const hide = await w.app.request(`/api/articles/${id}`, {
      method: 'PATCH',
      headers: { ...w.as.librarian, 'content-type': 'application/json' },
      body: JSON.stringify({ status: 'hidden', reason: 'legal hold' }),
    });
    expect(hide.status).toBe(200);
    const send = async (items: unknown[], headers: Record<string, string>) =>
      IngestResponse.parse(
        await json(await post(JSON.stringify(items), 'application/json', headers)),
      );
    // The hidden article and a never-seen one get the same answer.
    const hidden = await send([item(1)], w.as.ingest);
    const fresh = await send([item(2)], w.as.ingest);
    expect(hidden.results[0]).toEqual({ item: 1, ok: true, id, outcome: 'new' });
    expect(fresh.results[0]).toMatchObject({ item: 1, ok: true, outcome: 'new' });
    expect(hidden.summary).toEqual(fresh.summary);
    const librarian = await send([item(1)], w.as.librarian);
    expect(librarian.results[0]).toMatchObject({ id, outcome: 'unchanged' });
    expect(librarian.summary).toMatchObject({ new: 0, unchanged: 1 });
  });

  it('takes NDJSON, reporting bad lines by number and storing the good ones', async () => {
    const ndjson = [
      JSON.stringify(item(1)),
      '{not json',
      '',
      JSON.stringify({ title: 'no body' }),
      JSON.stringify(item(2)),
    ].join('\n');
    const res = await post(ndjson, 'application/x-ndjson', w.as.ingest, '?collection=wire');
    expect(res.status).toBe(200);
    const body = IngestResponse.parse(await res.json());
    expect(body.summary).toMatchObject({ new: 2, failed: 2 });
    expect(body.results.map((r) => [r.item, r.ok])).toEqual([
      [1, true],
      [2, false],
      [4, false],
      [5, true],
    ]);
    expect(body.results[1]!.error).toMatch(/line 2/);
    expect(body.results[2]!.error).toBeTruthy();
    const stored = w.archive.getArticle(body.results[0]!.id!);
    expect(stored?.collections).toContain('wire');
  });

  it('needs an ingest or librarian token', async () => {
    const none = await post('[]', 'application/json', {});
    expect(none.status).toBe(401);
    await apiError(none);
  });

  it('refuses an empty body, malformed JSON and other media types with 400', async () => {
    for (const [body, type] of [
      ['[]', 'application/json'],
      ['', 'application/x-ndjson'],
      ['[{"title":', 'application/json'],
      ['title,body\na,b', 'text/csv'],
      ['"just a string"', 'application/json'],
    ] as const) {
      const res = await post(body, type, w.as.ingest);
      expect(res.status, `${type} ${body}`).toBe(400);
      expect((await apiError(res)).code).toBe('invalid_request');
    }
  });

  it('refuses a body over the size cap with 413 and stores nothing', async () => {
    const many = Array.from({ length: 400 }, (_, i) => item(i));
    const res = await post(JSON.stringify(many), 'application/json', w.as.ingest);
    expect(res.status).toBe(413);
    expect((await apiError(res)).code).toBe('payload_too_large');
    expect(w.archive.countArticles()).toBe(0);
  });

  it('maps fields with repeatable map=field:column, says which key fed which field, and refuses a bad map', async () => {
    const exported = [
      {
        source: 'export_01.docx',
        text: 'The harbour board approved the new quay on Tuesday.\n\nWork starts in spring.',
        title: 'Harbour board approves quay',
        paper: 'The Coastal Herald',
        when: '2023-10-18',
      },
    ];
    const res = await post(
      JSON.stringify(exported),
      'application/json',
      w.as.ingest,
      '?map=outlet:paper&map=date:when',
    );
    expect(res.status).toBe(200);
    const body = IngestResponse.parse(await res.json());
    expect(body.summary).toMatchObject({ new: 1, failed: 0 });
    expect(body.summary.columns).toEqual([
      {
        source: 'api',
        fields: { title: 'title', body: 'text', outlet: 'paper', date: 'when' },
      },
    ]);
    const stored = w.archive.getArticle(body.results[0]!.id!);
    expect(stored?.outlet?.name).toBe('The Coastal Herald');
    expect(stored?.publishedAt).toBe('2023-10-18');

    for (const [query, message] of [
      ['?map=journal:paper', /unknown field "journal"/],
      ['?map=outlet', /field:column/],
      ['?map=outlet:journal', /"journal", a key no item has/],
    ] as const) {
      const bad = await post(JSON.stringify(exported), 'application/json', w.as.ingest, query);
      expect(bad.status, query).toBe(400);
      const error = await apiError(bad);
      expect(error.code).toBe('invalid_request');
      const said = [error.message, ...(error.issues ?? []).map((i) => i.message)].join(' ');
      expect(said, query).toMatch(message);
    }
  });
});
