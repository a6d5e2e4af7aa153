import type { Database } from 'better-sqlite3';

/** SQLite's answer while another connection holds the write lock. */
export function isBusy(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === 'SQLITE_BUSY' || code === 'SQLITE_BUSY_SNAPSHOT';
}

/**
 * Runs `fn` in a write transaction whose lock is waited for with timers, not with SQLite's busy
 * wait: a busy wait blocks the whole thread, and in a server that is every request, while an
 * ingest command in another process commits. `fn` runs synchronously inside the transaction
 * (its own transactions become savepoints); a promise it returns is handed back unawaited, so
 * an engine reached over the network never holds the lock. Gives up like SQLite would, with
 * SQLITE_BUSY, after `timeoutMs`.
 */
export async function writeWhenFree<T>(db: Database, fn: () => T, timeoutMs: number): Promise<T> {
  const deadline = performance.now() + timeoutMs;
  let pause = 2;
  for (;;) {
    const saved = db.pragma('busy_timeout', { simple: true }) as number;
    db.pragma('busy_timeout = 0');
    let begun = false;
    try {
      db.exec('BEGIN IMMEDIATE');
      begun = true;
    } catch (err) {
      if (!isBusy(err) || performance.now() + pause > deadline) throw err;
    } finally {
      db.pragma(`busy_timeout = ${saved}`);
    }
    if (begun) break;
    await new Promise((resolve) => setTimeout(resolve, pause));
    pause = Math.min(pause * 2, 50);
  }
  try {
    const result = fn();
    db.exec('COMMIT');
    return result;
  } catch (err) {
    if (db.inTransaction) db.exec('ROLLBACK');
    throw err;
  }
}

/**
 * Runs a write that is worth doing only when it costs no wait (bookkeeping such as a token's
 * last use): skipped, returning false, while another connection holds the write lock.
 */
export function writeIfFree(db: Database, fn: () => void): boolean {
  const saved = db.pragma('busy_timeout', { simple: true }) as number;
  db.pragma('busy_timeout = 0');
  try {
    fn();
    return true;
  } catch (err) {
    if (isBusy(err)) return false;
    throw err;
  } finally {
    db.pragma(`busy_timeout = ${saved}`);
  }
}
