import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDate } from '../dates.ts';
import { prepareArticle } from '../prepare.ts';
import type { RawArticle } from '../types.ts';
import { readTxt } from './documents.ts';
import { looksLikeNexis, parseNexisText } from './nexis.ts';
import { readCsv, readJson } from './structured.ts';

/** Invented for the tests: a cover page, three articles and a fourth cut mid-envelope. */
const fixture = readFileSync(
  join(import.meta.dirname, '..', '..', 'test', 'fixtures', 'nexis', 'export-cut.txt'),
  'utf8',
);

const articles = (results: ReturnType<typeof readTxt>): RawArticle[] =>
  results.flatMap((r) => (r.kind === 'article' ? [r.raw] : []));

/** One article as a Nexis CSV export puts it in its `text` cell. */
const cell = [
  'Harbour board approves new quay',
  '',
  'The Coastal Herald',
  'October 18, 2023 Wednesday 5:01 PM EST',
  '',
  'Section: NEWS; Pg. 3',
  'Length: 64 words',
  'Byline: Mira Okafor',
  '',
  'Body',
  '',
  'The harbour board of Port Ellery voted on Tuesday to build a new quay.',
  '',
  'Board chair Tomas Reyes said work would start in spring.',
  '',
  'Classification',
  '',
  'Language: ENGLISH',
  '',
  'Subject: MISSILE SYSTEMS (92%); INTELLIGENCE SERVICES (90%)',
  '',
  'Organization: SEA LTD (81%)',
  '',
  'Industry: NAICS336414 GUIDED MISSILE & SPACE VEHICLE MANUFACTURING (91%)',
  '',
  'Load-Date: October 19, 2023',
  '',
  'End of Document',
].join('\n');

