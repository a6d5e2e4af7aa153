import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDate } from '../dates.ts';
import { prepareArticle } from '../prepare.ts';
import { detectFormat, readFile } from '../sources.ts';
import type { RawArticle, ReadResult } from '../types.ts';
import { readHtml, readTxt } from './documents.ts';
import { factivaTerms } from './factiva.ts';
import { readFactiva } from './factiva-layouts.ts';

const dir = join(import.meta.dirname, '..', '..', 'test', 'fixtures', 'factiva');
const fixture = (name: string) => readFileSync(join(dir, name), 'utf8');
const articles = (results: ReadResult[]): RawArticle[] =>
  results.flatMap((r) => (r.kind === 'article' ? [r.raw] : []));
const errors = (results: ReadResult[]) =>
  results.flatMap((r) => (r.kind === 'error' ? [r.error] : []));

describe('Factiva HTML', () => {
  it('the full-article layout: every segment, the classification as metadata with its codes', () => {
    const results = readHtml(fixture('export.html'), 'export.html');
    expect(results).toHaveLength(2);
    const [quay, ferry] = articles(results);
    expect(quay).toEqual({
      format: 'html',
      origin: 'export.html#1',
      line: 1,
      title: 'Quay works to start in spring',
      body:
        'The harbour board of Port Ellery voted on Tuesday to build a new quay on the north pier.\n\n' +
        'Board chair Tomas Reyes said work would start in spring and last two years.\n\n' +
        'Fishermen welcomed the plan.',
      bodyFormat: 'text',
      url: null,
      outlet: 'The Coastal Herald',
      sourceLabel: null,
      sourceUrl: null,
      published: '18 October 2023',
      byline: 'By Mira Okafor',
      metadata: {
        section: 'Regional News',
        page: '3',
        length: '212 words',
        edition: 'Final',
        language: 'English',
        time: '17:01',
        sourceCode: 'COASTH',
        publisher: 'Coastal Media Group',
        copyright: '(c) 2023 The Coastal Herald (invented for tests)',
        accessionNumber: 'COASTH0020231018ejai0000t',
        subjects: [
          { name: 'Political/General News', code: 'gcat' },
          { name: 'Regional News', code: 'nrgn' },
        ],
        industries: [
          { name: 'Water Transport/Shipping', code: 'iwater' },
          { name: 'Port Services', code: 'i5020042' },
        ],
        organizations: [{ name: 'Port Ellery Harbour Board', code: 'pelhb' }],
        places: [
          { name: 'Port Ellery', code: 'pell' },
          { name: 'Europe', code: 'eurz' },
        ],
      },
    });
    expect(parseDate(quay!.published)).toBe('2023-10-18');
    expect(ferry).toMatchObject({ title: 'Ferry timetable adds two crossings', byline: null });
  });

  it('the article view layout: headline span, envelope blocks in order, any interface language', () => {
    const [market, council] = articles(readHtml(fixture('export-view.html'), 'view.html'));
    expect(market).toMatchObject({
      origin: 'view.html#1',
      title: 'Night market returns to the square',
      byline: 'By Jonas Pereira',
      outlet: 'Ellery Evening Post',
      published: '21 October 2023',
      body: 'The night market will return to Harbour Square on Friday evenings from November.\n\nStallholders asked the council for longer hours before the winter.',
      metadata: {
        section: 'Local News',
        length: '402 words',
        time: '09:30',
        sourceCode: 'ELLEP',
        edition: '1; Late',
        page: 'A7',
        language: 'English',
        publisher: 'Coastal Media Group',
        copyright: 'Copyright 2023 Ellery Evening Post (invented for tests)',
        accessionNumber: 'ELLEP00020231021ejal0003c',
      },
    });
    // A German interface (`Wörter`, `Oktober`, `Dokument`); a caption after the text is left out.
    expect(council).toMatchObject({
      origin: 'view.html#2',
      title: 'Gemeinderat vertagt Abstimmung über Parkplätze',
      byline: null,
      outlet: 'The Coastal Herald',
      body: 'Der Gemeinderat hat die Abstimmung über die Parkplätze am Hafen auf Dezember vertagt.',
      metadata: {
        length: '150 Wörter',
        language: 'Deutsch',
        publisher: 'Ellery Verlag',
        accessionNumber: 'COASTH0020231022ejam0004d',
      },
    });
    expect(parseDate(council!.published)).toBe('2023-10-22');
  });

  it('a file cut mid-article: the articles before it stored, the cut one an error naming it', () => {
    const results = readHtml(fixture('export-cut.html'), 'cut.html');
    expect(articles(results).map((a) => a.title)).toEqual(['Quay works to start in spring']);
    expect(errors(results)).toEqual([
      {
        source: 'cut.html#2',
        line: 2,
        reason: expect.stringMatching(/^Factiva article 2: cut short: no AN \(accession number\)/),
      },
    ]);
  });

  it("a news site's own article div and headline class is still read as a web page", () => {
    const site =
      '<html><head><title>Coastal Herald</title></head><body><div class="article">' +
      '<h1 class="articleHeadline">Quay approved</h1><p>The harbour board voted on Tuesday.</p>' +
      '</div></body></html>';
    expect(readHtml(site, 's.html')).toEqual([
      { kind: 'article', raw: expect.objectContaining({ origin: 's.html', format: 'html' }) },
    ]);
  });

  it('a page with no Factiva article is still read as a web page', () => {
    const page =
      '<html><body><article><h1>Harbour</h1><p>The HD segment is a headline.</p></article></body></html>';
    expect(readHtml(page, 'p.html')[0]).toMatchObject({
      kind: 'article',
      raw: { origin: 'p.html' },
    });
  });
});

