import type { Database } from 'better-sqlite3';
import type { IngestSummary } from '@newsarchive/core';
import { cached, nowIso } from './journal.ts';
import type { IngestRunInfo } from './types.ts';

/* Ingest runs: when each ingest started and finished, with what arguments and counts. */

export function startIngestRun(db: Database, args: unknown): number {
  const info = cached(db, 'INSERT INTO ingest_runs (started_at, args) VALUES (?, ?)').run(
    nowIso(),
    JSON.stringify(args ?? null),
  );
  return Number(info.lastInsertRowid);
}

export function finishIngestRun(db: Database, id: number, summary: IngestSummary): void {
  const { errors: _errors, ...counts } = summary;
  cached(db, 'UPDATE ingest_runs SET finished_at = ?, summary = ? WHERE id = ?').run(
    nowIso(),
    JSON.stringify(counts),
    id,
  );
}

export function ingestRuns(db: Database, limit = 20): IngestRunInfo[] {
  const rows = cached(db, 'SELECT * FROM ingest_runs ORDER BY id DESC LIMIT ?').all(limit) as {
    id: number;
    started_at: string;
    finished_at: string | null;
    args: string | null;
    summary: string | null;
  }[];
  return rows.map((r) => ({
    id: r.id,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    args: r.args ? JSON.parse(r.args) : null,
    summary: r.summary ? JSON.parse(r.summary) : null,
  }));
}
