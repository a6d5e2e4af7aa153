import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDate } from '../dates.ts';
import type { RawArticle, ReadResult } from '../types.ts';
import { readTxt } from './documents.ts';
import { readDocx } from './docx.ts';
import { writeDocx } from './docx-write.ts';
import { readCsv } from './structured.ts';

/** Invented for the tests: a request page, two documents and a third cut mid-text. */
const fixture = readFileSync(
  join(import.meta.dirname, '..', '..', 'test', 'fixtures', 'nexis', 'academic-cut.txt'),
  'utf8',
);
const articles = (results: ReadResult[]): RawArticle[] =>
  results.flatMap((r) => (r.kind === 'article' ? [r.raw] : []));

describe('LexisNexis Academic layout (1 of N DOCUMENTS)', () => {
  it('reads each document: envelope fields, text between them and the trailer, metadata', () => {
    const results = readTxt(fixture, 'academic.txt');
    expect(results[0]).toEqual({
      kind: 'skipped',
      source: 'academic.txt:1',
      reason: expect.stringMatching(/download request page/),
    });
    const [quay, ferry] = articles(results);
    expect(quay).toMatchObject({
      origin: 'academic.txt',
      line: 8,
      title: 'Harbour board approves new quay',
      outlet: 'The Coastal Herald',
      byline: 'Mira Okafor',
      // A paragraph opening with a place in capitals and a colon is text, not a field.
      body: 'The harbour board of Port Ellery voted on Tuesday to build a new quay on the north pier.\n\nPORT ELLERY: Board chair Tomas Reyes said work would start in spring.',
      metadata: {
        edition: 'Final Edition',
        section: 'NEWS',
        page: '3',
        length: '64 words',
        dateline: 'PORT ELLERY',
        loadDate: 'October 19, 2023',
        language: 'ENGLISH',
        publicationType: 'Newspaper',
        subjects: [
          { name: 'PORTS', score: 92 },
          { name: 'INFRASTRUCTURE', score: 90 },
        ],
        people: [{ name: 'TOMAS REYES', score: 79 }],
      },
    });
    expect(parseDate(quay!.published)).toBe('2023-10-18');
    // A German interface: AUTOR, RUBRIK, LÄNGE, UPDATE, SPRACHE.
    expect(ferry).toMatchObject({
      title: 'Fähre fährt zweimal öfter',
      outlet: 'Ellery Abendpost',
      byline: 'Jonas Pereira',
      body: 'Die Inselfähre fährt ab Mai zweimal mehr an jedem Werktag, sagte der Betreiber.',
      metadata: { section: 'LOKALES', page: '7', length: '41 Wörter', language: 'GERMAN; DEUTSCH' },
    });
    expect(parseDate(ferry!.published)).toBe('2023-10-19');
    expect(ferry!.body).not.toMatch(/Copyright|All Rights/);
  });

  it('a download cut mid-document: the others stored, the cut one an error naming it', () => {
    const results = readTxt(fixture, 'academic.txt');
    expect(results.filter((r) => r.kind === 'error')).toEqual([
      {
        kind: 'error',
        error: {
          source: 'academic.txt',
          line: 66,
          reason: expect.stringMatching(/^Nexis article 3: cut short: no LOAD-DATE/),
        },
      },
    ]);
    expect(articles(results)).toHaveLength(2);
  });

  it('the same layout in a DOCX and in a CSV cell', () => {
    const paras = fixture.split(/\n\s*\n/).map((p) => p.trim().replace(/\s*\n\s*/g, ' '));
    const fromDocx = articles(readDocx(writeDocx(paras), 'academic.docx'));
    expect(fromDocx.map((a) => [a.origin, a.title])).toEqual([
      ['academic.docx#1', 'Harbour board approves new quay'],
      ['academic.docx#2', 'Fähre fährt zweimal öfter'],
    ]);
    const doc = fixture.slice(fixture.indexOf('2 of 3'), fixture.indexOf('3 of 3'));
    const one = doc.replace('2 of 3', '1 of 1');
    const [row] = articles(readCsv(`id,text\n1,"${one.replace(/"/g, '""')}"\n`, 'a.csv'));
    expect(row).toMatchObject({ title: 'Fähre fährt zweimal öfter', byline: 'Jonas Pereira' });
    expect(row!.metadata?.length).toBe('41 Wörter');
  });
});
