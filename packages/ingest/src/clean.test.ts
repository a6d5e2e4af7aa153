import { describe, expect, it } from 'vitest';
import { bylineFromLine, normalizeByline } from './byline.ts';
import { cleanText } from './clean.ts';
import { datelineDate, isDateLine, parseDate } from './dates.ts';
import { htmlFragmentToText } from './html.ts';
import { canonicalUrl } from './ids.ts';
import { outletNameForDomain } from './outlets.ts';

const P1 = 'The harbour works went on through the night, the mayor said on Tuesday.';
const P2 = 'Council members will meet again next week to discuss the budget for the new quay.';
const P3 = 'Residents said the noise kept them awake, but most welcomed the new jobs it brings.';

describe('cleanText', () => {
  it('drops photo credits and captions wherever they are', () => {
    const text = [
      P1,
      '© Ahmad Hasaballah / Getty Images',
      P2,
      'Photo: Jane Doe/Reuters',
      '(AFP)',
      'Workers at the quay on Monday. (Photo: Sam Poe, AP)',
      'FILE PHOTO: The quay in 2019.',
      P3,
    ].join('\n\n');
    expect(cleanText(text, { title: 'T' }).paragraphs).toEqual([P1, P2, P3]);
  });

  it('cuts a "Related posts" footer and all after it', () => {
    const text = [P1, P2, 'Related posts', 'Another story title', 'Yet another headline here'].join(
      '\n\n',
    );
    expect(cleanText(text, { title: 'T' }).paragraphs).toEqual([P1, P2]);
    const readMore = [P1, P2, 'Read more:', 'A link title'].join('\n');
    expect(cleanText(readMore, { title: 'T' }).paragraphs).toEqual([P1, P2]);
  });

  it('drops a "Read more" promo in the middle but keeps the sentences after it', () => {
    const text = [P1, 'READ MORE: Harbour plan unveiled', P2, P3].join('\n\n');
    expect(cleanText(text, { title: 'T' }).paragraphs).toEqual([P1, P2, P3]);
  });

  it('drops share, subscribe and advertisement lines', () => {
    const text = [
      P1,
      'Share this article',
      'Facebook Twitter Email',
      'ADVERTISEMENT',
      P2,
      'Sign up for Daily Newsletters',
      'Follow Chuck on Twitter',
      'Story Continued Below',
      P3,
    ].join('\n\n');
    expect(cleanText(text, { title: 'T' }).paragraphs).toEqual([P1, P2, P3]);
  });

  it('reads the header: site name, section, headline, byline, dateline', () => {
    const text = [
      'Harbour Gazette',
      'Local',
      'Works Go On Through The Night',
      'By Jane Roe and John Doe',
      'Friday, January 4, 2019',
      P1,
      P2,
    ].join('\n');
    const c = cleanText(text);
    expect(c).toMatchObject({
      headline: 'Works Go On Through The Night',
      siteName: 'Harbour Gazette',
      byline: 'Jane Roe and John Doe',
      dateLine: 'Friday, January 4, 2019',
      paragraphs: [P1, P2],
    });
  });

  it('does not take a sentence starting with "By" for a byline', () => {
    const text = [
      'By the numbers',
      P1,
      'By Tuesday the works were done and the crews went home for the week.',
    ].join('\n\n');
    const c = cleanText(text, { title: 'T' });
    expect(c.byline).toBeNull();
    expect(c.paragraphs).toContain(
      'By Tuesday the works were done and the crews went home for the week.',
    );
  });

  it('normalises unicode and whitespace, strips HTML remnants and entities', () => {
    const c = cleanText(
      `Cafe\u0301 owners&nbsp;said &ldquo;no&rdquo;<br/>  and   left.\u200b\r\n\r\n${P2}`,
      { title: 'T' },
    );
    expect(c.paragraphs).toEqual(['Café owners said “no” and left.', P2]);
    expect(c.paragraphs[0]!.normalize('NFC')).toBe(c.paragraphs[0]);
  });

  it('joins hard-wrapped lines but keeps one-line paragraphs apart', () => {
    const c = cleanText(
      'The harbour works went on through\nthe night, the mayor said.\nCouncil members will meet again.',
      { title: 'T' },
    );
    expect(c.paragraphs).toEqual([
      'The harbour works went on through the night, the mayor said.',
      'Council members will meet again.',
    ]);
  });
});

describe('html fragments', () => {
  it('turns blocks into paragraphs and leaves out scripts and captions', () => {
    const text = htmlFragmentToText(
      `<div><p>${P1}</p><script>alert(1)</script><figure><img src=x><figcaption>Caption © X</figcaption></figure><p>Two<br>lines &amp; more</p></div>`,
    );
    expect(text).toBe(`${P1}\n\nTwo\nlines & more`);
  });
});

