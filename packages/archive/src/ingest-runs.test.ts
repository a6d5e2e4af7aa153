import { describe, expect, it } from 'vitest';
import { useArchive } from './test-archive.ts';

const t = useArchive();

describe('ingest runs', () => {
  it('records a run’s arguments and counts, newest first, without its error list', () => {
    const first = t.archive.startIngestRun({ paths: ['seeds'] });
    const second = t.archive.startIngestRun(undefined);
    t.archive.finishIngestRun(first, {
      new: 2,
      updated: 0,
      unchanged: 0,
      failed: 1,
      skipped: 0,
      errors: [{ source: 'seeds/bad.ndjson', line: 3, reason: 'title: empty' }],
    });
    const runs = t.archive.ingestRuns();
    expect(runs.map((r) => r.id)).toEqual([second, first]);
    expect(runs[0]).toMatchObject({ args: null, finishedAt: null, summary: null });
    expect(runs[1]!.args).toEqual({ paths: ['seeds'] });
    expect(runs[1]!.finishedAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(runs[1]!.summary).not.toHaveProperty('errors');
    expect(runs[1]!.summary).toMatchObject({ new: 2, failed: 1 });
    expect(t.archive.ingestRuns(1)).toHaveLength(1);
  });
});
