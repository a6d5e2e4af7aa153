import type { ArticleMetadata, MetadataTerm } from '@newsarchive/core';
import { parseDate } from '../dates.ts';
import type { NexisDocument } from './nexis.ts';

/**
 * The LexisNexis Academic layout, which Nexis Uni replaced but which fills many research
 * collections (text, HTML and RTF downloads alike): documents opened by `1 of 74 DOCUMENTS`,
 * then the outlet, the date line, an edition or copyright line, the title, envelope fields in
 * capitals (`BYLINE:`, `SECTION:`, `LENGTH:`, `DATELINE:`, `HIGHLIGHT:`; in a German interface
 * `AUTOR:`, `RUBRIK:`, `LÄNGE:`), the text, and a trailer (`LOAD-DATE:`, `LANGUAGE:`,
 * `PUBLICATION-TYPE:`, the classification, the copyright). There is no `Body` line: the text is
 * what lies between the envelope fields and the trailer. Labels are matched from a known list,
 * so a paragraph opening `PARIS:` stays text.
 */

const SEPARATOR = /^\s*\d+ of \d+ DOCUMENTS?\s*$/;

/** Envelope and trailer labels (English, German, French interfaces) -> what they hold. */
const LABEL: Record<string, keyof ArticleMetadata | 'byline' | 'trailer'> = {
  BYLINE: 'byline',
  AUTOR: 'byline',
  AUTEUR: 'byline',
  SECTION: 'section',
  RUBRIK: 'section',
  RUBRIQUE: 'section',
  LENGTH: 'length',
  LÄNGE: 'length',
  LONGUEUR: 'length',
  DATELINE: 'dateline',
  HIGHLIGHT: 'highlight',
  EDITION: 'edition',
  AUSGABE: 'edition',
  'LOAD-DATE': 'loadDate',
  UPDATE: 'loadDate',
  'DATE-CHARGEMENT': 'loadDate',
  LANGUAGE: 'language',
  SPRACHE: 'language',
  LANGUE: 'language',
  'PUBLICATION-TYPE': 'publicationType',
  PUBLIKATIONSTYP: 'publicationType',
  SUBJECT: 'subjects',
  INDUSTRY: 'industries',
  PERSON: 'people',
  ORGANIZATION: 'organizations',
  COMPANY: 'organizations',
  GEOGRAPHIC: 'places',
  GRAPHIC: 'trailer',
  GRAFIK: 'trailer',
  NOTES: 'trailer',
  CORRECTION: 'trailer',
  'CORRECTION-DATE': 'trailer',
  'DOCUMENT-TYPE': 'trailer',
  'JOURNAL-CODE': 'trailer',
  'ZEITUNGS-CODE': 'trailer',
  BIBLIOGRAPHIE: 'trailer',
  URL: 'trailer',
  TYPE: 'trailer',
  SERIES: 'trailer',
  DISTRIBUTION: 'trailer',
  'ACC-NO': 'trailer',
  TICKER: 'trailer',
  CITY: 'trailer',
  STATE: 'trailer',
  COUNTRY: 'trailer',
};
const FIELD = /^([A-ZÄÖÜ][A-ZÄÖÜ-]+):\s*([\s\S]*)$/;
const COPYRIGHT = /^(?:copyright\b|©|\(c\)\s*\d{4})|all rights reserved\.?$/i;

/** True when the text holds LexisNexis Academic documents. */
export function looksLikeLexisAcademic(text: string): boolean {
  return /^\s*1 of \d+ DOCUMENTS?\s*$/m.test(text) && /^\s*(?:LENGTH|LÄNGE|LONGUEUR):/m.test(text);
}

interface Para {
  line: number;
  text: string;
}

function paragraphs(lines: string[], firstLine: number): Para[] {
  const out: Para[] = [];
  let cur: string[] = [];
  let start = 0;
  lines.forEach((l, i) => {
    if (l.trim()) {
      if (!cur.length) start = i;
      cur.push(l.trim());
    } else if (cur.length) {
      out.push({ line: firstLine + start, text: cur.join('\n') });
      cur = [];
    }
  });
  if (cur.length) out.push({ line: firstLine + start, text: cur.join('\n') });
  return out;
}

/** A known field paragraph: its label's meaning and value, or null for text. */
function field(p: Para): { key: (typeof LABEL)[string]; value: string } | null {
  const m = FIELD.exec(p.text);
  const key = m ? LABEL[m[1]!] : undefined;
  return m && key ? { key, value: m[2]!.replace(/\s+/g, ' ').trim() } : null;
}

/** `LOAD-DATE:` or `LANGUAGE:`: the trailer every complete document ends with. */
function closes(p: Para): boolean {
  const f = field(p);
  return f?.key === 'loadDate' || f?.key === 'language';
}

function terms(value: string): MetadataTerm[] {
  return value
    .split(';')
    .map((part) => part.trim().replace(/\.$/, ''))
    .filter(Boolean)
    .map((part) => {
      const m = /^(.*?)\s*\((\d{1,3})%\)$/.exec(part);
      return m ? { name: m[1]!.trim(), score: Number(m[2]) } : { name: part };
    });
}