describe('dates', () => {
  it.each([
    ['2024-09-10', '2024-09-10'],
    ['2024-09-10T23:30:00-05:00', '2024-09-10'],
    ['1/21/18', '2018-01-21'],
    ['12/3/2019', '2019-12-03'],
    ['21/1/2018', '2018-01-21'],
    ['2024/09/10', '2024-09-10'],
    ['Tue, 10 Sep 2024 14:00:00 GMT', '2024-09-10'],
    ['Tue, 10 Sep 2024 23:30:00 -0500', '2024-09-10'],
    ['September 10, 2024', '2024-09-10'],
    ['Sept. 10, 2024', '2024-09-10'],
    ['10 September 2024', '2024-09-10'],
    ['Friday, January 4, 2019', '2019-01-04'],
    ['20240910', '2024-09-10'],
    // Press databases print the date in their interface's language (Factiva's PD).
    ['9 Januar 1993', '1993-01-09'],
    ['12. März 2020', '2020-03-12'],
    ['29 décembre 2011', '2011-12-29'],
    ['mercredi 1er février 2023', '2023-02-01'],
    ['3 de marzo de 2020', '2020-03-03'],
    ['14 luglio 2021', '2021-07-14'],
    ['5 mei 2022', '2022-05-05'],
  ])('parses %s', (input, expected) => {
    expect(parseDate(input)).toBe(expected);
  });

  it.each([
    '',
    'today',
    'yesterday',
    'August 2024',
    'not a date',
    '2024-02-30',
    '13/13/2013',
    '31 février 2023',
    '3 weeks 2020',
  ])('rejects %j', (input) => {
    expect(parseDate(input)).toBeNull();
  });

  it('finds datelines', () => {
    expect(isDateLine('Published: Aug. 18, 2024 at 5:00 p.m. ET')).toBe(true);
    expect(isDateLine('On August 18, 2024 the talks began in Cairo.')).toBe(false);
    expect(datelineDate('CAIRO, Aug. 18, 2024 — Talks resumed on Sunday.')).toBe('2024-08-18');
    expect(datelineDate('The talks of Aug. 18, 2024 — resumed.')).toBeNull();
  });
});

describe('bylines', () => {
  it.each([
    ['by Sededin Dedovic', 'Sededin Dedovic'],
    ['By Jane Roe and John Doe, Reuters', 'Jane Roe and John Doe'],
    ['Written by Tom Howell Jr.', 'Tom Howell Jr.'],
    ['By the numbers', null],
    ['Photo by Sean Ryan', null],
  ])('%s', (line, expected) => {
    expect(bylineFromLine(line)).toBe(expected);
  });

  it('normalises author metadata', () => {
    expect(normalizeByline('Leah Barkoukis, Beth Baumann')).toBe('Leah Barkoukis and Beth Baumann');
    expect(normalizeByline('Analysis Stephen Collinson')).toBe('Stephen Collinson');
    expect(normalizeByline('Derek Thompson, Staff Writer At')).toBe('Derek Thompson');
    expect(normalizeByline('Kara Swisher, Illustrations Christina Animashaun')).toBe(
      'Kara Swisher',
    );
    expect(
      normalizeByline('Backgroundurl Avatar_Large, Story Count, Comment Count, Popular Tags'),
    ).toBeNull();
    expect(normalizeByline('A, B, C')).toBe('A, B and C');
  });
});

describe('urls and outlets', () => {
  it('canonicalises URLs', () => {
    expect(canonicalUrl('HTTPS://WWW.Example.COM/a//b/?utm_source=x&b=2&a=1&fbclid=z#frag')).toBe(
      'https://example.com/a/b?a=1&b=2',
    );
    expect(canonicalUrl('https://en.wikinews.org//wiki/Some_Story')).toBe(
      'https://en.wikinews.org/wiki/Some_Story',
    );
    expect(canonicalUrl('ftp://example.com/x')).toBeNull();
    expect(canonicalUrl('not a url')).toBeNull();
  });

  it('maps domains to readable outlet names', () => {
    expect(outletNameForDomain('www.nytimes.com')).toBe('The New York Times');
    expect(outletNameForDomain('https://edition.cnn.com/2020/x')).toBe('CNN');
    expect(outletNameForDomain('www1.cbn.com')).toBe('CBN News');
    expect(outletNameForDomain('www.chicago.suntimes.com')).toBe('Chicago Sun-Times');
    expect(outletNameForDomain('https://www.bbc.co.uk/news')).toBe('BBC News');
    expect(outletNameForDomain('unknown.example')).toBeNull();
  });
});
