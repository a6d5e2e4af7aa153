import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDate } from '../dates.ts';
import type { RawArticle, ReadResult } from '../types.ts';
import { readHtml, readTxt } from './documents.ts';
import { readCsv, readJson, readNdjson } from './structured.ts';

const fixtures = join(import.meta.dirname, '..', '..', 'test', 'fixtures', 'nexis');
const articles = (results: ReadResult[]): RawArticle[] =>
  results.flatMap((r) => (r.kind === 'article' ? [r.raw] : []));

/** One Nexis document as it is pasted into a spreadsheet cell, a JSON field or a note. */
const doc = [
  'Night market returns to the square',
  '',
  'Ellery Evening Post',
  'Saturday, October 21, 2023',
  '',
  'Section: LOCAL; Pg. A7',
  'Length: 40 words',
  'Byline: By Jonas Pereira',
  '',
  'Body',
  '',
  'The night market will return to Harbour Square on Friday evenings from November.',
  '',
  'Stallholders asked the council for longer hours before the winter.',
  '',
  'Classification',
  '',
  'Language: ENGLISH',
  '',
  'Geographic: PORT ELLERY (90%)',
  '',
  'Load-Date: October 22, 2023',
  '',
  'End of Document',
].join('\n');

const body =
  'The night market will return to Harbour Square on Friday evenings from November.\n\n' +
  'Stallholders asked the council for longer hours before the winter.';
const expected = {
  title: 'Night market returns to the square',
  outlet: 'Ellery Evening Post',
  byline: 'By Jonas Pereira',
  body,
  metadata: {
    section: 'LOCAL',
    page: 'A7',
    length: '40 words',
    language: 'ENGLISH',
    loadDate: 'October 22, 2023',
    places: [{ name: 'PORT ELLERY', score: 90 }],
  },
};

describe('a Nexis article inside another container', () => {
  it('in a .txt, a JSON field, an NDJSON line and a CSV cell: the same fields, the same clean body', () => {
    const found = [
      articles(readTxt(doc, 'note.txt')),
      articles(readJson(JSON.stringify([{ text: doc }]), 'a.json')),
      articles(readJson(JSON.stringify({ content: doc }), 'b.json')),
      articles(readNdjson(`${JSON.stringify({ id: 7, body: doc })}\n`, 'c.ndjson')),
      articles(readCsv(`id,full text\n7,"${doc.replace(/"/g, '""')}"\n`, 'd.csv')),
    ];
    for (const list of found) {
      expect(list).toHaveLength(1);
      expect(list[0]).toMatchObject(expected);
      expect(parseDate(list[0]!.published)).toBe('2023-10-21');
    }
  });

  it('a Nexis HTML download: cover skipped, each document read through the same envelope', () => {
    const results = readHtml(readFileSync(join(fixtures, 'export.html'), 'utf8'), 'export.html');
    expect(results[0]).toEqual({
      kind: 'skipped',
      source: 'export.html',
      reason: expect.stringMatching(/Nexis cover page/),
    });
    const [quay, market] = articles(results);
    expect(quay).toMatchObject({
      format: 'html',
      origin: 'export.html#1',
      line: 1,
      title: 'Harbour board approves new quay',
      outlet: 'The Coastal Herald',
      published: 'October 18, 2023 Wednesday 5:01 PM EST',
      byline: 'Mira Okafor',
      body: 'The harbour board of Port Ellery voted on Tuesday to build a new quay on the north pier.\n\nBoard chair Tomas Reyes said work would start in spring & last two years.',
      metadata: { section: 'NEWS', page: '3', people: [{ name: 'TOMAS REYES', score: 79 }] },
    });
    expect(market).toMatchObject({ ...expected, origin: 'export.html#2', format: 'html' });
  });
});