describe('Nexis Uni text export', () => {
  it('reads every good article, skips the cover page with its reason, names the cut article', () => {
    expect(looksLikeNexis(fixture)).toBe(true);
    const results = readTxt(fixture, 'export-cut.txt');
    expect(results.filter((r) => r.kind === 'skipped')).toEqual([
      {
        kind: 'skipped',
        source: 'export-cut.txt:1',
        reason: expect.stringMatching(/Nexis cover page/),
      },
    ]);
    expect(results.filter((r) => r.kind === 'error')).toEqual([
      {
        kind: 'error',
        error: {
          source: 'export-cut.txt',
          line: 112,
          reason: expect.stringMatching(/^Nexis article 4: cut short: .*no "Body" line/),
        },
      },
    ]);
    const good = articles(results);
    expect(good.map((a) => [a.title, a.outlet, parseDate(a.published), a.byline, a.line])).toEqual([
      ['Harbour board approves new quay', 'The Coastal Herald', '2023-10-18', 'Mira Okafor', 17],
      ['Ferry timetable adds two crossings', 'Ellery Evening Post', '2023-10-19', null, 55],
      [
        'Library opens late on Thursdays',
        'The Coastal Herald',
        '2023-10-20',
        'By Ana Lindqvist',
        82,
      ],
    ]);
  });

  it('keeps the envelope and the classification out of the body, as structured metadata', () => {
    const [first] = articles(readTxt(fixture, 'export-cut.txt'));
    expect(first!.body).toBe(
      'The harbour board of Port Ellery voted on Tuesday to build a new quay on the north pier.\n\n' +
        'Board chair Tomas Reyes said work would start in spring and last two years. Fishermen welcomed the plan, which keeps the old slipway open during the works.',
    );
    expect(first!.metadata).toEqual({
      section: 'NEWS',
      page: '3',
      length: '64 words',
      language: 'ENGLISH',
      publicationType: 'Newspaper',
      loadDate: 'October 19, 2023',
      subjects: [
        { name: 'PORTS', score: 92 },
        { name: 'INFRASTRUCTURE', score: 90 },
        { name: 'FISHING INDUSTRY', score: 71 },
      ],
      organizations: [{ name: 'PORT ELLERY HARBOUR BOARD', score: 88 }],
      people: [{ name: 'TOMAS REYES', score: 79 }],
      places: [{ name: 'PORT ELLERY', score: 94 }],
    });
  });

  it('understands the date line with weekday, time and zone variants', () => {
    for (const [line, day] of [
      ['October 18, 2023 Wednesday 5:01 PM EST', '2023-10-18'],
      ['Wednesday, October 18, 2023', '2023-10-18'],
      ['18 October 2023 Wednesday 9:30 AM GMT', '2023-10-18'],
      ['Oct 18, 2023 Wed 11:00 PM GMT+1', '2023-10-18'],
    ]) {
      const doc = parseNexisText(cell.replace('October 18, 2023 Wednesday 5:01 PM EST', line!))[0];
      expect(doc).toMatchObject({ kind: 'article', date: line, outlet: 'The Coastal Herald' });
      expect(parseDate(doc?.kind === 'article' ? doc.date : null), line).toBe(day);
    }
  });

  it('a Nexis article in a CSV cell or a JSON field is parsed the same way, columns first', () => {
    const csv = `source,text,title,journal,date\nexport_01.docx,"${cell.replace(/"/g, '""')}",Quay approved,Coastal Herald Weekend,2023-10-18\n`;
    const [row] = articles(readCsv(csv, 'export.csv'));
    expect(row).toMatchObject({
      title: 'Quay approved',
      outlet: 'Coastal Herald Weekend',
      published: '2023-10-18',
      byline: 'Mira Okafor',
      body: 'The harbour board of Port Ellery voted on Tuesday to build a new quay.\n\nBoard chair Tomas Reyes said work would start in spring.',
    });
    expect(row!.metadata?.subjects?.[0]).toEqual({ name: 'MISSILE SYSTEMS', score: 92 });

    const cover =
      'Documents (2)\n\n 1. Quay approved\n  Client/Matter: -None-\n  Search Terms: quay';
    const rows = readJson(JSON.stringify([{ content: cover }, { content: cell }]), 'a.json');
    expect(rows[0]).toEqual({
      kind: 'skipped',
      source: 'a.json:1',
      reason: expect.stringMatching(/Nexis cover page/),
    });
    const [item] = articles(rows);
    expect(item).toMatchObject({
      title: 'Harbour board approves new quay',
      outlet: 'The Coastal Herald',
      published: 'October 18, 2023 Wednesday 5:01 PM EST',
      byline: 'Mira Okafor',
    });
    expect(item!.body).not.toMatch(/Classification|Load-Date|Subject:|Section:|Length:/);
  });

  it('classification lines never become actors or body text', () => {
    const [item] = articles(readJson(JSON.stringify([{ content: cell }]), 'a.json'));
    const prepared = prepareArticle(item!);
    expect(prepared.ok).toBe(true);
    if (!prepared.ok) return;
    const names = prepared.article.actors.map((a) => a.name.toUpperCase());
    for (const junk of ['MISSILE SYSTEMS', 'INTELLIGENCE SERVICES', 'SEA LTD', 'NAICS336414'])
      expect(names.some((n) => n.includes(junk))).toBe(false);
    expect(prepared.article.body).not.toMatch(/MISSILE|Load-Date|End of Document/);
    // Kept, as data beside the article, for the archive to store.
    expect(prepared.article.metadata?.organizations).toEqual([{ name: 'SEA LTD', score: 81 }]);
    expect(prepared.article.metadata?.section).toBe('NEWS');
  });

  it('a plain .txt article is still one article', () => {
    const results = readTxt('A title\n\nBody of a plain note.\n', 'note.txt');
    expect(results).toHaveLength(1);
    expect(results[0]).toMatchObject({
      kind: 'article',
      raw: { body: 'A title\n\nBody of a plain note.\n' },
    });
  });
});
