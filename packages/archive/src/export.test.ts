import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import type { Article } from '@newsarchive/core';
import { CSV_COLUMNS, csvHeader, csvRow, neutraliseFormula, readerOrigin } from './export.ts';

function article(overrides: Partial<Article> = {}): Article {
  return {
    id: 'a1',
    url: 'https://example.org/a1',
    title: 'Talks resume',
    titleDerived: false,
    body: 'Negotiators met.',
    outlet: { id: 'example-news', name: 'Example News' },
    byline: 'Jane Roe',
    publishedAt: '2024-08-12',
    actors: [],
    storyId: 'st_0000000000000000',
    storySize: 1,
    storyOutlets: 1,
    copyId: 'cp_fixture',
    copies: 1,
    status: 'visible',
    hiddenReason: null,
    collections: [],
    source: {
      format: 'txt',
      origin: 'a1.txt',
      line: null,
      ingestedAt: '2024-08-12T00:00:00Z',
      contentHash: 'h',
    },
    curated: [],
    updatedAt: '2024-08-12T00:00:00Z',
    ...overrides,
  };
}

const cells = (a: Article) =>
  Object.fromEntries(
    (parse(csvHeader() + csvRow(a)) as string[][])[1]!.map((v, i) => [CSV_COLUMNS[i], v]),
  );

describe('CSV export', () => {
  it.each(['=HYPERLINK("http://evil.example","x")', '+1+2', '-2+3', '@SUM(A1)', '\tx', '\rx'])(
    'makes a cell starting %j read as text in a spreadsheet',
    (title) => {
      const row = cells(article({ title, byline: title, body: `${title}\nmore` }));
      expect(row.title).toBe(`'${title}`);
      expect(row.byline).toBe(`'${title}`);
      expect(row.body).toBe(`'${title}\nmore`);
    },
  );

  it('leaves other cells as they are, quoting commas, quotes and line breaks', () => {
    const title = 'A "quoted", title\nwith = and @ inside';
    const row = cells(
      article({
        title,
        actors: [{ id: 'x', name: '=cmd', type: 'person' }],
        outlet: { id: 'o', name: '-Minus Outlet' },
      }),
    );
    expect(row.title).toBe(title);
    expect(row.actors).toBe("'=cmd");
    expect(row.outlet).toBe("'-Minus Outlet");
    expect(row.publishedAt).toBe('2024-08-12');
    expect(neutraliseFormula('plain')).toBe('plain');
  });
});

describe('what a reader sees of an origin', () => {
  it('keeps the file name and drops the directories, on either kind of separator', () => {
    expect(readerOrigin('/srv/exports/2024/nexis.csv')).toBe('nexis.csv');
    expect(readerOrigin('C:\\exports\\nexis.csv')).toBe('nexis.csv');
    expect(readerOrigin('api')).toBe('api');
  });
  it('keeps a feed address without its query string', () => {
    expect(readerOrigin('https://example.org/feed.xml?key=secret')).toBe(
      'https://example.org/feed.xml',
    );
  });
  it('says nothing when there is nothing to say', () => {
    expect(readerOrigin(undefined)).toBeUndefined();
    expect(readerOrigin('/srv/exports/')).toBeUndefined();
  });
});
