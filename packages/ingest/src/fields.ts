import { z } from 'zod';
import type { SourceFormat } from '@newsarchive/core';
import { looksLikeNexis, parseNexisText } from './readers/nexis.ts';
import { looksLikeHtml } from './text.ts';
import { emptyRaw } from './types.ts';
import type { RawArticle } from './types.ts';

/** Field names as they come in, reduced to lowercase letters and digits. */
const ALIASES = {
  title: ['title', 'headline', 'heading', 'articletitle', 'headlinetext', 'documenttitle'],
  body: [
    'contentoriginal',
    'body',
    'text',
    'articlebody',
    'articletext',
    'fulltext',
    'bodytext',
    'maintext',
    'article',
    'bodyhtml',
    'html',
    'contentencoded',
    'content',
    'description',
    'summary',
  ],
  outlet: [
    'outlet',
    'outletname',
    'publication',
    'publicationname',
    'publicationtitle',
    'journal',
    'journalname',
    'newspaper',
    'newspapername',
    'sourcename',
    'sitename',
    'publisher',
    'site',
  ],
  source: ['source'],
  sourceUrl: ['sourceurl', 'sourcedomain', 'domain', 'outleturl', 'siteurl'],
  date: [
    'date',
    'published',
    'publishedat',
    'publisheddate',
    'publishdate',
    'publicationdate',
    'dateofpublication',
    'pubdate',
    'articledate',
    'datepublished',
    'dateline',
    'createdat',
    'created',
    'timestamp',
    'time',
  ],
  byline: ['byline', 'author', 'authors', 'authorname', 'creator', 'writer', 'writers', 'by'],
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

/** The fields a librarian may point at a column with `--map field=column`. */
export const MAPPABLE_FIELDS = ['title', 'body', 'outlet', 'date', 'byline', 'url'] as const;
export type MappableField = (typeof MAPPABLE_FIELDS)[number];

/** Field -> the column (CSV header, JSON key) that feeds it, as the librarian named it. */
export type FieldMapping = Partial<Record<MappableField, string>>;

/** Which column fed which field, by the column's name as written in the source. */
export type ColumnsUsed = Partial<Record<Key, string>>;

/** Column and key names are compared as written, ignoring case, spaces and punctuation. */
export function normalizeColumn(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/**
 * Builds a mapping from `[field, column]` pairs as the edges parsed them; an unknown field, an
 * empty column or a field mapped twice is an error naming it (the caller's usage error).
 */
export function fieldMappingFrom(
  pairs: readonly (readonly [string, string])[],
): { ok: true; mapping: FieldMapping } | { ok: false; reason: string } {
  const mapping: FieldMapping = {};
  for (const [rawField, rawColumn] of pairs) {
    const field = rawField.trim();
    const column = rawColumn.trim();
    if (!(MAPPABLE_FIELDS as readonly string[]).includes(field)) {
      return {
        ok: false,
        reason: `unknown field "${field}" (fields: ${MAPPABLE_FIELDS.join(', ')})`,
      };
    }
    if (!column) return { ok: false, reason: `field "${field}" is mapped to no column` };
    const key = field as MappableField;
    if (mapping[key] !== undefined && mapping[key] !== column) {
      return {
        ok: false,
        reason: `field "${field}" is mapped twice ("${mapping[key]}" and "${column}")`,
      };
    }
    mapping[key] = column;
  }
  return { ok: true, mapping };
}

/** The mapped columns that none of `present` (column names or keys as written) matches. */
export function missingColumns(mapping: FieldMapping, present: Iterable<string>): string[] {
  const have = new Set<string>();
  for (const p of present) have.add(normalizeColumn(p));
  return Object.values(mapping).filter((c) => !have.has(normalizeColumn(c)));
}

/**
 * A value that names a file rather than a publication (`export_01.docx`, `C:\exports\a.txt`,
 * `/home/me/nexis/`): press-database exports put the export file's name in a `source` column,
 * and taking it as the outlet gives every file an outlet of its own.
 */
export function looksLikeFileName(value: string): boolean {
  const v = value.trim();
  if (!v) return false;
  if (/^[a-z]:[\\/]/i.test(v) || v.startsWith('\\\\')) return true;
  if (/^(\/|~\/|\.{1,2}\/)/.test(v)) return true;
  if (/^file:/i.test(v)) return true;
  // A relative path counts only by its file extension: `AP/Reuters` is a pair of outlets.
  return /\.(txt|text|pdf|docx?|rtf|html?|xml|csv|tsv|xlsx?|json|ndjson|jsonl|zip|md|odt)$/i.test(
    v,
  );
}

export type MapResult =
  | { ok: true; raw: RawArticle; columns: ColumnsUsed }
  /** `skipped`: the record holds no article (a Nexis cover page pasted into a cell). */
  | { ok: false; reason: string; skipped?: true };

/**
 * Maps one article object with tolerant field names (title/headline; body/content/text/
 * content_original; outlet/journal/publication/site_name/source_url; date/published/
 * publishedAt/pubDate; author/authors/byline; url/link) to a raw article. A field of the wrong
 * shape is an error that names the field; empty values count as missing. A `mapping` names the
 * column for a field outright: that column feeds only that field, and no other column does.
 * A value that looks like a file name is never taken as the outlet.
 */
export function mapRecord(
  record: unknown,
  format: SourceFormat,
  origin: string,
  line: number | null,
  mapping: FieldMapping = {},
): MapResult {
  if (record === null || typeof record !== 'object' || Array.isArray(record)) {
    return { ok: false, reason: `expected an article object, got ${describe(record)}` };
  }
  const byKey = new Map<string, [string, unknown]>();
  for (const [k, v] of Object.entries(record)) {
    const norm = normalizeColumn(k);
    if (!byKey.has(norm)) byKey.set(norm, [k, v]);
  }
  const mapped = new Map<Key, string>();
  for (const [field, column] of Object.entries(mapping) as [MappableField, string][])
    mapped.set(field, normalizeColumn(column));
  const claimed = new Set(mapped.values());
  const found: Partial<Record<Key, unknown>> = {};
  const columns: ColumnsUsed = {};
  const hasContentOriginal = byKey.has('contentoriginal');
  for (const key of Object.keys(ALIASES) as Key[]) {
    const explicit = mapped.get(key);
    const candidates: readonly string[] =
      explicit !== undefined ? [explicit] : ALIASES[key].filter((a) => !claimed.has(a));
    for (const alias of candidates) {
      // In the allsides corpus `content` is a tokenized copy of `content_original`.
      if (alias === 'content' && hasContentOriginal && explicit === undefined) continue;
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
      if ((key === 'outlet' || key === 'source') && looksLikeFileName(nameOf(parsed.data)))
        continue;
      found[key] = parsed.data;
      columns[key] = name;
      break;
    }
  }
  const raw = emptyRaw(format, origin, line);
  raw.title = typeof found.title === 'string' ? found.title : null;
  if (typeof found.body === 'string') {
    raw.body = found.body;
    raw.bodyFormat = looksLikeHtml(found.body) ? 'html' : 'text';
  }
  // A Nexis article pasted whole into a cell: its envelope fills what the columns leave open.
  const nexisDocs =
    typeof found.body === 'string' && looksLikeNexis(found.body) ? parseNexisText(found.body) : [];
  const nexis = nexisDocs.find((d) => d.kind === 'article');
  const cover = nexisDocs.find((d) => d.kind === 'cover');
  if (!nexis && cover?.kind === 'cover') return { ok: false, reason: cover.reason, skipped: true };
  if (nexis && nexis.kind === 'article') {
    raw.body = nexis.body || null;
    raw.bodyFormat = 'text';
    raw.metadata = nexis.metadata;
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
  if (nexis && nexis.kind === 'article') {
    raw.title ??= nexis.title;
    if (!raw.outlet && !raw.sourceLabel) raw.outlet = nexis.outlet;
    raw.published ??= nexis.date;
    raw.byline ??= nexis.byline;
  }
  if (found.url !== undefined) {
    const list = Array.isArray(found.url) ? found.url : [found.url];
    raw.url =
      list
        .map(nameOf)
        .find((u) => /^https?:\/\//i.test(u.trim()))
        ?.trim() ?? null;
  }
  return { ok: true, raw, columns };
}

/** Gathers, over one file's records, which column fed each field (several joined by "/"). */
export class ColumnTally {
  private readonly used = new Map<string, Set<string>>();

  add(columns: ColumnsUsed): void {
    for (const [field, column] of Object.entries(columns)) {
      // `source` feeds the outlet when nothing better names it.
      const f = field === 'source' ? 'outlet' : field === 'sourceUrl' ? 'outlet url' : field;
      let set = this.used.get(f);
      if (!set) this.used.set(f, (set = new Set()));
      set.add(column);
    }
  }

  /** Field -> column(s), in the order fields are listed for a reader. */
  result(): Record<string, string> {
    const order = ['title', 'body', 'outlet', 'outlet url', 'date', 'byline', 'url'];
    const out: Record<string, string> = {};
    for (const f of order) {
      const set = this.used.get(f);
      if (set) out[f] = [...set].join('/');
    }
    return out;
  }
}
