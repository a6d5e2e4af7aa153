import { z } from 'zod';
import type { SourceFormat } from '@newsarchive/core';
import { looksLikeHtml } from './text.ts';
import { emptyRaw } from './types.ts';
import type { RawArticle } from './types.ts';

/** Field names as they come in, reduced to lowercase letters and digits. */
const ALIASES = {
  title: ['title', 'headline', 'heading'],
  body: [
    'contentoriginal',
    'body',
    'text',
    'articlebody',
    'article',
    'bodyhtml',
    'html',
    'contentencoded',
    'content',
    'description',
    'summary',
  ],
  outlet: ['outlet', 'publication', 'sitename', 'publisher', 'site', 'newspaper', 'outletname'],
  source: ['source', 'sourcename'],
  sourceUrl: ['sourceurl', 'sourcedomain', 'domain', 'outleturl', 'siteurl'],
  date: [
    'date',
    'published',
    'publishedat',
    'publisheddate',
    'publishdate',
    'publicationdate',
    'pubdate',
    'datepublished',
    'dateline',
    'createdat',
    'created',
    'timestamp',
    'time',
  ],
  byline: ['byline', 'author', 'authors', 'creator', 'writer', 'writers', 'by'],
  url: ['url', 'link', 'canonicalurl', 'permalink', 'href', 'articleurl', 'webpage'],
} as const;

type Key = keyof typeof ALIASES;

const text = z.string({ error: (i) => `expected text, got ${describe(i.input)}` });
const named = z.looseObject({ name: text });
const person = z.union([text, named], {
  error: (i) => `expected a name, got ${describe(i.input)}`,
});
const linkish = z.union([text, z.looseObject({ href: text })], {
  error: (i) => `expected a URL, got ${describe(i.input)}`,
});

const FIELD_SCHEMAS: Record<Key, z.ZodType> = {
  title: text,
  body: text,
  outlet: z.union([text, named], {
    error: (i) => `expected an outlet name, got ${describe(i.input)}`,
  }),
  source: z.union([text, named], {
    error: (i) => `expected a source name, got ${describe(i.input)}`,
  }),
  sourceUrl: text,
  date: z.union([text, z.number()], { error: (i) => `expected a date, got ${describe(i.input)}` }),
  byline: z.union([person, z.array(person)], {
    error: (i) => `expected author names, got ${describe(i.input)}`,
  }),
  url: z.union([linkish, z.array(linkish)], {
    error: (i) => `expected a URL, got ${describe(i.input)}`,
  }),
};

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'an object';
  return typeof v;
}

function nameOf(v: unknown): string {
  if (typeof v === 'string') return v;
  if (v && typeof v === 'object' && 'name' in v) return String((v as { name: unknown }).name);
  if (v && typeof v === 'object' && 'href' in v) return String((v as { href: unknown }).href);
  return '';
}

export type MapResult = { ok: true; raw: RawArticle } | { ok: false; reason: string };

/**
 * Maps one article object with tolerant field names (title/headline; body/content/text/
 * content_original; outlet/source/publication/site_name/source_url; date/published/
 * publishedAt/pubDate; author/authors/byline; url/link) to a raw article. A field of the wrong
 * shape is an error that names the field; empty values count as missing.
 */
export function mapRecord(
  record: unknown,
  format: SourceFormat,
  origin: string,
  line: number | null,
): MapResult {
  if (record === null || typeof record !== 'object' || Array.isArray(record)) {
    return { ok: false, reason: `expected an article object, got ${describe(record)}` };
  }
  const byKey = new Map<string, [string, unknown]>();
  for (const [k, v] of Object.entries(record)) {
    const norm = k.toLowerCase().replace(/[^a-z0-9]/g, '');
    if (!byKey.has(norm)) byKey.set(norm, [k, v]);
  }
  const found: Partial<Record<Key, unknown>> = {};
  const hasContentOriginal = byKey.has('contentoriginal');
  for (const key of Object.keys(ALIASES) as Key[]) {
    for (const alias of ALIASES[key]) {
      // In the allsides corpus `content` is a tokenized copy of `content_original`.
      if (alias === 'content' && hasContentOriginal) continue;
      const entry = byKey.get(alias);
      if (!entry) continue;
      const [name, value] = entry;
      if (value === null || value === undefined || value === '') continue;
      if (typeof value === 'string' && value.trim() === '') continue;
      if (Array.isArray(value) && value.length === 0) continue;
      const parsed = FIELD_SCHEMAS[key].safeParse(value);
      if (!parsed.success) {
        return {
          ok: false,
          reason: `field "${name}": ${parsed.error.issues[0]?.message ?? 'invalid value'}`,
        };
      }
      found[key] = parsed.data;
      break;
    }
  }
  const raw = emptyRaw(format, origin, line);
  raw.title = typeof found.title === 'string' ? found.title : null;
  if (typeof found.body === 'string') {
    raw.body = found.body;
    raw.bodyFormat = looksLikeHtml(found.body) ? 'html' : 'text';
  }
  raw.outlet = found.outlet === undefined ? null : nameOf(found.outlet) || null;
  if (found.source !== undefined) {
    if (typeof found.source === 'string') raw.sourceLabel = found.source;
    else raw.outlet ??= nameOf(found.source) || null;
  }
  raw.sourceUrl = typeof found.sourceUrl === 'string' ? found.sourceUrl : null;
  raw.published = found.date === undefined ? null : String(found.date);
  if (found.byline !== undefined) {
    const list = Array.isArray(found.byline) ? found.byline : [found.byline];
    raw.byline = list.map(nameOf).filter(Boolean).join(', ') || null;
  }
  if (found.url !== undefined) {
    const list = Array.isArray(found.url) ? found.url : [found.url];
    raw.url =
      list
        .map(nameOf)
        .find((u) => /^https?:\/\//i.test(u.trim()))
        ?.trim() ?? null;
  }
  return { ok: true, raw };
}
