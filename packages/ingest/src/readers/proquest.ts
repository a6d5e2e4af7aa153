import type { ArticleMetadata, MetadataTerm } from '@newsarchive/core';
import { emptyRaw } from '../types.ts';
import type { RawArticle, ReadResult } from '../types.ts';

/**
 * ProQuest (Global Newsstream, ProQuest Central …) "TXT – Text only" downloads: records split by
 * a line of 60 underscores, each opening with the title, then `Label: value` fields (`Author:`,
 * `Publication info:`, `Full text:` over many paragraphs, `Subject:`, `Publication title:`,
 * `Publication date:`, `ProQuest document ID:`, `Document URL:`, `Database:` …), a terms page
 * after the last separator. No schema is published; the field list follows what the downloads
 * print and the researchers' parsers that read them (e.g. pq_parser, tidyethnicnews).
 */

const SEPARATOR = /^\s*_{20,}\s*$/;

const LABELS = [
  'Author',
  'Publication info',
  'Abstract',
  'Links',
  'Full text',
  'Full Text',
  'Illustration',
  'Caption',
  'Subject',
  'Location',
  'People',
  'Company / organization',
  'Identifier / keyword',
  'Title',
  'Publication title',
  'Volume',
  'Issue',
  'Pages',
  'Publication year',
  'Publication date',
  'Section',
  'Publisher',
  'Place of publication',
  'Country of publication',
  'Publication subject',
  'ISSN',
  'e-ISSN',
  'Source type',
  'Language of publication',
  'Document type',
  'Document feature',
  'ProQuest document ID',
  'Document URL',
  'Copyright',
  'Last updated',
  'Last Updated',
  'Database',
];
const LABEL = new RegExp(
  `^(${LABELS.map((l) => l.replace(/[/]/g, '\\/')).join('|')}):(?:\\s+(.*))?$`,
);

/** True when the text is a ProQuest text download. */
export function looksLikeProQuest(text: string): boolean {
  return (
    /^\s*_{20,}\s*$/m.test(text) &&
    /^ProQuest document ID:/m.test(text) &&
    /^(?:Publication title|Full [Tt]ext):/m.test(text)
  );
}

export type ProQuestDocument =
  | {
      kind: 'article';
      number: number;
      title: string | null;
      outlet: string | null;
      date: string | null;
      byline: string | null;
      body: string;
      metadata: ArticleMetadata;
    }
  | { kind: 'skipped'; number: number; reason: string }
  | { kind: 'broken'; number: number; reason: string };

function terms(value: string | undefined): MetadataTerm[] | undefined {
  if (!value) return undefined;
  const list = value
    .split(';')
    .map((t) => t.trim().replace(/\.$/, ''))
    // `Company / organization: Name: Port Board; NAICS: 488310`: the name, not the code.
    .filter((t) => t && !/^(?:NAICS|SIC|DUNS|Ticker):/i.test(t))
    .map((t) => ({ name: t.replace(/^Name:\s*/i, '') }));
  return list.length ? list : undefined;
}

/** `Okafor, Mira; Reyes, Tomas` -> `Mira Okafor, Tomas Reyes`: catalogue order undone. */
function byline(value: string | undefined): string | null {
  if (!value) return null;
  return value
    .split(';')
    .map((name) => name.trim())
    .filter(Boolean)
    .map((name) => {
      const m = /^([^,]+),\s*([^,]+)$/.exec(name);
      return m ? `${m[2]!.trim()} ${m[1]!.trim()}` : name;
    })
    .join(', ');
}

