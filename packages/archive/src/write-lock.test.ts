import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { writeIfFree, writeWhenFree } from './write-lock.ts';

const dir = mkdtempSync(join(tmpdir(), 'write-lock-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Two connections to one WAL file, each with a long busy timeout as the archive sets it. */
function pair(name: string) {
  const path = join(dir, name);
  const a = new Database(path, { timeout: 30_000 });
  a.pragma('journal_mode = WAL');
  a.exec('CREATE TABLE t (v INTEGER)');
  const b = new Database(path, { timeout: 30_000 });
  return { a, b };
}

describe('writeWhenFree', () => {
  it('waits for another connection with timers, so the thread keeps working, then writes', async () => {
    const { a, b } = pair('wait.db');
    b.exec('BEGIN IMMEDIATE; INSERT INTO t VALUES (1)');
    let ticks = 0;
    const ticker = setInterval(() => ticks++, 5);
    // The other writer commits from a timer on this same thread: a busy wait would never let it.
    setTimeout(() => b.exec('COMMIT'), 150);
    const result = await writeWhenFree(
      a,
      () => a.prepare('INSERT INTO t VALUES (2)').run().changes,
      30_000,
    );
    clearInterval(ticker);
    expect(result).toBe(1);
    expect(ticks).toBeGreaterThan(3);
    expect(a.prepare('SELECT group_concat(v) FROM t').pluck().get()).toBe('1,2');
    // The connection's own busy timeout is left as it was.
    expect(a.pragma('busy_timeout', { simple: true })).toBe(30_000);
  });

  it('gives up with SQLITE_BUSY after its timeout and rolls nothing in', async () => {
    const { a, b } = pair('timeout.db');
    b.exec('BEGIN IMMEDIATE');
    await expect(
      writeWhenFree(a, () => a.exec('INSERT INTO t VALUES (3)'), 60),
    ).rejects.toMatchObject({
      code: 'SQLITE_BUSY',
    });
    b.exec('ROLLBACK');
    expect(a.inTransaction).toBe(false);
    expect(a.prepare('SELECT count(*) FROM t').pluck().get()).toBe(0);
  });

  it('rolls back when the write throws, nested transactions included', async () => {
    const { a } = pair('throw.db');
    const nested = a.transaction(() => a.exec('INSERT INTO t VALUES (4)'));
    await expect(
      writeWhenFree(
        a,
        () => {
          nested.immediate();
          throw new Error('boom');
        },
        1_000,
      ),
    ).rejects.toThrow('boom');
    expect(a.inTransaction).toBe(false);
    expect(a.prepare('SELECT count(*) FROM t').pluck().get()).toBe(0);
  });
});

describe('writeIfFree', () => {
  it('skips bookkeeping while another connection writes, instead of waiting', () => {
    const { a, b } = pair('skip.db');
    b.exec('BEGIN IMMEDIATE');
    expect(writeIfFree(a, () => a.exec('INSERT INTO t VALUES (5)'))).toBe(false);
    b.exec('COMMIT');
    expect(writeIfFree(a, () => a.exec('INSERT INTO t VALUES (6)'))).toBe(true);
    expect(a.prepare('SELECT group_concat(v) FROM t').pluck().get()).toBe('6');
  });
});
