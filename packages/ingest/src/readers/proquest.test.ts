import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDate } from '../dates.ts';
import { prepareArticle } from '../prepare.ts';
import type { RawArticle, ReadResult } from '../types.ts';
import { readTxt } from './documents.ts';
import { readDocx } from './docx.ts';
import { writeDocx } from './docx-write.ts';

/** Invented for the tests: a full record, a citation without text, a short record, the terms. */
const fixture = readFileSync(
  join(import.meta.dirname, '..', '..', 'test', 'fixtures', 'proquest', 'export.txt'),
  'utf8',
);
const articles = (results: ReadResult[]): RawArticle[] =>
  results.flatMap((r) => (r.kind === 'article' ? [r.raw] : []));

describe('ProQuest text download', () => {
  it('reads each record: labelled fields, the full text as body, the indexing as metadata', () => {
    const results = readTxt(fixture, 'pq.txt');
    expect(results.filter((r) => r.kind === 'skipped')).toEqual([
      {
        kind: 'skipped',
        source: 'pq.txt#2',
        reason: expect.stringMatching(/without "Full text:"/),
      },
      { kind: 'skipped', source: 'pq.txt', reason: expect.stringMatching(/terms or cover page/) },
    ]);
    const [quay, library] = articles(results);
    expect(quay).toMatchObject({
      origin: 'pq.txt#1',
      title: 'Harbour board approves new quay',
      outlet: 'The Coastal Herald',
      byline: 'Mira Okafor',
      body: 'The harbour board of Port Ellery voted on Tuesday to build a new quay on the north pier.\n\nBoard chair Tomas Reyes said work would start in spring and last two years. Fishermen welcomed the plan.',
      metadata: {
        section: 'News',
        page: 'A3',
        language: 'English',
        publicationType: 'Newspapers',
        accessionNumber: '2880000001',
        subjects: [{ name: 'Ports' }, { name: 'Infrastructure' }, { name: 'Fishing industry' }],
        places: [{ name: 'Port Ellery' }],
        people: [{ name: 'Reyes, Tomas' }],
        organizations: [{ name: 'Port Ellery Harbour Board' }],
      },
    });
    expect(parseDate(quay!.published)).toBe('2023-10-18');
    expect(library).toMatchObject({ origin: 'pq.txt#3', byline: 'Ana Lindqvist' });
    const prepared = prepareArticle(quay!);
    expect(prepared.ok && prepared.article.body).not.toMatch(/Subject:|ProQuest document ID|NAICS/);
  });

  it('a download cut mid-record: the records before it stored, the cut one named', () => {
    const cut = fixture.slice(
      0,
      fixture.indexOf('Language of publication: English\n\nProQuest document ID: 2880000003'),
    );
    const results = readTxt(cut, 'cut.txt');
    expect(articles(results).map((a) => a.origin)).toEqual(['cut.txt#1']);
    expect(results.filter((r) => r.kind === 'error')).toEqual([
      {
        kind: 'error',
        error: {
          source: 'cut.txt#3',
          line: 3,
          reason: expect.stringMatching(/^ProQuest record 3: cut short/),
        },
      },
    ]);
  });

  it('the same download as a Word document', () => {
    const paras = fixture.split(/\n\s*\n/).map((p) => p.trim());
    const results = readDocx(writeDocx(paras), 'pq.docx');
    expect(articles(results).map((a) => [a.format, a.origin, a.title])).toEqual([
      ['docx', 'pq.docx#1', 'Harbour board approves new quay'],
      ['docx', 'pq.docx#3', 'Library opens late on Thursdays'],
    ]);
  });
});
