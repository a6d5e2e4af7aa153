import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { decodeEntities } from '../text.ts';
import { emptyRaw } from '../types.ts';
import type { ReadResult } from '../types.ts';

// Content elements are kept as raw markup (stopNodes) so their HTML survives untouched.
const CONTENT = ['description', 'content:encoded', 'content', 'summary', 'encoded'];
const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  processEntities: true,
  htmlEntities: true,
  trimValues: true,
  parseTagValue: false,
  isArray: (name) => ['link', 'category', 'author', 'dc:creator'].includes(name),
  stopNodes: CONTENT.flatMap((c) => [`item.${c}`, `entry.${c}`]),
});

function text(v: unknown): string | null {
  if (v === undefined || v === null) return null;
  if (typeof v === 'string') return v.trim() || null;
  if (typeof v === 'number') return String(v);
  if (Array.isArray(v)) return text(v[0]);
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return text(o['#text'] ?? o.name ?? o['@_href']);
  }
  return null;
}

/** Raw inner markup of a content element: CDATA unwrapped, escaped HTML unescaped once. */
function markup(v: unknown): string | null {
  let s: string | null = null;
  if (typeof v === 'string') s = v;
  else if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    s = typeof o['#text'] === 'string' ? (o['#text'] as string) : null;
  }
  if (!s) return null;
  s = s.trim();
  const cdata = /^<!\[CDATA\[([\s\S]*)\]\]>$/.exec(s);
  if (cdata) return cdata[1]!;
  s = s.replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, '$1');
  // Escaped HTML ("&lt;p&gt;") is decoded once; literal markup (xhtml) is kept as is.
  return /&lt;|&gt;|&amp;|&#/.test(s) && !/<[a-z]/i.test(s) ? decodeEntities(s) : s;
}

function atomLink(links: unknown): string | null {
  const list = ([] as unknown[]).concat(links ?? []);
  let best: string | null = null;
  for (const l of list) {
    if (typeof l === 'string') return l.trim();
    if (l && typeof l === 'object') {
      const o = l as Record<string, unknown>;
      const href = typeof o['@_href'] === 'string' ? o['@_href'] : null;
      const rel = typeof o['@_rel'] === 'string' ? o['@_rel'] : 'alternate';
      if (href && rel === 'alternate') return href;
      best ??= href;
    }
  }
  return best;
}

function authors(v: unknown): string | null {
  const list = ([] as unknown[]).concat(v ?? []);
  const names = list.map((a) => text(a)).filter((s): s is string => !!s);
  return names.length ? names.join(', ') : null;
}

function headTitle(head: string): string | null {
  const m = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(head);
  if (!m) return null;
  const t = m[1]!.replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, '$1');
  return decodeEntities(t).trim() || null;
}

/**
 * RSS 2.0 and Atom feeds: an article per item. Each item is checked and parsed on its own, so
 * one broken item is reported (with its number) and the others are kept.
 */
export function readFeed(xml: string, origin: string, forced?: 'rss' | 'atom'): ReadResult[] {
  const atom = forced ? forced === 'atom' : /<feed\b[^>]*>/i.test(xml) && !/<rss\b/i.test(xml);
  const tag = atom ? 'entry' : 'item';
  const format = atom ? 'atom' : 'rss';
  const firstItem = xml.search(new RegExp(`<${tag}[\\s>]`, 'i'));
  const head = firstItem >= 0 ? xml.slice(0, firstItem) : xml;
  const feedTitle = headTitle(head);
  const out: ReadResult[] = [];
  const itemRe = new RegExp(`<${tag}[\\s>][\\s\\S]*?(?:</${tag}\\s*>|(?=<${tag}[\\s>])|$)`, 'gi');
  let n = 0;
  for (const m of xml.matchAll(itemRe)) {
    n++;
    const chunk = m[0];
    const origin_n = `${origin}#${n}`;
    const fail = (reason: string) =>
      out.push({ kind: 'error', error: { source: origin_n, line: n, reason } });
    const valid = XMLValidator.validate(chunk, { allowBooleanAttributes: true });
    if (valid !== true) {
      fail(`broken feed ${tag}: ${valid.err.msg}`);
      continue;
    }
    let item: Record<string, unknown>;
    try {
      item = (parser.parse(chunk) as Record<string, Record<string, unknown>>)[tag] ?? {};
    } catch (err) {
      fail(`broken feed ${tag}: ${(err as Error).message}`);
      continue;
    }
    const raw = emptyRaw(format, origin_n, n);
    raw.title = text(item.title);
    raw.url = atom ? atomLink(item.link) : (text(item.link) ?? atomLink(item.link));
    if (!raw.url) {
      const guid = text(item.guid ?? item.id);
      if (guid && /^https?:\/\//i.test(guid)) raw.url = guid;
    }
    raw.published = text(
      item.pubDate ?? item.published ?? item['dc:date'] ?? item.updated ?? item.date,
    );
    raw.byline = authors(item['dc:creator'] ?? item.author ?? item.creator);
    if (raw.byline && /^[^\s@]+@[^\s@]+\s*\(([^)]+)\)$/.test(raw.byline)) {
      raw.byline = raw.byline.replace(/^[^\s@]+@[^\s@]+\s*\(([^)]+)\)$/, '$1'); // RSS "email (Name)"
    }
    const body =
      markup(item['content:encoded'] ?? item.encoded) ??
      markup(item.content) ??
      markup(item.description) ??
      markup(item.summary);
    raw.body = body;
    raw.bodyFormat = 'html';
    raw.sourceLabel = feedTitle;
    out.push({ kind: 'article', raw });
  }
  if (n === 0) out.push({ kind: 'skipped', source: origin, reason: `feed has no ${tag} elements` });
  return out;
}
