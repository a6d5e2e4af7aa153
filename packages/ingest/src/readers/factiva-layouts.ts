import { XMLValidator } from 'fast-xml-parser';
import { DOMParser, parseHTML } from 'linkedom';
import { nodeToText } from '../html.ts';
import type { RawArticle, ReadResult } from '../types.ts';
import { factivaDocument, factivaResults } from './factiva.ts';
import type { FactivaDocument, FactivaSegments } from './factiva.ts';
import { viewSegments } from './factiva-view.ts';

/**
 * Where the segments sit in each Factiva layout:
 * - HTML "Full Article/Report plus Indexing": `<div class="article xxArticle">` holding a table
 *   of rows `<td><b>HD</b></td><td>…</td>`, LP and TD as `<p class="articleParagraph">`;
 * - HTML "Article" view: the same div with the headline in `span.xxHeadline`, the envelope in
 *   plain `<div>`s (word count, date, time, source, code, language, copyright, `Document …`);
 * - XML (`<ppsarticle><article>`: headline, leadParagraph, tailParagraphs, newsSubject …);
 * - text (an RTF or plain-text export): a segment code at the start of a line, its value after
 *   it and on the lines below.
 */

type Node = {
  nodeType: number;
  nodeName: string;
  textContent: string | null;
  childNodes: ArrayLike<Node>;
  children: ArrayLike<El>;
};
type El = Node & {
  tagName: string;
  attributes: ArrayLike<unknown>;
  getAttribute(name: string): string | null;
  querySelectorAll(sel: string): ArrayLike<El>;
  querySelector(sel: string): El | null;
};

const text = (el: { textContent: string | null } | null | undefined): string =>
  (el?.textContent ?? '').replace(/[\s\u00a0]+/g, ' ').trim();
const all = <T>(list: ArrayLike<T>): T[] => Array.from(list);

/**
 * A Factiva HTML page: article divs holding segment-code tables, or the article view (headline
 * span and `articleParagraph`s) on a page that says it is Factiva's. A news site's own
 * `<div class="article">` with a headline class must stay a web page.
 */
