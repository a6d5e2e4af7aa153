import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ExtractedArticle } from '@newsarchive/core';
import { runIngest } from './pipeline.ts';

const fixtures = resolve(import.meta.dirname, '..', 'test', 'fixtures');

/** Every press-database fixture in one run, as `npm run ingest -- test/fixtures` reads them. */
async function ingest(workers: number) {
  const stored: ExtractedArticle[] = [];
  const summary = await runIngest({
    inputs: ['nexis', 'factiva', 'proquest', 'europresse'].map((d) => join(fixtures, d)),
    cwd: fixtures,
    workers,
    actors: false,
    ...(workers ? {} : { extractActors: () => [] }),
    sink: {
      upsertArticles(batch) {
        stored.push(...batch);
        return batch.map((a) => ({ id: a.id, outcome: 'new' as const }));
      },
    },
  });
  return { summary, stored };
}

describe('press-database downloads end to end', () => {
  it('DOCX, HTML, RTF, XML and text: good articles stored, each broken one named', async () => {
    for (const workers of [0, 2]) {
      const { summary, stored } = await ingest(workers);
      const failures = summary.errors
        .filter((e) => !e.reason.startsWith('skipped'))
        .map((e) => `${e.source}: ${e.reason.split(':')[0]}`)
        .sort();
      expect(failures, `${workers} workers`).toEqual([
        'europresse/export-cut.html#3: Europresse document 3',
        'factiva/export-cut.html#2: Factiva article 2',
        'factiva/export-cut.xml#2: Factiva article 2',
        'factiva/export-cut.xml#4: Factiva article 4',
        'nexis/academic-cut.txt: Nexis article 3',
        'nexis/export-cut.docx#4: Nexis article 4',
        'nexis/export-cut.txt: Nexis article 4',
      ]);
      expect(summary.failed).toBe(7);
      // Cover pages of the Nexis DOCX, TXT (two), HTML and RTF downloads; ProQuest's terms page
      // and its citation without text.
      expect(summary.skipped).toBe(7);
      const formats = stored.map((a) => a.source.format).sort();
      // export-cut.docx holds the same articles as export-cut.txt: one archive article each.
      expect(new Set(formats)).toEqual(new Set(['docx', 'html', 'rtf', 'txt', 'xml']));
      expect(stored.length).toBe(summary.new);
      expect(stored.every((a) => a.outlet && a.publishedAt && a.metadata)).toBe(true);
    }
  });
});
