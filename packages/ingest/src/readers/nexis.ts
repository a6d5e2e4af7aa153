import type { ArticleMetadata, MetadataTerm } from '@newsarchive/core';
import { emptyRaw } from '../types.ts';
import { looksLikeLexisAcademic, parseLexisAcademic } from './nexis-academic.ts';
import type { RawArticle, ReadResult } from '../types.ts';

/**
 * Nexis Uni / LexisNexis exports as plain text: many articles per file, each an envelope
 * (title, outlet line, date line, copyright, `Section:`, `Length:`, `Byline:` …), a line `Body`,
 * the text, then a trailer (`Classification`, `Language:`, `Subject: X (92%); …`, `Load-Date:`)
 * closed by `End of Document`. A download may open with a cover page listing the documents
 * (`Documents (N)`, `Client/Matter:`, `Search Terms:`). No public schema exists; this follows the
 * layout Nexis Uni prints, as described in its help pages and by the researchers' tools that
 * parse it (e.g. LexisNexisTools for R).
 */

/** What a Nexis envelope and trailer say about an article besides its text. */
export type NexisMetadata = ArticleMetadata;
type NexisTerm = MetadataTerm;

export interface NexisArticle {
  /** 1-based line in the text where the article's envelope starts. */
  line: number;
  title: string | null;
  outlet: string | null;
  /** The date line as written ("October 18, 2023 Wednesday 5:01 PM EST"). */
  date: string | null;
  byline: string | null;
  body: string;
  metadata: NexisMetadata;
}

export type NexisDocument =
  | ({ kind: 'article'; number: number } & NexisArticle)
  | { kind: 'cover'; line: number; reason: string }
  | { kind: 'broken'; line: number; number: number; reason: string };

const END = /^\s*End of Document\s*$/;
const BODY = /^\s*Body\s*$/;
const COVER =
  /^\s*(Documents \(\d+\)|Client\/Matter:|Search Terms:|Search Type:|Narrowed by:|Job Number:|Date and Time:|User Name:)/;
/** A line of the trailer that ends the body. */
const TRAILER = /^\s*(Classification\s*$|Graphic\s*$|Load-Date:|End of Document\s*$)/;
const MONTH =
  /\b(jan(uary)?|feb(ruary)?|mar(ch)?|apr(il)?|may|june?|july?|aug(ust)?|sep(t(ember)?)?|oct(ober)?|nov(ember)?|dec(ember)?)\b/i;
/** `Section: NEWS; Pg. 3`, `Length: 523 words`: an envelope or trailer field. */
const FIELD = /^\s*([A-Z][A-Za-z]+(?:[- ][A-Za-z]+){0,2}):\s*(.*)$/;
const COPYRIGHT = /^\s*(copyright\b|©|\(c\)\s*\d{4})/i;

/** True when the text holds Nexis documents (or only a Nexis cover page). */
export function looksLikeNexis(text: string): boolean {
  return looksLikeNexisUni(text) || looksLikeLexisAcademic(text);
}

function looksLikeNexisUni(text: string): boolean {
  const hasBody = /^\s*Body\s*$/m.test(text);
  if (hasBody && (/^\s*End of Document\s*$/m.test(text) || /^\s*Length:\s*\d+\s+words/m.test(text)))
    return true;
  return /^\s*Documents \(\d+\)\s*$/m.test(text) && /^\s*Client\/Matter:/m.test(text);
}

function isDateLine(line: string): boolean {
  const t = line.trim();
  return t.length <= 80 && MONTH.test(t) && /\b\d{4}\b/.test(t);
}

/** `PORTS (92%); TRANSPORT (90%)` -> terms with scores. */
function terms(value: string): NexisTerm[] {
  return value
    .split(';')
    .map((part) => part.trim().replace(/\.$/, ''))
    .filter(Boolean)
    .map((part) => {
      const m = /^(.*?)\s*\((\d{1,3})%\)$/.exec(part);
      return m ? { name: m[1]!.trim(), score: Number(m[2]) } : { name: part };
    });
}