type Parsed =
  | { kind: 'article'; doc: Omit<Extract<NexisDocument, { kind: 'article' }>, 'kind' | 'number'> }
  | { kind: 'broken'; line: number; reason: string };

function parseDocument(ps: Para[], line: number, expectTrailer: boolean): Parsed {
  const firstField = ps.findIndex((p) => field(p));
  if (firstField < 0 || ps.length < 3)
    return { kind: 'broken', line, reason: 'cut short: no envelope fields (LENGTH:, BYLINE: …)' };
  const head = ps.slice(0, firstField).filter((p) => !COPYRIGHT.test(p.text));
  const outlet = head[0]?.text.replace(/\s+/g, ' ') ?? null;
  const dateAt = head.findIndex(
    (p, i) => i > 0 && p.text.length <= 80 && parseDate(p.text) !== null,
  );
  // The edition may sit under the date in the same block (`October 18, 2023 Wednesday` /
  // `Final Edition`).
  const [date = null, ...editionLines] = dateAt > 0 ? head[dateAt]!.text.split('\n') : [];
  const rest = head.slice(dateAt > 0 ? dateAt + 1 : 1);
  const title = rest.length ? rest[rest.length - 1]!.text.replace(/\s+/g, ' ') : null;
  const metadata: ArticleMetadata = {};
  const edition = [...editionLines, ...rest.slice(0, -1).map((p) => p.text)];
  if (edition.length) metadata.edition = edition.join('; ');
  // The envelope: the field paragraphs after the title; the text starts at the first other one.
  let i = firstField;
  const envelope: { key: string; value: string }[] = [];
  for (; i < ps.length; i++) {
    const f = field(ps[i]!);
    if (!f) break;
    envelope.push(f);
  }
  // The trailer: from the end, every field or copyright paragraph.
  let end = ps.length;
  const trailer: { key: string; value: string }[] = [];
  while (end > i) {
    const p = ps[end - 1]!;
    const f = field(p);
    if (f) trailer.unshift(f);
    else if (!COPYRIGHT.test(p.text)) break;
    end--;
  }
  const body = ps
    .slice(i, end)
    .map((p) => p.text.replace(/\n/g, ' '))
    .join('\n\n');
  if (!body) return { kind: 'broken', line, reason: 'no article text after the envelope' };
  if (expectTrailer && !ps.slice(end).some(closes))
    return {
      kind: 'broken',
      line,
      reason: 'cut short: no LOAD-DATE/LANGUAGE trailer, which closes the other documents',
    };
  let byline: string | null = null;
  for (const { key, value } of [...envelope, ...trailer]) {
    if (key === 'byline') byline ??= value;
    else if (key === 'trailer') continue;
    else if (
      key === 'subjects' ||
      key === 'industries' ||
      key === 'people' ||
      key === 'organizations' ||
      key === 'places'
    )
      metadata[key] = [...(metadata[key] ?? []), ...terms(value)];
    else if (key === 'section') {
      const page = /;\s*(?:Pg\.?|S\.)\s*(\S+)\s*$/i.exec(value);
      metadata.section = value.replace(/;\s*(?:Pg\.?|S\.)\s*\S+\s*$/i, '').trim();
      if (page) metadata.page = page[1];
    } else (metadata as Record<string, unknown>)[key] ??= value;
  }
  return {
    kind: 'article',
    doc: { line, title, outlet, date, byline, body, metadata },
  };
}

/** Every document of a LexisNexis Academic download; the request page before them a cover. */
export function parseLexisAcademic(text: string): NexisDocument[] {
  const lines = text.replace(/^\ufeff/, '').split(/\r?\n/);
  const starts = lines.flatMap((l, i) => (SEPARATOR.test(l) ? [i] : []));
  const out: NexisDocument[] = [];
  const cover = lines.slice(0, starts[0] ?? lines.length);
  if (cover.some((l) => l.trim()))
    out.push({
      kind: 'cover',
      line: cover.findIndex((l) => l.trim()) + 1,
      reason: 'a LexisNexis download request page (terms, sources), not an article',
    });
  const docs = starts.map((s, k) => ({
    line: s + 2,
    ps: paragraphs(lines.slice(s + 1, starts[k + 1] ?? lines.length), s + 2),
  }));
  const withTrailer = docs.filter((d) => d.ps.some(closes)).length;
  docs.forEach((d, k) => {
    const last = k === docs.length - 1;
    const parsed = parseDocument(
      d.ps,
      d.ps[0]?.line ?? d.line,
      last && withTrailer > 0 && docs.length > 1,
    );
    if (parsed.kind === 'broken')
      out.push({ kind: 'broken', number: k + 1, line: parsed.line, reason: parsed.reason });
    else out.push({ kind: 'article', number: k + 1, ...parsed.doc });
  });
  return out;
}
