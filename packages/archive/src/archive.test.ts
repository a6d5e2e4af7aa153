import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openArchive } from './archive.ts';
import { article, useArchive } from './test-archive.ts';

const t = useArchive();

describe('tokens', () => {
  it('stores only a hash, verifies, and refuses revoked tokens', () => {
    const { id, token } = t.archive.tokens.create('librarian', 'ada');
    const stored = t.archive.db.prepare('SELECT hash FROM tokens WHERE id = ?').pluck().get(id);
    expect(stored).not.toContain(token);
    expect(t.archive.tokens.verify(token)).toMatchObject({ id, role: 'librarian', name: 'ada' });
    expect(t.archive.tokens.verify(`${token}x`)).toBeNull();
    expect(t.archive.tokens.revoke(id)).toBe(true);
    expect(t.archive.tokens.verify(token)).toBeNull();
  });
});

describe('schema', () => {
  it('reopens an existing file without re-running migrations', () => {
    t.archive.upsertArticles([article()]);
    t.archive.close();
    t.archive = openArchive({ path: join(t.dir, 'archive.db') });
    expect(t.archive.countArticles()).toBe(1);
    expect(t.archive.db.pragma('journal_mode', { simple: true })).toBe('wal');
  });
});

describe('the archive file after a re-index', () => {
  it('is made in incremental auto-vacuum mode, and compact() converts an older one', () => {
    const dir = mkdtempSync(join(tmpdir(), 'archive-compact-'));
    try {
      const fresh = openArchive({ path: join(dir, 'new.db') });
      expect(fresh.db.pragma('auto_vacuum', { simple: true })).toBe(2);
      fresh.close();

      // An archive made before: its tables exist before the mode could be set.
      const oldPath = join(dir, 'old.db');
      const raw = new Database(oldPath);
      raw.exec('CREATE TABLE leftover (x TEXT)');
      raw.close();
      const old = openArchive({ path: oldPath });
      expect(old.db.pragma('auto_vacuum', { simple: true })).toBe(0);
      // A dropped index generation leaves its pages in the file.
      old.db.exec('CREATE TABLE dropped (x TEXT)');
      const fill = old.db.prepare('INSERT INTO dropped VALUES (?)');
      old.db.transaction(() => {
        for (let i = 0; i < 2000; i++) fill.run('x'.repeat(2000));
      })();
      old.db.exec('DROP TABLE dropped');
      const { before, after } = old.compact();
      expect(after).toBeLessThan(before / 2);
      expect(old.db.pragma('auto_vacuum', { simple: true })).toBe(2);
      expect(old.countArticles()).toBe(0);
      old.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