/** Key-value fields, a value running on over the next lines until a blank line or the next key. */
function fields(lines: string[]): Map<string, string> {
  const out = new Map<string, string>();
  let key: string | null = null;
  for (const line of lines) {
    const m = FIELD.exec(line);
    if (m) {
      key = m[1]!.toLowerCase();
      out.set(key, m[2]!.trim());
    } else if (!line.trim()) key = null;
    else if (key) out.set(key, `${out.get(key)} ${line.trim()}`.trim());
  }
  return out;
}

function envelopeMetadata(meta: NexisMetadata, f: Map<string, string>): void {
  const section = f.get('section');
  if (section) {
    // `NEWS; Pg. 3`: the page rides on the section line.
    const page = /;\s*Pg\.?\s*(\S+)\s*$/i.exec(section);
    meta.section = section.replace(/;\s*Pg\.?\s*\S+\s*$/i, '').trim() || undefined;
    if (page) meta.page = page[1];
  }
  if (f.get('length')) meta.length = f.get('length');
  if (f.get('dateline')) meta.dateline = f.get('dateline');
  if (f.get('edition')) meta.edition = f.get('edition');
  if (f.get('highlight')) meta.highlight = f.get('highlight');
}

function trailerMetadata(meta: NexisMetadata, f: Map<string, string>): void {
  if (f.get('language')) meta.language = f.get('language');
  if (f.get('publication-type')) meta.publicationType = f.get('publication-type');
  if (f.get('load-date')) meta.loadDate = f.get('load-date');
  const list = (key: string) => (f.get(key) ? terms(f.get(key)!) : undefined);
  meta.subjects = list('subject');
  meta.industries = list('industry');
  meta.people = list('person');
  meta.organizations = list('organization');
  meta.places = list('geographic');
  for (const k of Object.keys(meta) as (keyof NexisMetadata)[])
    if (meta[k] === undefined) delete meta[k];
}

/**
 * One document (the lines up to and including `End of Document`, or to the end of the text):
 * a cover page, an article, or an article whose envelope was cut before its `Body` line.
 * `preamble` collects a cover page found ahead of the article in the same document.
 */
function parseDocument(
  lines: string[],
  firstLine: number,
): { article?: NexisArticle; cover?: { line: number }; broken?: { line: number; reason: string } } {
  const bodyAt = lines.findIndex((l) => BODY.test(l));
  const firstText = lines.findIndex((l) => l.trim() !== '');
  if (bodyAt < 0) {
    if (lines.some((l) => COVER.test(l))) return { cover: { line: firstLine + firstText } };
    return {
      broken: {
        line: firstLine + firstText,
        reason: lines.some((l) => END.test(l))
          ? 'no "Body" line between the envelope and End of Document'
          : 'cut short: the envelope has no "Body" line and the document no End of Document',
      },
    };
  }
  // Walk up from `Body`: envelope fields, the copyright line, the date line, the outlet line,
  // then the title (which may wrap over several lines). What lies above is a cover page.
  let i = bodyAt - 1;
  const skipBlank = () => {
    while (i >= 0 && lines[i]!.trim() === '') i--;
  };
  const fieldLines: string[] = [];
  skipBlank();
  // A field's value may run on to the next line: a plain line right under a field belongs to it.
  const continues = (at: number) =>
    lines[at]!.trim() !== '' && !COPYRIGHT.test(lines[at]!) && at > 0 && FIELD.test(lines[at - 1]!);
  while (i >= 0 && (FIELD.test(lines[i]!) || continues(i))) {
    fieldLines.unshift(lines[i]!);
    i--;
    skipBlank();
  }
  if (i >= 0 && COPYRIGHT.test(lines[i]!)) {
    i--;
    skipBlank();
  }
  let date: string | null = null;
  if (i >= 0 && isDateLine(lines[i]!)) {
    date = lines[i]!.trim();
    i--;
    skipBlank();
  }
  let outlet: string | null = null;
  if (i >= 0 && !COVER.test(lines[i]!)) {
    outlet = lines[i]!.trim();
    i--;
    skipBlank();
  }
  const titleLines: string[] = [];
  while (i >= 0 && lines[i]!.trim() !== '' && !COVER.test(lines[i]!)) {
    titleLines.unshift(lines[i]!.trim());
    i--;
  }
  const start = i + 1;
  const cover = lines.slice(0, Math.max(start, 0)).some((l) => COVER.test(l));

  const rest = lines.slice(bodyAt + 1);
  const bodyEnd = rest.findIndex((l) => TRAILER.test(l));
  const bodyLines = bodyEnd < 0 ? rest : rest.slice(0, bodyEnd);
  const trailer = bodyEnd < 0 ? [] : rest.slice(bodyEnd).filter((l) => !END.test(l));
  const f = fields(fieldLines);
  const metadata: NexisMetadata = {};
  envelopeMetadata(metadata, f);
  trailerMetadata(metadata, fields(trailer));
  const body = bodyLines
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  return {
    ...(cover ? { cover: { line: firstLine + firstText } } : {}),
    article: {
      line: firstLine + start,
      title: titleLines.join(' ') || null,
      outlet,
      date,
      byline: f.get('byline') ?? null,
      body,
      metadata,
    },
  };
}