describe('Factiva XML', () => {
  it('reads every article with its segments; .xml is told from a feed by its content', () => {
    const text = fixture('export.xml');
    expect(detectFormat('export.xml', text)).toBe('xml');
    const results = readFile({ path: join(dir, 'export.xml'), walked: true }, { cwd: dir });
    const good = articles(results);
    expect(
      good.map((a) => [a.title, a.outlet, a.published, a.byline, a.metadata?.language]),
    ).toEqual([
      ['Harbour board approves new quay', 'The Coastal Herald', '2023-10-18', 'Mira Okafor', 'EN'],
      [
        'Harbour : le ferry ajoute deux traversées',
        'Ellery Evening Post',
        '2023-10-19',
        null,
        'FR',
      ],
      ['Harbour library opens late', 'The Coastal Herald', '2023-10-20', 'Ana Lindqvist', 'EN'],
    ]);
    expect(good[0]).toMatchObject({
      format: 'xml',
      origin: 'export.xml#1',
      body: 'The harbour board of Port Ellery voted on Tuesday to build a new quay on the north pier.\n\nBoard chair Tomas Reyes said work would start in spring & last two years.\n\nFishermen welcomed the plan.',
      metadata: {
        length: '212 words',
        sourceCode: 'COASTH',
        accessionNumber: 'COASTH0020231018ejai0000t',
        organizations: [{ name: 'Port Ellery Harbour Board', code: 'pelhb' }],
        places: [{ name: 'Port Ellery', code: 'pell' }],
      },
    });
  });

  it('a broken article and a file cut mid-article: errors naming each, the good ones stored', () => {
    const results = readFactiva(fixture('export-cut.xml'), 'xml', 'cut.xml', 'xml');
    expect(articles(results).map((a) => a.origin)).toEqual(['cut.xml#1', 'cut.xml#3']);
    expect(errors(results)).toEqual([
      {
        source: 'cut.xml#2',
        line: 2,
        reason: expect.stringMatching(/^Factiva article 2: not well-formed XML: .*wordCount/),
      },
      {
        source: 'cut.xml#4',
        line: 4,
        reason: 'Factiva article 4: cut short: the <article> element is never closed',
      },
    ]);
  });
});

describe('Factiva segments', () => {
  it('splits coded lists, and keeps names without codes', () => {
    expect(factivaTerms('gpol : Domestic Politics | gcat : Political/General News')).toEqual([
      { name: 'Domestic Politics', code: 'gpol' },
      { name: 'Political/General News', code: 'gcat' },
    ]);
    expect(factivaTerms('Harbours | Construction')).toEqual([
      { name: 'Harbours' },
      { name: 'Construction' },
    ]);
  });

  it('a plain-text export is read by its segment codes; a cut one names the cut article', () => {
    const text = [
      'HD Ferry timetable adds two crossings',
      'WC 98 words',
      'PD 19 October 2023',
      'SN Ellery Evening Post',
      'LP The island ferry will add two crossings.',
      'TD The first boat will leave at 6 a.m.',
      'AN Document ELLEP00020231019ejaj0001x',
      '',
      'HD Library opens late',
      'PD 20 October 2023',
      'LP The town library will stay',
    ].join('\n');
    const results = readTxt(text, 'f.txt');
    expect(articles(results)).toEqual([
      expect.objectContaining({
        format: 'txt',
        origin: 'f.txt#1',
        title: 'Ferry timetable adds two crossings',
        body: 'The island ferry will add two crossings.\n\nThe first boat will leave at 6 a.m.',
      }),
    ]);
    expect(errors(results)).toEqual([
      {
        source: 'f.txt#2',
        line: 2,
        reason: expect.stringMatching(/^Factiva article 2: cut short/),
      },
    ]);
  });

  it('the classification never reaches the body or the actors', () => {
    const [quay] = articles(readHtml(fixture('export.html'), 'export.html'));
    const prepared = prepareArticle(quay!);
    expect(prepared.ok).toBe(true);
    if (!prepared.ok) return;
    expect(prepared.article.body).not.toMatch(/Regional News|Port Services|Document COASTH|gcat/);
    const names = prepared.article.actors.map((a) => a.name);
    expect(names).not.toContain('Port Ellery Harbour Board');
    expect(names.some((n) => /Water Transport|Political\/General/.test(n))).toBe(false);
    expect(prepared.article.metadata?.organizations).toEqual([
      { name: 'Port Ellery Harbour Board', code: 'pelhb' },
    ]);
    expect(prepared.article.publishedAt).toBe('2023-10-18');
    expect(prepared.article.outlet?.name).toBe('The Coastal Herald');
  });
});
