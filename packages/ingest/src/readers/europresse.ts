import type { ArticleMetadata } from '@newsarchive/core';
import { parseHTML } from 'linkedom';
import { nodeToText } from '../html.ts';
import { emptyRaw } from '../types.ts';
import type { ReadResult } from '../types.ts';

/**
 * Europresse HTML downloads: one `<article>` per document, holding the outlet
 * (`span.DocPublicationName`: `Le Monde, no. 24512`), a header line (`span.DocHeader`:
 * `France, mercredi 18 octobre 2023 412 mots, p. 12`), the title (`.titreArticleVisu`) and
 * subtitle (`.rdp__subtitle`) in `div.titreArticle`, the author in the `p.sm-margin-bottomNews`
 * after it, the text in `div.docOcurrContainer` (or `div.DocText`), and a footer with the
 * copyright, the document's number (`news·20231018·LM·…`) and a link to the article on the
 * outlet's site ("Cet article est paru dans …"). Europresse publishes no schema; the class names
 * follow the researchers' tools that read these files (EuroParser, Europresse-to-IRaMuTeQ).
 */

type El = {
  tagName: string;
  textContent: string | null;
  nextElementSibling: El | null;
  getAttribute(name: string): string | null;
  querySelector(sel: string): El | null;
  querySelectorAll(sel: string): ArrayLike<El>;
  remove(): void;
};

const text = (el: El | null | undefined): string =>
  (el?.textContent ?? '').replace(/[\s\u00a0]+/g, ' ').trim();

/** A Europresse page: `<article>`s with Europresse's outlet span. */
export function looksLikeEuropresse(html: string): boolean {
  return /<article\b/i.test(html) && /class=["'][^"']*\bDocPublicationName\b/.test(html);
}

const HEADER_DATE = /(\d{1,2}(?:er)?\.?\s+\p{L}+\.?\s+\d{4}|\p{L}+\.?\s+\d{1,2},\s+\d{4})/u;
/** `412 mots`, `1 234 mots`; not the year before it. */
const HEADER_WORDS =
  /(?:^|\s)((?:\d{1,3}(?:[ .,]\d{3})+|\d+)\s+(?:mots|words|Wörter|palabras|parole))\b/i;
const HEADER_PAGE = /\bp\.\s*([A-Za-z]?\d+[A-Za-z]?)/;
const WEEKDAY =
  /\b(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b,?\s*$/i;
const DOC_NUMBER = /\b(news|web|pdf|print)·\d{8}·[\w-]+·[\w-]+/;

/** One `<article>`: its fields, or why it is not an article. */
function readArticle(
  article: El,
):
  | { ok: true; fields: Record<string, string | null>; metadata: ArticleMetadata }
  | { ok: false; reason: string } {
  const pub = article.querySelector('.DocPublicationName');
  if (!pub) return { ok: false, reason: 'no outlet (DocPublicationName): not a press document' };
  // `Le Monde, no. 24512` or `Le Monde<br>Économie`: the outlet is the first line.
  const outletLine = (nodeToText(pub as never).split('\n')[0] ?? '').trim();
  const outlet = outletLine.replace(/,\s*no\.?\s*\S+.*$/i, '').trim() || null;
  const header = text(article.querySelector('.DocHeader'));
  const metadata: ArticleMetadata = {};
  const date = HEADER_DATE.exec(header)?.[1] ?? null;
  const words = HEADER_WORDS.exec(header)?.[1];
  if (words) metadata.length = words.trim();
  const page = HEADER_PAGE.exec(header)?.[1];
  if (page) metadata.page = page;
  const sub = text(article.querySelector('.DocTitreSousSection'));
  const before = date
    ? header
        .slice(0, header.indexOf(date))
        .replace(WEEKDAY, '')
        .replace(/[,\s]+$/, '')
    : '';
  if (sub || before) metadata.section = sub || before;
  const titleBox = article.querySelector('.titreArticle');
  const title = text(article.querySelector('.titreArticleVisu')) || text(titleBox) || null;
  const subtitle = text(article.querySelector('.rdp__subtitle'));
  if (subtitle) metadata.highlight = subtitle;
  const after = titleBox?.nextElementSibling;
  const byline =
    after && /\bsm-margin-bottomNews\b/.test(after.getAttribute('class') ?? '')
      ? text(after) || null
      : null;
  const container =
    article.querySelector('.docOcurrContainer') ?? article.querySelector('.DocText');
  if (!container) return { ok: false, reason: 'cut short: no text (docOcurrContainer)' };
  let url: string | null = null;
  for (const a of Array.from(container.querySelectorAll('a'))) {
    if (/Cet article est paru dans|This article appeared in/i.test(text(a))) {
      url = a.getAttribute('href');
      a.remove();
    }
  }
  const body = nodeToText(container as never)
    .split('\n\n')
    .filter((p) => !/^(?:Cet article est paru dans|This article appeared in)\b/i.test(p))
    .join('\n\n')
    .trim();
  if (!body) return { ok: false, reason: 'no article text' };
  const whole = text(article);
  const number = DOC_NUMBER.exec(whole)?.[0];
  if (number) metadata.accessionNumber = number;
  const copyright = /(©[^·]{0,160}?)(?:\s+(?:news|web|pdf|print)·|$)/.exec(
    text(article.querySelector('.Doc-LegalInfo') ?? article.querySelector('footer')) || '',
  )?.[1];
  if (copyright) metadata.copyright = copyright.trim();
  return {
    ok: true,
    fields: {
      outlet,
      date,
      title,
      byline,
      body,
      url: url && /^https?:\/\//i.test(url) ? url : null,
    },
    metadata,
  };
}

/** Every document of a Europresse HTML download, numbered from 1. */
export function readEuropresse(html: string, origin: string): ReadResult[] {
  const { document } = parseHTML(html);
  const articles = Array.from((document as unknown as El).querySelectorAll('article'));
  const numbered = articles.filter((a) => a.querySelector('.DocPublicationName'));
  // A footer closes every complete document; a last one without it was cut short.
  const closed = numbered.filter((a) => DOC_NUMBER.test(text(a))).length;
  return numbered.map((a, i): ReadResult => {
    const n = i + 1;
    const source = `${origin}#${n}`;
    const read = readArticle(a);
    const cut = read.ok && i === numbered.length - 1 && closed > 0 && !DOC_NUMBER.test(text(a));
    if (!read.ok || cut)
      return {
        kind: 'error',
        error: {
          source,
          line: n,
          reason: `Europresse document ${n}: ${read.ok ? 'cut short: no footer with the document number, which closes the others' : read.reason}`,
        },
      };
    const raw = emptyRaw('html', source, n);
    raw.outlet = read.fields.outlet ?? null;
    raw.published = read.fields.date ?? null;
    raw.title = read.fields.title ?? null;
    raw.byline = read.fields.byline ?? null;
    raw.body = read.fields.body ?? null;
    raw.url = read.fields.url ?? null;
    if (Object.keys(read.metadata).length) raw.metadata = read.metadata;
    return { kind: 'article', raw };
  });
}