/**
 * Every document in a Nexis text export, in order; articles numbered from 1. The older
 * LexisNexis Academic layout (`1 of 74 DOCUMENTS`) is read by `nexis-academic.ts`.
 */
export function parseNexisText(text: string): NexisDocument[] {
  if (!looksLikeNexisUni(text) && looksLikeLexisAcademic(text)) return parseLexisAcademic(text);
  const lines = text.replace(/^\ufeff/, '').split(/\r?\n/);
  const out: NexisDocument[] = [];
  let number = 0;
  let start = 0;
  const take = (end: number) => {
    const chunk = lines.slice(start, end);
    const firstLine = start + 1;
    start = end;
    if (chunk.every((l) => l.trim() === '')) return;
    const doc = parseDocument(chunk, firstLine);
    if (doc.cover)
      out.push({
        kind: 'cover',
        line: doc.cover.line,
        reason: 'a Nexis cover page (document list, search terms), not an article',
      });
    if (doc.article) out.push({ kind: 'article', number: ++number, ...doc.article });
    if (doc.broken) out.push({ kind: 'broken', number: ++number, ...doc.broken });
  };
  for (let i = 0; i < lines.length; i++) if (END.test(lines[i]!)) take(i + 1);
  take(lines.length);
  return out;
}

/** A Nexis article as a raw article (metadata kept aside, never in the body). */
export function nexisRaw(
  a: NexisArticle,
  format: RawArticle['format'],
  origin: string,
  line: number | null,
): RawArticle {
  const raw = emptyRaw(format, origin, line);
  raw.title = a.title;
  raw.outlet = a.outlet;
  raw.published = a.date;
  raw.byline = a.byline;
  raw.body = a.body || null;
  if (Object.keys(a.metadata).length > 0) raw.metadata = a.metadata;
  return raw;
}

/**
 * A Nexis export as text (a `.txt`, or a DOCX, HTML or RTF download turned into text): an article
 * result per article, the cover page skipped with its reason. A `.txt` names its lines; in a
 * converted download the lines are not the file's, so an article is named by its number
 * (`export.docx#3`, as a feed names its items).
 */
export function readNexisText(
  text: string,
  origin: string,
  format: RawArticle['format'] = 'txt',
): ReadResult[] {
  const byLine = format === 'txt';
  return parseNexisText(text).map((doc): ReadResult => {
    if (doc.kind === 'cover')
      return {
        kind: 'skipped',
        source: byLine ? `${origin}:${doc.line}` : origin,
        reason: doc.reason,
      };
    const source = byLine ? origin : `${origin}#${doc.number}`;
    const line = byLine ? doc.line : doc.number;
    if (doc.kind === 'broken')
      return {
        kind: 'error',
        error: { source, line, reason: `Nexis article ${doc.number}: ${doc.reason}` },
      };
    if (!doc.body)
      return {
        kind: 'error',
        error: { source, line, reason: `Nexis article ${doc.number}: no text after "Body"` },
      };
    return { kind: 'article', raw: nexisRaw(doc, format, source, line) };
  });
}
