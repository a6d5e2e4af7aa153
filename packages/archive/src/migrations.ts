import type { Database } from 'better-sqlite3';
import { bandKeys, decodeMinhash } from './copies.ts';
import { newStoryId } from './stories.ts';

/**
 * Versioned schema changes, applied in order inside one transaction each; PRAGMA user_version
 * records how far a file has come. Append only: never edit a migration that has shipped.
 */
export const migrations: {
  version: number;
  name: string;
  sql: string;
  /** Work SQL alone cannot do, run after `sql` in the same transaction. */
  run?: (db: Database) => void;
}[] = [
  {
    version: 1,
    name: 'archive',
    sql: `
      CREATE TABLE outlets (
        id   TEXT PRIMARY KEY,
        name TEXT NOT NULL
      );

      -- Extracted values only. Librarian corrections live in overrides and win when read.
      CREATE TABLE articles (
        id             TEXT PRIMARY KEY,
        url            TEXT,
        title          TEXT NOT NULL,
        title_derived  INTEGER NOT NULL DEFAULT 0,
        body           TEXT NOT NULL,
        outlet_id      TEXT REFERENCES outlets(id),
        byline         TEXT,
        published_at   TEXT,
        collections    TEXT NOT NULL DEFAULT '[]',
        -- Curation state, written only by librarians (mirrored in overrides for the audit trail).
        status         TEXT NOT NULL DEFAULT 'visible' CHECK (status IN ('visible', 'hidden')),
        hidden_reason  TEXT,
        story_id       TEXT NOT NULL,
        format         TEXT NOT NULL,
        origin         TEXT NOT NULL,
        line           INTEGER,
        content_hash   TEXT NOT NULL,
        minhash        BLOB,
        ingested_at    TEXT NOT NULL,
        updated_at     TEXT NOT NULL
      );
      CREATE INDEX articles_story ON articles(story_id);
      CREATE INDEX articles_published ON articles(published_at);

      CREATE TABLE overrides (
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        field      TEXT NOT NULL,
        value      TEXT NOT NULL, -- JSON
        set_at     TEXT NOT NULL,
        set_by     TEXT NOT NULL,
        PRIMARY KEY (article_id, field)
      ) WITHOUT ROWID;

      CREATE TABLE actors (
        id         TEXT PRIMARY KEY,
        name       TEXT NOT NULL,
        type       TEXT NOT NULL CHECK (type IN ('person', 'organization', 'state', 'group')),
        origin     TEXT NOT NULL DEFAULT 'extracted', -- gazetteer | extracted | librarian
        created_at TEXT NOT NULL
      );
      -- Every spelling of an actor; alias_key is the normalised spelling.
      CREATE TABLE actor_aliases (
        alias_key TEXT PRIMARY KEY,
        alias     TEXT NOT NULL,
        actor_id  TEXT NOT NULL REFERENCES actors(id) ON DELETE CASCADE
      ) WITHOUT ROWID;
      CREATE INDEX actor_aliases_actor ON actor_aliases(actor_id);
      -- Ids that were merged away point at the survivor, so later extraction lands there.
      CREATE TABLE actor_redirects (
        from_id TEXT PRIMARY KEY,
        to_id   TEXT NOT NULL
      ) WITHOUT ROWID;
      -- Spellings of actors a librarian deleted as false: extraction must not bring them back.
      CREATE TABLE actor_suppressions (
        alias_key  TEXT PRIMARY KEY,
        actor_id   TEXT NOT NULL,
        deleted_at TEXT NOT NULL
      ) WITHOUT ROWID;
      -- Extracted actors of each article (librarian add/remove is an override).
      CREATE TABLE article_actors (
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        actor_id   TEXT NOT NULL,
        PRIMARY KEY (article_id, actor_id)
      ) WITHOUT ROWID;
      CREATE INDEX article_actors_actor ON article_actors(actor_id);

      -- Locality-sensitive hashing bands of each article's MinHash signature (story grouping).
      CREATE TABLE story_bands (
        band_key   TEXT NOT NULL,
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        PRIMARY KEY (band_key, article_id)
      ) WITHOUT ROWID;
      CREATE INDEX story_bands_article ON story_bands(article_id);

      CREATE TABLE audit (
        id          INTEGER PRIMARY KEY,
        at          TEXT NOT NULL,
        who         TEXT NOT NULL,
        token_id    TEXT,
        action      TEXT NOT NULL,
        entity_type TEXT NOT NULL CHECK (entity_type IN ('article', 'actor', 'token')),
        entity_id   TEXT NOT NULL,
        before      TEXT,
        after       TEXT,
        reason      TEXT
      );
      CREATE INDEX audit_entity ON audit(entity_type, entity_id, id);

      CREATE TABLE tokens (
        id           TEXT PRIMARY KEY,
        name         TEXT NOT NULL,
        role         TEXT NOT NULL CHECK (role IN ('librarian', 'ingest')),
        hash         TEXT NOT NULL UNIQUE,
        created_at   TEXT NOT NULL,
        revoked_at   TEXT,
        last_used_at TEXT
      );

      CREATE TABLE ingest_runs (
        id          INTEGER PRIMARY KEY,
        started_at  TEXT NOT NULL,
        finished_at TEXT,
        args        TEXT,
        summary     TEXT
      );

      -- Index operations waiting for the search engine, with the change that caused them.
      CREATE TABLE outbox (
        seq        INTEGER PRIMARY KEY AUTOINCREMENT,
        article_id TEXT NOT NULL,
        op         TEXT NOT NULL CHECK (op IN ('index', 'remove')),
        cause      TEXT NOT NULL,
        created_at TEXT NOT NULL
      );
      CREATE INDEX outbox_article ON outbox(article_id);
    `,
  },
  {
    version: 2,
    name: 'one pending index operation per article',
    // A story of n versions used to queue n(n+1)/2 rows (every new version re-queued all the
    // others). Documents are read fresh when the outbox drains, so one row per article is
    // enough; `changes` counts updates so a drain never deletes a row changed while in flight.
    sql: `
      DELETE FROM outbox WHERE seq NOT IN (SELECT max(seq) FROM outbox GROUP BY article_id);
      ALTER TABLE outbox ADD COLUMN changes INTEGER NOT NULL DEFAULT 1;
      DROP INDEX outbox_article;
      CREATE UNIQUE INDEX outbox_article ON outbox(article_id);
    `,
  },
  {
    version: 3,
    name: 'story bands without a by-article index',
    // Each band row cost two B-tree inserts; the second index served only to clear an article's
    // bands, which are now found by key from its stored signature (storing +29%).
    sql: 'DROP INDEX story_bands_article;',
  },
  {
    version: 4,
    name: 'story bands keyed by integers',
    // 85 band rows per article made storing the ingest bottleneck. Integer band keys (band index
    // above the 32-bit band hash) and an integer article reference shrink each entry to about a
    // third, so the index takes fewer pages to search, split and write. story_ref is a column of
    // its own, not the rowid, which VACUUM may renumber. The bands are recomputed from the stored
    // signatures.
    sql: `
      ALTER TABLE articles ADD COLUMN story_ref INTEGER;
      UPDATE articles SET story_ref = rowid;
      CREATE UNIQUE INDEX articles_story_ref ON articles(story_ref);
      DROP TABLE story_bands;
      CREATE TABLE story_bands (
        band_key    INTEGER NOT NULL,
        article_ref INTEGER NOT NULL,
        PRIMARY KEY (band_key, article_ref)
      ) WITHOUT ROWID;
    `,
    run(db) {
      const insert = db.prepare(
        'INSERT OR IGNORE INTO story_bands (band_key, article_ref) VALUES (?, ?)',
      );
      // Pages of signatures, not one open iterator: the connection must stay free for the inserts.
      const page = db.prepare(
        `SELECT story_ref, minhash FROM articles
         WHERE story_ref > ? AND minhash IS NOT NULL ORDER BY story_ref LIMIT 1000`,
      );
      let after = 0;
      for (;;) {
        const rows = page.all(after) as { story_ref: number; minhash: Buffer }[];
        if (rows.length === 0) break;
        for (const r of rows) {
          for (const key of bandKeys(decodeMinhash(r.minhash))) insert.run(key, r.story_ref);
        }
        after = rows.at(-1)!.story_ref;
      }
    },
  },
  {
    version: 5,
    name: 'articles by status',
    // The health check counts the articles readers can see on every call. Without an index that
    // count reads every row, bodies included: 70 ms warm and over a second cold at 16,680
    // articles, on the thread that serves requests. The index answers it without touching rows.
    sql: 'CREATE INDEX articles_status ON articles(status);',
  },
  {
    version: 6,
    name: 'article visibility by id',
    // A reader's request for an article must cost the same whether the article is hidden or
    // missing. Reading status from the row walks past the body (overflow pages on a long
    // article); this covering index answers "is this id visible?" with one seek either way.
    sql: 'CREATE INDEX articles_visibility ON articles(id, status);',
  },
  {
    version: 7,
    name: 'story ids that name no article',
    // A story's id was its first article's id, shown on every version, so a hidden first version
    // still showed its id on the visible copies. Each such story gets a random id, and every
    // article is queued for the engine, which holds the old ids.
    sql: '',
    run(db) {
      const stories = db
        .prepare(
          'SELECT DISTINCT story_id FROM articles WHERE story_id IN (SELECT id FROM articles)',
        )
        .pluck()
        .all() as string[];
      const rename = db.prepare('UPDATE articles SET story_id = ? WHERE story_id = ?');
      for (const s of stories) rename.run(newStoryId(), s);
      db.prepare(
        `INSERT INTO outbox (article_id, op, cause, created_at)
         SELECT id, 'index', 'migration 7', ? FROM articles WHERE true
         ON CONFLICT (article_id) DO UPDATE SET op = 'index', cause = excluded.cause,
           created_at = excluded.created_at, changes = changes + 1`,
      ).run(new Date().toISOString());
    },
  },
  {
    version: 8,
    name: 'articles by story and status',
    // The article page reads the story's visible versions and counts them (story_id = ? AND
    // status = 'visible'). With an index on each column alone the planner took articles_status,
    // which visits every visible row, bodies included: 250-350 ms per page at 16,673 articles and
    // more as the archive grows. One index on both answers with a seek (the count without
    // reading rows); it also serves every lookup by story alone, so that index goes.
    sql: `
      CREATE INDEX articles_story_status ON articles(story_id, status);
      DROP INDEX articles_story;
    `,
  },
  {
    version: 9,
    name: 'actor pairs a librarian said are different',
    // The registry suggests likely duplicates ("Antony J. Blinken" and "Antony Blinken"); a pair
    // a librarian answered "not the same" is not suggested again. Stored with the smaller id
    // first.
    sql: `
      CREATE TABLE actor_distinct (
        a_id   TEXT NOT NULL,
        b_id   TEXT NOT NULL,
        set_at TEXT NOT NULL,
        set_by TEXT NOT NULL,
        PRIMARY KEY (a_id, b_id)
      ) WITHOUT ROWID;
    `,
  },
  {
    version: 10,
    name: 'article metadata from press-database envelopes',
    // JSON (ArticleMetadata): section, page, length, language, classification of a Nexis
    // article. Null for every other source; kept out of the search index.
    sql: `ALTER TABLE articles ADD COLUMN metadata TEXT;`,
  },
  {
    version: 11,
    name: 'stories across outlets, copies within them',
    // story_id used to mean a copy group (one text republished); it now names the story (the
    // same event in several outlets' own words, stories.ts) and copy_id the copy group. Existing
    // groups become both; each copy is linked to its group's first article so that a new report
    // joining any copy brings the whole group. Older articles have no coverage profile until they
    // are ingested again, so they join stories only through new articles or their copies.
    sql: `
      ALTER TABLE articles ADD COLUMN copy_id TEXT;
      ALTER TABLE articles ADD COLUMN coverage TEXT;
      UPDATE articles SET copy_id = story_id;
      CREATE INDEX articles_copy ON articles(copy_id, status);
      CREATE TABLE story_terms (
        term        TEXT NOT NULL,
        day         INTEGER NOT NULL,
        article_ref INTEGER NOT NULL,
        PRIMARY KEY (term, day, article_ref)
      ) WITHOUT ROWID;
      CREATE TABLE story_links (
        article_ref INTEGER NOT NULL,
        other_ref   INTEGER NOT NULL,
        PRIMARY KEY (article_ref, other_ref)
      ) WITHOUT ROWID;
      CREATE TABLE story_corrections (
        article_id TEXT NOT NULL,
        kind       TEXT NOT NULL CHECK (kind IN ('split', 'join')),
        other_id   TEXT NOT NULL DEFAULT '',
        set_at     TEXT NOT NULL,
        set_by     TEXT NOT NULL,
        PRIMARY KEY (article_id, kind, other_id)
      ) WITHOUT ROWID;
      CREATE INDEX story_corrections_other ON story_corrections(other_id) WHERE kind = 'join';
      INSERT OR IGNORE INTO story_links (article_ref, other_ref)
        SELECT a.story_ref, f.first FROM articles a
        JOIN (SELECT copy_id, min(story_ref) AS first FROM articles GROUP BY copy_id) f
          ON f.copy_id = a.copy_id
        WHERE a.story_ref != f.first;
      INSERT OR IGNORE INTO story_links (article_ref, other_ref)
        SELECT other_ref, article_ref FROM story_links;
    `,
  },
];

/** Bring the file up to the newest schema; a file from a newer release is refused. */
export function migrate(db: Database): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  const newest = migrations.at(-1)?.version ?? 0;
  if (current > newest) {
    throw new Error(
      `archive schema version ${current} is newer than this release knows (${newest}); upgrade newsarchive`,
    );
  }
  for (const m of migrations) {
    if (m.version <= current) continue;
    // IMMEDIATE takes the write lock before the version is read again: a second process opening
    // the same file meanwhile (migration 4 takes seconds on a large archive) waits, then finds the
    // migration done instead of running it twice.
    db.transaction(() => {
      if ((db.pragma('user_version', { simple: true }) as number) >= m.version) return;
      db.exec(m.sql);
      m.run?.(db);
      db.pragma(`user_version = ${m.version}`);
    }).immediate();
  }
}
