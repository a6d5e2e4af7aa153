import type { Database } from 'better-sqlite3';
import type { ExtractedArticle } from '@newsarchive/core';
import { resolveMentions } from './actors.ts';
import { cached, enqueueIndex, nowIso, storyMembers } from './journal.ts';
import { assignCopy, decodeMinhash, NUM_HASHES } from './copies.ts';
import { assignStory, parseCoverage } from './stories.ts';
import type { UpsertResult } from './types.ts';

/*
 * Upsert: extracted articles into the archive, each with its outlet, actors and story, and the
 * articles whose documents changed queued for the engine.
 */

/**
 * A full signature of unsigned 32-bit values is stored as uint32 (1 KB); anything else as
 * float64 so every safe integer survives. decodeMinhash tells the two apart by length.
 */
function encodeMinhash(m: number[]): Buffer | null {
  if (m.length === 0) return null;
  const fitsUint32 =
    m.length === NUM_HASHES && m.every((v) => Number.isInteger(v) && v >= 0 && v <= 0xffffffff);
  return Buffer.from((fitsUint32 ? new Uint32Array(m) : new Float64Array(m)).buffer);
}

export function upsertArticles(
  db: Database,
  batch: ExtractedArticle[],
  context: { runId?: number } = {},
): UpsertResult[] {
  const cause = context.runId ? `ingest run ${context.runId}` : 'ingest';
  return db
    .transaction(() => {
      // Stories the batch touched: their members are queued once, at the end. A story of a
      // thousand reports gaining two hundred would otherwise queue its members two hundred times.
      const touched = new Set<string>();
      const results = batch.map((a) => upsertOne(db, a, cause, touched));
      enqueueIndex(db, storyMembers(db, touched), cause);
      return results;
    })
    .immediate();
}

export function upsertOne(
  db: Database,
  a: ExtractedArticle,
  cause: string,
  touched: Set<string>,
): UpsertResult {
  const existing = cached(
    db,
    `SELECT content_hash, collections, story_id, copy_id, story_ref, metadata, status
     FROM articles WHERE id = ?`,
  ).get(a.id) as
    | {
        content_hash: string;
        collections: string;
        story_id: string;
        copy_id: string | null;
        story_ref: number;
        metadata: string | null;
        status: string;
      }
    | undefined;
  const oldCollections: string[] = existing ? JSON.parse(existing.collections) : [];
  const collections = [...new Set([...oldCollections, ...a.collections])].sort();
  const metadata = a.metadata ? JSON.stringify(a.metadata) : null;
  if (
    existing &&
    existing.content_hash === a.fingerprint.contentHash &&
    collections.length === oldCollections.length &&
    existing.metadata === metadata
  ) {
    return { id: a.id, outcome: 'unchanged' };
  }
  if (a.outlet) {
    cached(db, 'INSERT INTO outlets (id, name) VALUES (?, ?) ON CONFLICT DO NOTHING').run(
      a.outlet.id,
      a.outlet.name,
    );
  }
  // The old signature is read only on this changed path (an unchanged re-ingest skips it):
  // its LSH bands are cleared by key once the new version is stored.
  const previous = existing
    ? (cached(db, 'SELECT minhash, coverage FROM articles WHERE id = ?').get(a.id) as {
        minhash: Buffer | null;
        coverage: string | null;
      })
    : null;
  const previousMinhash = previous ? decodeMinhash(previous.minhash) : null;
  const coverage = a.fingerprint.coverage ?? null;
  const at = nowIso();
  const values = [
    a.url,
    a.title,
    a.titleDerived ? 1 : 0,
    a.body,
    a.outlet?.id ?? null,
    a.byline,
    a.publishedAt,
    JSON.stringify(collections),
    a.source.format,
    a.source.origin,
    a.source.line,
    a.fingerprint.contentHash,
    encodeMinhash(a.fingerprint.minhash),
    metadata,
    coverage ? JSON.stringify(coverage) : null,
  ];
  const oldStory = existing?.story_id ?? null;
  // story_ref numbers articles in insertion order; the unique index makes max() one seek.
  const ref = existing
    ? existing.story_ref
    : (cached(db, 'SELECT ifnull(max(story_ref), 0) + 1 FROM articles', true).get() as number);
  // Copy group and story are chosen before a new article is stored, so it is inserted with both.
  const copy = assignCopy(
    db,
    {
      id: a.id,
      ref,
      publishedAt: a.publishedAt,
      minhash: a.fingerprint.minhash,
      previousMinhash: previousMinhash ?? undefined,
    },
    existing?.copy_id ?? null,
  );
  const { storyId, moved } = assignStory(
    db,
    {
      id: a.id,
      ref,
      coverage,
      previous: parseCoverage(previous?.coverage ?? null),
      copyRef: copy.closestRef,
      hidden: existing?.status === 'hidden',
    },
    oldStory,
  );
  if (existing) {
    cached(
      db,
      `UPDATE articles SET url = ?, title = ?, title_derived = ?, body = ?, outlet_id = ?,
         byline = ?, published_at = ?, collections = ?, format = ?, origin = ?, line = ?,
         content_hash = ?, minhash = ?, metadata = ?, coverage = ?, updated_at = ?, story_id = ?,
         copy_id = ?
       WHERE id = ?`,
    ).run(...values, at, storyId, copy.copyId, a.id);
  } else {
    cached(
      db,
      `INSERT INTO articles (url, title, title_derived, body, outlet_id, byline, published_at,
         collections, format, origin, line, content_hash, minhash, metadata, coverage,
         ingested_at, updated_at, story_id, copy_id, id, story_ref)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(...values, at, at, storyId, copy.copyId, a.id, ref);
  }

  cached(db, 'DELETE FROM article_actors WHERE article_id = ?').run(a.id);
  const link = cached(
    db,
    'INSERT OR IGNORE INTO article_actors (article_id, actor_id) VALUES (?, ?)',
  );
  for (const actorId of resolveMentions(db, a.actors)) link.run(a.id, actorId);

  // Every article of the stories it joined or left (their storySize and outlets changed) is
  // queued when the batch ends; the article and those that moved story, now.
  touched.add(storyId);
  if (oldStory && oldStory !== storyId) touched.add(oldStory);
  enqueueIndex(db, [a.id, ...moved], cause);
  return { id: a.id, outcome: existing ? 'updated' : 'new' };
}