function record(lines: string[], number: number, closed: boolean): ProQuestDocument | null {
  const fields = new Map<string, string>();
  const heading: string[] = [];
  let key: string | null = null;
  let value: string[] = [];
  const close = () => {
    if (key && !fields.has(key)) fields.set(key, value.join('\n').trim());
    key = null;
    value = [];
  };
  for (const line of lines) {
    const m = LABEL.exec(line.trim());
    if (m) {
      close();
      key = m[1]!.toLowerCase();
      value = [m[2] ?? ''];
    } else if (key) value.push(line);
    else if (line.trim() && !/^Document \d+ of \d+$/.test(line.trim())) heading.push(line.trim());
  }
  close();
  // A page without fields is not a record: it takes no number.
  if (!fields.size)
    return heading.length
      ? { kind: 'skipped', number: 0, reason: 'a ProQuest terms or cover page, not an article' }
      : null;
  if (!closed && !fields.has('proquest document id'))
    return {
      kind: 'broken',
      number,
      reason: 'cut short: no "ProQuest document ID:" line, which closes every ProQuest record',
    };
  const body = (fields.get('full text') ?? '')
    .split(/\n\s*\n/)
    .map((p) => p.replace(/\s*\n\s*/g, ' ').trim())
    .filter(Boolean)
    .join('\n\n');
  if (!body)
    return {
      kind: 'skipped',
      number,
      reason: 'a ProQuest citation without "Full text:" (abstract or citation only)',
    };
  const one = (k: string) => fields.get(k)?.replace(/\s+/g, ' ').trim() || undefined;
  const metadata: ArticleMetadata = {
    section: one('section'),
    page: one('pages'),
    language: one('language of publication'),
    publicationType: one('source type') ?? one('document type'),
    publisher: one('publisher'),
    copyright: one('copyright'),
    accessionNumber: one('proquest document id'),
    loadDate: one('last updated'),
    subjects: terms(one('subject')),
    places: terms(one('location')),
    people: terms(one('people')),
    organizations: terms(one('company / organization')),
  };
  for (const k of Object.keys(metadata) as (keyof ArticleMetadata)[])
    if (metadata[k] === undefined) delete metadata[k];
  return {
    kind: 'article',
    number,
    title: one('title') ?? (heading.join(' ') || null),
    // `The Times; London (UK)`: the place rides on the title.
    outlet: one('publication title')?.replace(/\s*;.*$/, '') || null,
    date: one('publication date') ?? null,
    byline: byline(one('author')),
    body,
    metadata,
  };
}

/** Every record of a ProQuest text download, numbered from 1; the terms page skipped. */
export function parseProQuest(text: string): ProQuestDocument[] {
  const lines = text.replace(/^\ufeff/, '').split(/\r?\n/);
  const chunks: { lines: string[]; closed: boolean }[] = [{ lines: [], closed: false }];
  for (const line of lines) {
    if (SEPARATOR.test(line)) {
      chunks[chunks.length - 1]!.closed = true;
      chunks.push({ lines: [], closed: false });
    } else chunks[chunks.length - 1]!.lines.push(line);
  }
  const out: ProQuestDocument[] = [];
  let number = 0;
  for (const chunk of chunks) {
    const doc = record(chunk.lines, number + 1, chunk.closed);
    if (doc && doc.number > 0) number++;
    if (doc) out.push(doc);
  }
  return out;
}

/** A ProQuest text download as read results. */
export function readProQuest(
  text: string,
  origin: string,
  format: RawArticle['format'],
): ReadResult[] {
  return parseProQuest(text).map((doc): ReadResult => {
    const source = doc.number ? `${origin}#${doc.number}` : origin;
    if (doc.kind === 'skipped') return { kind: 'skipped', source, reason: doc.reason };
    if (doc.kind === 'broken')
      return {
        kind: 'error',
        error: { source, line: doc.number, reason: `ProQuest record ${doc.number}: ${doc.reason}` },
      };
    const raw = emptyRaw(format, source, doc.number);
    raw.title = doc.title;
    raw.outlet = doc.outlet;
    raw.published = doc.date;
    raw.byline = doc.byline;
    raw.body = doc.body;
    if (Object.keys(doc.metadata).length) raw.metadata = doc.metadata;
    return { kind: 'article', raw };
  });
}
