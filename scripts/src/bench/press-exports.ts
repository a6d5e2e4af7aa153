import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeDocx } from '@newsarchive/ingest/docx-write';

/**
 * Press-database downloads of N invented articles each, written for `bench ingest --press`: a
 * Nexis Uni DOCX, a Factiva HTML page and a Factiva XML file. The text is drawn from a word
 * list with a fixed seed, so every article differs (none is a duplicate of another) and runs
 * compare.
 */

const WORDS = (
  'harbour council board ferry quay market library school road bridge river village town ' +
  'mayor minister committee budget vote plan works spring winter summer autumn morning ' +
  'evening week month year report survey figures prices wages rents homes families workers ' +
  'fishermen farmers traders visitors residents students teachers nurses doctors police ' +
  'court judge trial appeal ruling law rule tax fee grant fund bank loan debt trade export ' +
  'import port ship boat train bus line station airport flight storm flood rain wind heat ' +
  'power water gas fuel energy wind solar grid network service office staff union strike ' +
  'talks deal offer agreement proposal decision delay change increase cut rise fall growth'
).split(' ');

/** A small seeded generator (mulberry32): the same words on every run. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Invented {
  title: string;
  paragraphs: string[];
  day: number;
}

function invent(n: number, next: () => number): Invented {
  const word = () => WORDS[Math.floor(next() * WORDS.length)]!;
  const sentence = (len: number) => {
    const s = Array.from({ length: len }, word).join(' ');
    return `${s[0]!.toUpperCase()}${s.slice(1)}.`;
  };
  const paragraphs = Array.from({ length: 6 }, () =>
    Array.from({ length: 3 }, () => sentence(8 + Math.floor(next() * 10))).join(' '),
  );
  return { title: `${sentence(6).slice(0, -1)} (${n})`, paragraphs, day: 1 + (n % 28) };
}

function nexisParagraphs(a: Invented, n: number): string[] {
  return [
    a.title,
    n % 2 ? 'The Coastal Herald' : 'Ellery Evening Post',
    `October ${a.day}, 2023 Wednesday 5:01 PM EST`,
    'Copyright 2023 (invented for the benchmark)',
    'Section: NEWS; Pg. 3',
    'Length: 380 words',
    'Byline: Mira Okafor',
    'Body',
    ...a.paragraphs,
    'Classification',
    'Language: ENGLISH',
    'Subject: PORTS (92%); INFRASTRUCTURE (90%)',
    'Geographic: PORT ELLERY (94%)',
    'Load-Date: October 28, 2023',
    'End of Document',
    '\f',
  ];
}

function factivaHtml(a: Invented, n: number): string {
  const row = (code: string, value: string) =>
    `<tr><td class="index"><b>${code}</b>&nbsp;</td><td>${value}</td></tr>`;
  const ps = (list: string[]) =>
    list.map((p) => `<p class="articleParagraph enarticleParagraph">${p}</p>`).join('\n');
  return (
    '<div class="article enArticle"><table>' +
    row('HD', `<b class="enHeadline">${a.title}</b>`) +
    row('BY', 'By Mira Okafor') +
    row('WC', '380 words') +
    row('PD', `${a.day} October 2023`) +
    row('SN', n % 2 ? 'The Coastal Herald' : 'Ellery Evening Post') +
    row('SC', 'COASTH') +
    row('LA', 'English') +
    `<tr><td class="index"><b>LP</b></td><td>${ps(a.paragraphs.slice(0, 1))}</td></tr>` +
    `<tr><td class="index"><b>TD</b></td><td>${ps(a.paragraphs.slice(1))}</td></tr>` +
    row('NS', 'gcat : Political/General News | nrgn : Regional News') +
    row('RE', 'pell : Port Ellery') +
    row('AN', `Document BENCH00020231018ejai${String(n).padStart(5, '0')}`) +
    '</table></div>\n'
  );
}

function factivaXml(a: Invented, n: number): string {
  const ps = (list: string[]) => list.map((p) => `<paragraph>${p}</paragraph>`).join('');
  return (
    `<ppsarticle><article><accessionNo>BENCH00020231019ejaj${String(n).padStart(5, '0')}</accessionNo>` +
    `<baseLanguage>EN</baseLanguage><headline><paragraph>${a.title}</paragraph></headline>` +
    `<byline>Ana Lindqvist</byline><leadParagraph>${ps(a.paragraphs.slice(0, 1))}</leadParagraph>` +
    `<publicationDate><date>2023-10-${String(a.day).padStart(2, '0')}</date></publicationDate>` +
    `<sourceName>${n % 2 ? 'The Coastal Herald' : 'Ellery Evening Post'}</sourceName>` +
    '<newsSubject code="gcat"><name>Political/General News</name></newsSubject>' +
    `<sourceCode>COASTH</sourceCode><tailParagraphs>${ps(a.paragraphs.slice(1))}</tailParagraphs>` +
    '<wordCount>380</wordCount></article></ppsarticle>\n'
  );
}

/** Writes the three downloads of `n` articles each into `dir`; their paths. */
export function writePressExports(dir: string, n: number): string[] {
  const next = random(14);
  const docx: string[] = [];
  let html = '<!DOCTYPE html><html><head><title>Factiva</title></head><body>\n';
  let xml = '<?xml version="1.0" encoding="utf-8"?><PPSResponse><ppsArticleResponse>\n';
  for (let i = 1; i <= n; i++) {
    docx.push(...nexisParagraphs(invent(i, next), i));
    html += factivaHtml(invent(i, next), i);
    xml += factivaXml(invent(i, next), i);
  }
  const files = {
    [`nexis-${n}.docx`]: writeDocx(docx),
    [`factiva-${n}.html`]: `${html}</body></html>\n`,
    [`factiva-${n}.xml`]: `${xml}</ppsArticleResponse></PPSResponse>\n`,
  };
  return Object.entries(files).map(([name, content]) => {
    const path = join(dir, name);
    writeFileSync(path, content);
    return path;
  });
}
