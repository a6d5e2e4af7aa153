import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDate } from '../dates.ts';
import { detectFormat } from '../sources.ts';
import type { RawArticle, ReadResult } from '../types.ts';
import { readRtf } from './press.ts';
import { rtfToText } from './rtf.ts';

const fixtures = join(import.meta.dirname, '..', '..', 'test', 'fixtures');
const articles = (results: ReadResult[]): RawArticle[] =>
  results.flatMap((r) => (r.kind === 'article' ? [r.raw] : []));

describe('RTF to text', () => {
  it('keeps the words, in the code page, with \\u characters and their fallbacks dropped', () => {
    const rtf =
      '{\\rtf1\\ansi\\ansicpg1252{\\fonttbl{\\f0 Arial;}}{\\colortbl;\\red0;}{\\*\\generator x;}' +
      "{\\info{\\title Secret}}\\pard Caf\\'e9 {\\b bold}\\par\n" +
      'Quote \\ldblquote x\\rdblquote  \\u8212? dash \\uc2\\u8364 EUeuro\\par ' +
      '\\{braces\\} and \\\\ backslash\\tab tab\\line next}';
    expect(rtfToText(rtf)).toBe(
      'Café bold\nQuote \u201cx\u201d \u2014 dash \u20aceuro\n{braces} and \\ backslash\ttab\nnext',
    );
  });

  it('leaves out pictures, headers and field instructions, keeps a field result', () => {
    const rtf =
      '{\\rtf1{\\header Page header}{\\pict\\pngblip 89504e47}' +
      '{\\field{\\*\\fldinst HYPERLINK "http://x"}{\\fldrslt link text}}\\par}';
    expect(rtfToText(rtf)).toBe('link text\n');
  });

  it('a file that is not RTF is an error, and is sniffed as RTF only by its {\\rtf start', () => {
    expect(readRtf('Harbour news', 'x.rtf')).toEqual([
      {
        kind: 'error',
        error: { source: 'x.rtf', reason: 'not an RTF document: it does not start with {\\rtf' },
      },
    ]);
    expect(detectFormat('download', '{\\rtf1\\ansi hello}')).toBe('rtf');
  });
});

describe('RTF press downloads', () => {
  it('a Nexis RTF download: cover skipped, articles with their envelope fields and clean body', () => {
    const results = readRtf(readFileSync(join(fixtures, 'nexis', 'export.rtf'), 'utf8'), 'n.rtf');
    expect(results[0]).toMatchObject({ kind: 'skipped', reason: expect.stringMatching(/cover/) });
    const [cafe, ferry] = articles(results);
    expect(cafe).toMatchObject({
      format: 'rtf',
      origin: 'n.rtf#1',
      title: 'Café owners welcome the new quay',
      outlet: 'The Coastal Herald',
      byline: 'Mira Okafor',
      body: 'Owners of the harbour cafés said the new quay would bring visitors \u2014 and queues.\n\n\u201cWe are ready,\u201d said one owner on Monday.',
      metadata: { section: 'BUSINESS', page: '9', length: '45 words' },
    });
    expect(parseDate(cafe!.published)).toBe('2023-10-24');
    expect(cafe!.metadata?.subjects).toEqual([
      { name: 'SMALL BUSINESS', score: 88 },
      { name: 'TOURISM', score: 75 },
    ]);
    expect(ferry).toMatchObject({ title: 'Ferry fares rise in January', byline: null });
  });

  it('a Factiva RTF download: segment table rows read as segments', () => {
    const results = readRtf(readFileSync(join(fixtures, 'factiva', 'export.rtf'), 'utf8'), 'f.rtf');
    const [quay, ferry] = articles(results);
    expect(results).toHaveLength(2);
    expect(quay).toMatchObject({
      format: 'rtf',
      origin: 'f.rtf#1',
      title: 'Quay works to start in spring',
      outlet: 'The Coastal Herald',
      published: '18 October 2023',
      byline: 'By Mira Okafor',
      body: 'The harbour board of Port Ellery voted on Tuesday to build a new quay.\n\nBoard chair Tomas Reyes said work would start in spring.\n\nFishermen welcomed the plan, café owners too.',
      metadata: {
        time: '17:01',
        sourceCode: 'COASTH',
        accessionNumber: 'COASTH0020231018ejai0000t',
        organizations: [{ name: 'Port Ellery Harbour Board', code: 'pelhb' }],
      },
    });
    expect(ferry).toMatchObject({ title: 'Ferry timetable adds two crossings', byline: null });
  });

  it('any other RTF document is one article', () => {
    expect(
      articles(readRtf('{\\rtf1 Night market\\par\\par It returns on Fridays.}', 'o.rtf')),
    ).toEqual([
      expect.objectContaining({ format: 'rtf', body: 'Night market\n\nIt returns on Fridays.' }),
    ]);
  });
});
