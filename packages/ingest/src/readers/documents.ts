import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { parse as parseYaml } from 'yaml';
import { mapRecord } from '../fields.ts';
import { nodeToText } from '../html.ts';
import { emptyRaw } from '../types.ts';
import { looksLikeNexis, readNexisText } from './nexis.ts';
import { readPressHtml, readPressText } from './press.ts';
import type { ReadResult } from '../types.ts';

/**
 * `.txt`: the whole file is the article, and the header is read by the cleaner; a Nexis export
 * (many articles, each in its envelope) is read article by article.
 */
export function readTxt(text: string, origin: string): ReadResult[] {
  if (looksLikeNexis(text)) return readNexisText(text, origin);
  const press = readPressText(text, origin);
  if (press) return press;
  const raw = emptyRaw('txt', origin, null);
  raw.body = text;
  return [{ kind: 'article', raw }];
}

/** Markdown to plain paragraphs: markup removed, text kept. */
export function markdownToText(md: string): { text: string; heading: string | null } {
  let heading: string | null = null;
  const out: string[] = [];
  let inFence = false;
  for (const line of md.replace(/\r\n?/g, '\n').split('\n')) {
    if (/^\s*(```|~~~)/.test(line)) {
      inFence = !inFence;
      continue;
    }
    if (inFence) {
      out.push(line);
      continue;
    }
    let l = line;
    const h = /^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$/.exec(l);
    if (h) {
      if (h[1] === '#' && heading === null && out.every((x) => !x.trim())) {
        heading = h[2]!;
        continue;
      }
      l = h[2]!;
    }
    if (/^\s{0,3}([-*_])(\s*\1){2,}\s*$/.test(l)) {
      out.push('');
      continue;
    }
    l = l
      .replace(/^\s{0,3}>\s?/, '')
      .replace(/!\[[^\]]*\]\([^)]*\)/g, '')
      .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1')
      .replace(/\[([^\]]+)\]\[[^\]]*\]/g, '$1')
      .replace(/^\s{0,3}\[[^\]]+\]:\s+\S+.*$/, '')
      .replace(/(\*\*|__)(.+?)\1/g, '$2')
      .replace(/(^|[^\w*])[*_]([^*_\n]+)[*_](?=[^\w*]|$)/g, '$1$2')
      .replace(/`([^`]+)`/g, '$1');
    out.push(l);
  }
  return { text: out.join('\n'), heading };
}

/** `.md`: YAML frontmatter for metadata (tolerant field names), markdown body. */
export function readMarkdown(text: string, origin: string): ReadResult[] {
  let meta: unknown = {};
  let body = text;
  const fm = /^---[ \t]*\r?\n([\s\S]*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/.exec(text);
  if (fm) {
    try {
      meta = parseYaml(fm[1]!) ?? {};
    } catch (err) {
      const line = (err as { linePos?: { line: number }[] }).linePos?.[0]?.line;
      return [
        {
          kind: 'error',
          error: {
            source: origin,
            ...(line ? { line: line + 1 } : {}),
            reason: `invalid YAML frontmatter: ${String((err as Error).message).split('\n')[0]}`,
          },
        },
      ];
    }
    body = text.slice(fm[0].length);
  }
  if (typeof meta !== 'object' || meta === null || Array.isArray(meta)) {
    return [
      {
        kind: 'error',
        error: { source: origin, line: 1, reason: 'YAML frontmatter must be a mapping of fields' },
      },
    ];
  }
  const { text: plain, heading } = markdownToText(body);
  const record: Record<string, unknown> = { ...(meta as Record<string, unknown>) };
  // Frontmatter dates parse to Date objects; keep the day as written.
  for (const [k, v] of Object.entries(record))
    if (v instanceof Date) record[k] = v.toISOString().slice(0, 10);
  const mapped = mapRecord(record, 'md', origin, null);
  if (!mapped.ok)
    return [{ kind: 'error', error: { source: origin, reason: `frontmatter ${mapped.reason}` } }];
  const raw = mapped.raw;
  // The document's text is the body; a body field in the frontmatter is used only without one.
  if (plain.trim()) {
    raw.body = plain;
    raw.bodyFormat = 'text';
  }
  raw.title ??= heading;
  return [{ kind: 'article', raw }];
}

type El = {
  getAttribute(name: string): string | null;
  textContent: string | null;
};
type Doc = {
  querySelectorAll(sel: string): ArrayLike<El>;
  querySelector(sel: string): El | null;
  title: string;
  body: unknown;
};

function meta(doc: Doc, ...keys: string[]): string | null {
  for (const key of keys) {
    const el =
      doc.querySelector(`meta[property="${key}"]`) ??
      doc.querySelector(`meta[name="${key}"]`) ??
      doc.querySelector(`meta[itemprop="${key}"]`);
    const v = el?.getAttribute('content')?.trim();
    if (v) return v;
  }
  return null;
}

const ARTICLE_TYPES =
  /^(?:NewsArticle|Article|ReportageNewsArticle|AnalysisNewsArticle|OpinionNewsArticle|BlogPosting|ReviewNewsArticle|BackgroundNewsArticle|Report|LiveBlogPosting|WebPage)$/;

/** The first schema.org article object in the page's JSON-LD blocks. */
function jsonLdArticle(doc: Doc): Record<string, unknown> | null {
  const blocks = doc.querySelectorAll('script[type="application/ld+json"]');
  let fallback: Record<string, unknown> | null = null;
  for (let i = 0; i < blocks.length; i++) {
    let data: unknown;
    try {
      data = JSON.parse(blocks[i]!.textContent ?? '');
    } catch {
      continue;
    }
    const queue: unknown[] = [data];
    while (queue.length) {
      const item = queue.shift();
      if (Array.isArray(item)) {
        queue.push(...item);
        continue;
      }
      if (!item || typeof item !== 'object') continue;
      const obj = item as Record<string, unknown>;
      if (Array.isArray(obj['@graph'])) queue.push(...(obj['@graph'] as unknown[]));
      const types = ([] as unknown[]).concat(obj['@type'] ?? []).map(String);
      if (types.some((t) => ARTICLE_TYPES.test(t))) {
        if (types.some((t) => t !== 'WebPage')) return obj;
        fallback ??= obj;
      }
    }
  }
  return fallback;
}

function names(v: unknown): string | null {
  const list = ([] as unknown[]).concat(v ?? []);
  const out = list
    .map((x) =>
      typeof x === 'string'
        ? x
        : x && typeof x === 'object'
          ? String((x as { name?: unknown }).name ?? '')
          : '',
    )
    .filter((s) => s && !/^https?:\/\//.test(s));
  return out.length ? out.join(', ') : null;
}

/**
 * `.html`: metadata from JSON-LD NewsArticle, og:/article: meta tags and `<time datetime>`;
 * the article text from Readability (falling back to the page's body text).
 */
export function readHtml(html: string, origin: string): ReadResult[] {
  const press = readPressHtml(html, origin);
  if (press) return press;
  const { document } = parseHTML(html);
  const doc = document as unknown as Doc;
  const ld = jsonLdArticle(doc);
  const raw = emptyRaw('html', origin, null);
  const str = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : null);
  raw.title = str(ld?.headline) ?? str(ld?.name) ?? meta(doc, 'og:title', 'twitter:title') ?? null;
  raw.byline =
    names(ld?.author) ??
    meta(doc, 'author', 'article:author', 'byl', 'parsely-author', 'sailthru.author');
  if (raw.byline && /^https?:\/\//.test(raw.byline)) raw.byline = null;
  raw.outlet = names(ld?.publisher) ?? meta(doc, 'og:site_name', 'application-name', 'publisher');
  const timeEl = doc.querySelector('article time[datetime]') ?? doc.querySelector('time[datetime]');
  raw.published =
    str(ld?.datePublished) ??
    meta(
      doc,
      'article:published_time',
      'datePublished',
      'pubdate',
      'publishdate',
      'date',
      'dc.date',
      'DC.date.issued',
      'parsely-pub-date',
      'sailthru.date',
    ) ??
    timeEl?.getAttribute('datetime') ??
    str(ld?.dateCreated) ??
    null;
  const canonical = doc.querySelector('link[rel="canonical"]')?.getAttribute('href') ?? null;
  const ldUrl =
    str(ld?.url) ?? str((ld?.mainEntityOfPage as { '@id'?: unknown } | undefined)?.['@id']);
  raw.url =
    [canonical, meta(doc, 'og:url'), ldUrl].find((u) => u && /^https?:\/\//i.test(u)) ?? null;
  const pageTitle = doc.title?.trim() || null;

  let article: {
    title?: string | null;
    content?: string | null;
    byline?: string | null;
    siteName?: string | null;
    publishedTime?: string | null;
  } | null;
  try {
    article = new Readability(document as never, { charThreshold: 200 }).parse();
  } catch {
    article = null;
  }
  if (article?.content && article.content.trim()) {
    raw.body = article.content;
    raw.bodyFormat = 'html';
  } else {
    const { document: again } = parseHTML(html);
    const main = again.querySelector('article') ?? again.querySelector('main') ?? again.body;
    raw.body = main ? nodeToText(main as never) : null;
    raw.bodyFormat = 'text';
  }
  raw.title ??= article?.title?.trim() || pageTitle;
  if (!raw.byline && article?.byline) raw.byline = article.byline;
  raw.outlet ??= article?.siteName?.trim() || null;
  raw.published ??= article?.publishedTime ?? null;
  return [{ kind: 'article', raw }];
}
