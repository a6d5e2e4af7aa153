import type { ArticleMetadata, MetadataTerm } from '@newsarchive/core';
import { emptyRaw } from '../types.ts';
import type { RawArticle, ReadResult } from '../types.ts';

/**
 * Factiva (Dow Jones) exports. Every layout carries the same segments, named by Factiva's
 * two- or three-letter codes: HD headline, BY byline, WC word count, PD publication date, ET
 * time, SN source name, SC source code, SE section, ED edition, PG page, LA language, CY
 * copyright, LP lead paragraphs, TD text, CO companies, IN industries, NS subjects, RE regions,
 * IPD descriptors, PUB publisher, AN accession number (`Document XXXX`, always the last segment:
 * an article without it was cut short). The layouts are described by Factiva's help pages and
 * by the researchers' tools that read them (e.g. tm.plugin.factiva for R). This file turns
 * segments into articles; `factiva-layouts.ts` finds the segments in HTML, XML and text.
 */

/** One article's segments: code -> value; LP and TD as paragraphs. */
export interface FactivaSegments {
  fields: Map<string, string>;
  lead: string[];
  text: string[];
}

export type FactivaDocument =
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
  | { kind: 'broken'; number: number; reason: string };

/**
 * `gpol : Domestic Politics | gcat : Political/General News` -> terms with their codes; a
 * list without codes (`Domestic Politics | Elections`) keeps the names alone.
 */
export function factivaTerms(value: string): MetadataTerm[] {
  return value
    .split(/\s*\|\s*/)
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const m = /^([A-Za-z0-9_]{1,16})\s+:\s+(.+)$/.exec(part);
      return m ? { name: m[2]!.trim(), code: m[1]! } : { name: part };
    });
}

const clean = (s: string | undefined): string | undefined => {
  const t = s?.replace(/\s+/g, ' ').trim();
  return t ? t : undefined;
};

/** Segments -> an article, or why the segments are not one. */
export function factivaDocument(seg: FactivaSegments, number: number): FactivaDocument {
  const f = seg.fields;
  const an = clean(f.get('AN'));
  if (!an)
    return {
      kind: 'broken',
      number,
      reason:
        'cut short: no AN (accession number) segment, which closes every Factiva article; its text may be incomplete',
    };
  const body = [...seg.lead, ...seg.text]
    .map((p) => p.replace(/[ \t]+/g, ' ').trim())
    .filter(Boolean)
    .join('\n\n');
  const title = clean(f.get('HD')) ?? null;
  if (!body && !title)
    return { kind: 'broken', number, reason: 'no headline (HD) and no text (LP, TD)' };
  const metadata: ArticleMetadata = {
    section: clean(f.get('SE')),
    page: clean(f.get('PG')),
    length: clean(f.get('WC')),
    edition: clean(f.get('ED')),
    language: clean(f.get('LA')),
    time: clean(f.get('ET')),
    sourceCode: clean(f.get('SC')),
    publisher: clean(f.get('PUB')),
    copyright: clean(f.get('CY')),
    accessionNumber: an.replace(/^\p{L}+\.?\s+(?=\S+$)/u, ''),
  };
  const list = (code: string) => {
    const v = clean(f.get(code));
    return v ? factivaTerms(v) : undefined;
  };
  metadata.subjects = list('NS');
  metadata.industries = list('IN');
  metadata.organizations = list('CO');
  metadata.places = list('RE');
  for (const k of Object.keys(metadata) as (keyof ArticleMetadata)[])
    if (metadata[k] === undefined) delete metadata[k];
  return {
    kind: 'article',
    number,
    title,
    outlet: clean(f.get('SN')) ?? null,
    date: clean(f.get('PD')) ?? null,
    byline: clean(f.get('BY')) ?? null,
    body,
    metadata,
  };
}

/** Factiva documents as read results: an article each, a broken one an error naming its number. */
export function factivaResults(
  docs: FactivaDocument[],
  format: RawArticle['format'],
  origin: string,
): ReadResult[] {
  return docs.map((doc): ReadResult => {
    const source = `${origin}#${doc.number}`;
    if (doc.kind === 'broken')
      return {
        kind: 'error',
        error: { source, line: doc.number, reason: `Factiva article ${doc.number}: ${doc.reason}` },
      };
    const raw = emptyRaw(format, source, doc.number);
    raw.title = doc.title;
    raw.outlet = doc.outlet;
    raw.published = doc.date;
    raw.byline = doc.byline;
    raw.body = doc.body || null;
    if (Object.keys(doc.metadata).length > 0) raw.metadata = doc.metadata;
    return { kind: 'article', raw };
  });
}
