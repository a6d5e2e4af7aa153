import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { parseDate } from '../dates.ts';
import { readFile } from '../sources.ts';
import type { RawArticle, ReadResult } from '../types.ts';
import { readTxt } from './documents.ts';
import { documentXmlText, readDocx } from './docx.ts';
import { writeDocx } from './docx-write.ts';

const fixtures = join(import.meta.dirname, '..', '..', 'test', 'fixtures', 'nexis');
/** The Nexis text fixture as Nexis Uni's DOCX download lays it out: a paragraph a line. */
const docx = readFileSync(join(fixtures, 'export-cut.docx'));
const txt = readFileSync(join(fixtures, 'export-cut.txt'), 'utf8');

const articles = (results: ReadResult[]): RawArticle[] =>
  results.flatMap((r) => (r.kind === 'article' ? [r.raw] : []));
const errors = (results: ReadResult[]) =>
  results.flatMap((r) => (r.kind === 'error' ? [r.error] : []));

const dir = mkdtempSync(join(tmpdir(), 'newsarchive-docx-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('Nexis DOCX download', () => {
  it('reads every good article, skips the cover page, names the cut article by its number', () => {
    const results = readDocx(docx, 'export-cut.docx');
    expect(results.filter((r) => r.kind === 'skipped')).toEqual([
      {
        kind: 'skipped',
        source: 'export-cut.docx',
        reason: expect.stringMatching(/Nexis cover page/),
      },
    ]);
    expect(errors(results)).toEqual([
      {
        source: 'export-cut.docx#4',
        line: 4,
        reason: expect.stringMatching(/^Nexis article 4: cut short/),
      },
    ]);
    const good = articles(results);
    expect(
      good.map((a) => [a.origin, a.title, a.outlet, parseDate(a.published), a.byline]),
    ).toEqual([
      [
        'export-cut.docx#1',
        'Harbour board approves new quay',
        'The Coastal Herald',
        '2023-10-18',
        'Mira Okafor',
      ],
      [
        'export-cut.docx#2',
        'Ferry timetable adds two crossings',
        'Ellery Evening Post',
        '2023-10-19',
        null,
      ],
      [
        'export-cut.docx#3',
        'Library opens late on Thursdays',
        'The Coastal Herald',
        '2023-10-20',
        'By Ana Lindqvist',
      ],
    ]);
    expect(good.every((a) => a.format === 'docx')).toBe(true);
  });

  it('gives the same body and metadata as the same download as text', () => {
    const fromDocx = articles(readDocx(docx, 'export-cut.docx'));
    const fromTxt = articles(readTxt(txt, 'export-cut.txt'));
    expect(fromDocx.map((a) => a.metadata)).toEqual(fromTxt.map((a) => a.metadata));
    expect(fromDocx.map((a) => a.body)).toEqual(fromTxt.map((a) => a.body));
    expect(fromDocx[0]!.body).not.toMatch(
      /Classification|Subject:|Load-Date|Section:|End of Document/,
    );
    expect(fromDocx[0]!.metadata?.organizations).toEqual([
      { name: 'PORT ELLERY HARBOUR BOARD', score: 88 },
    ]);
  });

  it('a damaged file is one error naming it: cut short, not a zip, no document inside', () => {
    const cut = readDocx(docx.subarray(0, Math.floor(docx.length / 2)), 'cut.docx');
    expect(cut).toEqual([
      {
        kind: 'error',
        error: { source: 'cut.docx', reason: expect.stringMatching(/^damaged DOCX: .*cut short/) },
      },
    ]);
    expect(readDocx(strToU8('Harbour board approves new quay'), 'renamed.docx')).toEqual([
      {
        kind: 'error',
        error: { source: 'renamed.docx', reason: 'not a DOCX file: it is not a zip archive' },
      },
    ]);
    const sheet = zipSync({ 'xl/workbook.xml': strToU8('<workbook/>') });
    expect(errors(readDocx(sheet, 'sheet.docx'))).toEqual([
      { source: 'sheet.docx', reason: 'not a Word document: the zip has no word/document.xml' },
    ]);
  });

  it('a Word document that is no Nexis download is one article', () => {
    const one = readDocx(
      writeDocx(['Night market returns', '', 'The night market will return on Fridays.']),
      'note.docx',
    );
    expect(one).toEqual([
      {
        kind: 'article',
        raw: expect.objectContaining({
          format: 'docx',
          origin: 'note.docx',
          body: 'Night market returns\n\nThe night market will return on Fridays.',
        }),
      },
    ]);
  });

  it('takes the words a reader sees: runs, links, tabs, breaks, entities; not deleted text', () => {
    const xml =
      '<w:document><w:body>' +
      '<w:p><w:r><w:t>Ports &amp; </w:t></w:r><w:hyperlink r:id="x"><w:r><w:t>harbours</w:t></w:r></w:hyperlink></w:p>' +
      '<w:p><w:r><w:t>a</w:t><w:tab/><w:t>b</w:t><w:br/><w:t>c&#8217;s</w:t></w:r>' +
      '<w:del><w:r><w:delText>gone</w:delText></w:r></w:del><w:r><w:instrText> HYPERLINK x </w:instrText></w:r></w:p>' +
      '<w:tbl><w:tr><w:tc><w:p><w:r><w:t>cell</w:t></w:r></w:p></w:tc></w:tr></w:tbl>' +
      '<w:p/><w:p><w:r><w:br w:type="page"/></w:r></w:p><w:p><w:r><w:t xml:space="preserve">End </w:t></w:r></w:p>' +
      '</w:body></w:document>';
    expect(documentXmlText(xml)).toBe('Ports & harbours\n\na\tb\nc\u2019s\n\ncell\n\nEnd');
  });

  it('is read from its bytes by extension, also when a directory is walked', () => {
    writeFileSync(join(dir, 'export.docx'), docx);
    const walked = readFile({ path: join(dir, 'export.docx'), walked: true }, { cwd: dir });
    expect(articles(walked)).toHaveLength(3);
    expect(errors(walked)[0]).toMatchObject({ source: 'export.docx#4' });
  });
});