export function looksLikeFactivaHtml(html: string): boolean {
  if (!/<div[^>]*class=["']article(?:\s+\w*Article)?["']/i.test(html)) return false;
  if (/<b>\s*(?:HD|AN)\s*(?:<\/b>|&nbsp;)/.test(html)) return true;
  return (
    /class=["'](?:[^"']*\s)?\w*Headline[\s"']/.test(html) &&
    /class=["'][^"']*articleParagraph/.test(html) &&
    /Factiva|Dow Jones|>\s*Document\s+[A-Za-z0-9]{12,}\s*</.test(html)
  );
}

/** A Factiva XML export (the PPS article response). */
export function looksLikeFactivaXml(head: string): boolean {
  return /<(?:PPSResponse|ppsArticleResponse|ppsarticleResultSet|ppsarticle)\b/i.test(head);
}

/** LP and TD: the paragraphs of a cell, or its text split at blank lines. */
function paragraphs(el: El): string[] {
  const ps = all(el.querySelectorAll('p'));
  if (ps.length) return ps.map(text).filter(Boolean);
  return nodeToText(el as never)
    .split(/\n{2,}/)
    .map((p) => p.trim())
    .filter(Boolean);
}

function tableSegments(article: El): FactivaSegments | null {
  const seg: FactivaSegments = { fields: new Map(), lead: [], text: [] };
  let found = false;
  for (const row of all(article.querySelectorAll('tr'))) {
    const cells = all(row.children).filter((c) => c.tagName === 'TD');
    if (cells.length < 2) continue;
    const code = text(cells[0]).replace(/\s/g, '');
    if (!/^[A-Z]{2,4}$/.test(code)) continue;
    found = true;
    if (code === 'LP') seg.lead.push(...paragraphs(cells[1]!));
    else if (code === 'TD') seg.text.push(...paragraphs(cells[1]!));
    else if (!seg.fields.has(code)) seg.fields.set(code, text(cells[1]));
  }
  return found ? seg : null;
}

/** Every article of a Factiva HTML page, numbered from 1. */
export function parseFactivaHtml(html: string): FactivaDocument[] {
  const { document } = parseHTML(html);
  const isArticle = (d: El) =>
    /^article(?:\s+\w*Article)?$/.test((d.getAttribute('class') ?? '').trim());
  // The article view wraps each `article xxArticle` div in a plain `article` one: the inner counts.
  const articles = all((document as unknown as El).querySelectorAll('div')).filter(
    (d) => isArticle(d) && !all(d.querySelectorAll('div')).some(isArticle),
  );
  return articles.map((a, i) => factivaDocument(tableSegments(a) ?? viewSegments(a), i + 1));
}

/** Child elements of `el` named `name` (XML names keep their case). */
const kids = (el: El, name: string): El[] => all(el.children).filter((c) => c.nodeName === name);
const paragraphsOf = (el: El | undefined): string[] =>
  el ? (kids(el, 'paragraph').length ? kids(el, 'paragraph') : [el]).map(text).filter(Boolean) : [];

function xmlSegments(article: El): FactivaSegments {
  const seg: FactivaSegments = { fields: new Map(), lead: [], text: [] };
  const f = seg.fields;
  const one = (name: string) => kids(article, name)[0];
  const set = (code: string, name: string) => {
    const v = text(one(name));
    if (v) f.set(code, v);
  };
  f.set('HD', paragraphsOf(one('headline')).join(' '));
  set('BY', 'byline');
  const words = text(one('wordCount'));
  if (words) f.set('WC', /^\d+$/.test(words) ? `${words} words` : words);
  const pub = one('publicationDate');
  const date = pub ? text(kids(pub, 'date')[0] ?? kids(pub, 'dateTime')[0] ?? pub) : '';
  if (date) f.set('PD', date);
  const time = one('publicationTime');
  if (time) f.set('ET', text(time));
  set('SN', 'sourceName');
  set('SC', 'sourceCode');
  set('SE', 'sectionName');
  set('ED', 'edition');
  set('PG', 'pages');
  set('LA', 'baseLanguage');
  set('CY', 'copyright');
  set('PUB', 'publisherName');
  set('AN', 'accessionNo');
  const terms = (code: string, name: string) => {
    const list = kids(article, name).map((el) => {
      const label = text(kids(el, 'name')[0] ?? el);
      const c = el.getAttribute('code');
      return c ? `${c} : ${label}` : label;
    });
    if (list.length) f.set(code, list.join(' | '));
  };
  terms('NS', 'newsSubject');
  terms('CO', 'company');
  terms('IN', 'industry');
  terms('RE', 'region');
  seg.lead.push(...paragraphsOf(one('leadParagraph')));
  seg.text.push(...paragraphsOf(one('tailParagraphs')));
  return seg;
}

/**
 * Every article of a Factiva XML export. Each `<article>` is parsed on its own, so a file cut
 * mid-article loses that article only (an error naming its number), never the ones before it.
 */
export function parseFactivaXml(xml: string): FactivaDocument[] {
  const out: FactivaDocument[] = [];
  const re = /<article\b[^>]*>[\s\S]*?(?:<\/article\s*>|(?=<article\b)|$)/g;
  let n = 0;
  for (const m of xml.matchAll(re)) {
    n++;
    const chunk = m[0];
    if (!/<\/article\s*>$/.test(chunk)) {
      out.push({
        kind: 'broken',
        number: n,
        reason: 'cut short: the <article> element is never closed',
      });
      continue;
    }
    // linkedom mends broken XML silently; a damaged article must be reported, not guessed at.
    const valid = XMLValidator.validate(chunk);
    if (valid !== true) {
      out.push({
        kind: 'broken',
        number: n,
        reason: `not well-formed XML: ${valid.err.msg} (line ${valid.err.line} of the article)`,
      });
      continue;
    }
    const doc = new DOMParser().parseFromString(
      // Namespaces play no part here; dropping them keeps the names as written.
      chunk.replace(/\sxmlns(?::\w+)?="[^"]*"/g, ''),
      'text/xml',
    ) as unknown as { documentElement: El | null };
    const root = doc.documentElement;
    if (!root || root.nodeName !== 'article') {
      out.push({
        kind: 'broken',
        number: n,
        reason: 'the <article> element is not well-formed XML',
      });
      continue;
    }
    out.push(factivaDocument(xmlSegments(root), n));
  }
  return out;
}

/** Segment codes as they open a line in a text or RTF export. */
const CODE_LINE =
  /^(HD|BY|WC|PD|ET|SN|SC|SE|ED|PG|LA|CY|LP|TD|CO|IN|NS|RE|IPD|IPC|PUB|AN|CR|RF|ART|NGC|GC)(?:[ \t\u00a0]+(.*)|[ \t\u00a0]*)$/;

/** A text holding Factiva segments: an `HD` line and a `Document …` accession number. */
export function looksLikeFactivaText(t: string): boolean {
  return /^HD\b/m.test(t) && /^(?:AN\b.*\n?\s*)?Document\s+\w+/m.test(t);
}

/** Every article of a Factiva text (or RTF turned text) export; articles end at `AN`. */
export function parseFactivaText(t: string): FactivaDocument[] {
  const out: FactivaDocument[] = [];
  let seg: FactivaSegments = { fields: new Map(), lead: [], text: [] };
  let code: string | null = null;
  let value: string[] = [];
  let n = 0;
  let open = false;
  const close = () => {
    if (!code) return;
    // The accession number is one line; what follows it before the next article is not its.
    const v = (code === 'AN' ? (value.find((l) => l.trim()) ?? '') : value.join('\n')).trim();
    if (code === 'LP' || code === 'TD') {
      (code === 'LP' ? seg.lead : seg.text).push(...v.split(/\n\s*\n|\n/).filter((p) => p.trim()));
    } else if (!seg.fields.has(code)) seg.fields.set(code, v.replace(/\s+/g, ' '));
    if (code === 'AN') {
      out.push(factivaDocument(seg, ++n));
      seg = { fields: new Map(), lead: [], text: [] };
      open = false;
    }
    code = null;
    value = [];
  };
  for (const line of t.replace(/^\ufeff/, '').split(/\r?\n/)) {
    const m = CODE_LINE.exec(line.trim());
    if (m) {
      close();
      code = m[1]!;
      value = m[2] ? [m[2]] : [];
      open = true;
    } else if (code) value.push(line);
  }
  // The last accession number may be followed by nothing at all.
  if (code === 'AN') close();
  else if (open) {
    close();
    out.push(factivaDocument(seg, ++n));
  }
  return out;
}

/** Factiva HTML, XML or text as read results. */
export function readFactiva(
  content: string,
  layout: 'html' | 'xml' | 'text',
  origin: string,
  format: RawArticle['format'],
): ReadResult[] {
  const docs =
    layout === 'html'
      ? parseFactivaHtml(content)
      : layout === 'xml'
        ? parseFactivaXml(content)
        : parseFactivaText(content);
  if (!docs.length)
    return [{ kind: 'skipped', source: origin, reason: 'a Factiva page with no article in it' }];
  return factivaResults(docs, format, origin);
}
