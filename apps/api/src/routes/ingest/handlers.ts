import { InvalidRequestError, type IngestSummary } from '@newsarchive/core';
import { missingColumns } from '@newsarchive/ingest';
import type { z } from '@hono/zod-openapi';
import { noStore, type AppRouteHandler } from '../../router.ts';
import type { IngestItemResult } from '../../schemas.ts';
import { prepareForArchive, type RawItem } from './prepare.ts';
import type * as routes from './routes.ts';

type ItemResult = z.infer<typeof IngestItemResult>;

const NDJSON_TYPES = [
  'application/x-ndjson',
  'application/ndjson',
  'application/jsonl',
  'application/x-jsonlines',
];

/** The body's items, numbered as the sender counts them: array position, or NDJSON line. */
function parseNdjson(text: string): { items: RawItem[]; failures: ItemResult[] } {
  const items: RawItem[] = [];
  const failures: ItemResult[] = [];
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  lines.forEach((line, i) => {
    if (line.trim() === '') return;
    try {
      items.push({ item: i + 1, value: JSON.parse(line) as unknown });
    } catch {
      failures.push({ item: i + 1, ok: false, error: `line ${i + 1} is not valid JSON` });
    }
  });
  return { items, failures };
}

export const ingest: AppRouteHandler<typeof routes.ingest> = async (c) => {
  const { outlet, collection, map: mapping } = c.req.valid('query');
  const type = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  let items: RawItem[];
  let failures: ItemResult[] = [];
  if (type === 'application/json') {
    const body = c.req.valid('json');
    items = (Array.isArray(body) ? body : [body]).map((value, i) => ({ item: i + 1, value }));
  } else if (NDJSON_TYPES.includes(type)) {
    ({ items, failures } = parseNdjson(await c.req.text()));
  } else {
    throw new InvalidRequestError(
      'send articles as application/json (an array or one object) or application/x-ndjson',
    );
  }
  if (items.length + failures.length === 0)
    throw new InvalidRequestError('the body holds no articles');
  const keys = new Set<string>();
  for (const { value } of items)
    if (value && typeof value === 'object' && !Array.isArray(value))
      for (const k of Object.keys(value)) keys.add(k);
  const missing = missingColumns(mapping, keys);
  if (missing.length > 0)
    throw new InvalidRequestError(
      `map names ${missing.map((m) => `"${m}"`).join(', ')}, a key no item has`,
    );

  const archive = c.get('archive');
  const caller = c.get('caller');
  const who = caller.role === 'reader' ? 'reader' : caller.token.name;
  const runId = archive.startIngestRun({
    via: 'api',
    by: who,
    items: items.length + failures.length,
    outlet,
    collection,
  });
  const { items: prepared, columns } = prepareForArchive(items, {
    outlet,
    collection,
    mapping,
    archive,
    ndjson: type !== 'application/json',
  });
  const results: ItemResult[] = [...failures];
  for (const p of prepared)
    if (p.error !== undefined) results.push({ item: p.item, ok: false, error: p.error });
  const ready = prepared.filter((p) => p.article !== undefined);
  if (ready.length > 0) {
    const outcomes = archive.upsertArticles(
      ready.map((p) => p.article!),
      { runId },
    );
    // Only a librarian may learn that an article exists but is hidden: to anyone else, a hidden
    // article they send is reported as it would be if the archive had never had it.
    const seesHidden = caller.role === 'librarian';
    outcomes.forEach((o, i) =>
      results.push({
        item: ready[i]!.item,
        ok: true,
        id: o.id,
        outcome: seesHidden || o.outcome === 'new' || archive.isVisible(o.id) ? o.outcome : 'new',
      }),
    );
  }
  results.sort((a, b) => a.item - b.item);

  const count = (outcome: string) => results.filter((r) => r.outcome === outcome).length;
  const summary: IngestSummary = {
    new: count('new'),
    updated: count('updated'),
    unchanged: count('unchanged'),
    failed: results.filter((r) => !r.ok).length,
    skipped: 0,
    errors: results
      .filter((r) => !r.ok)
      .map((r) => ({ source: 'api', line: r.item, reason: r.error ?? 'failed' })),
    columns: Object.keys(columns).length > 0 ? [{ source: 'api', fields: columns }] : [],
  };
  archive.finishIngestRun(runId, summary);
  if (ready.length > 0) await c.get('indexer').afterWrite();
  noStore(c);
  const { errors: _errors, ...counts } = summary;
  return c.json({ summary: counts, results }, 200);
};
