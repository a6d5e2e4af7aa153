import { ExtractedArticle } from '@newsarchive/core';
import type { IngestError, Outlet, SourceFormat } from '@newsarchive/core';
import { createActorExtractor } from './actors/index.ts';
import type { ActorExtractor } from './actors/index.ts';
import { isNameLike, normalizeByline } from './byline.ts';
import { cleanText } from './clean.ts';
import { datelineDate, parseDate } from './dates.ts';
import { mapRecord } from './fields.ts';
import type { ColumnsUsed, FieldMapping } from './fields.ts';
import { htmlFragmentToText } from './html.ts';
import { articleId, canonicalUrl, contentHash } from './ids.ts';
import { isKnownOutletName, outletFromName, outletNameForDomain, siteDomain } from './outlets.ts';
import { minhashSignature } from './stories/minhash.ts';
import { coverageProfile } from './stories/profile.ts';
import { cleanLine, wordCount } from './text.ts';
import type { RawArticle } from './types.ts';

export interface PrepareOptions {
  /** Outlet for articles that do not name one (beats a guess from a header line). */
  outlet?: string;
  collections?: string[];
  /** Finds the actors; default `createActorExtractor()` (no registry dictionary). */
  extractActors?: ActorExtractor;
}

export type PrepareResult =
  { ok: true; article: ExtractedArticle } | { ok: false; error: IngestError };

const OUTLET_WORD =
  /\b(?:news|times|post|journal|daily|herald|tribune|magazine|review|press|media|report|network|tv|radio|online|gazette|monitor|chronicle|insider|wire|institute|center|centre|foundation|today|week|weekly|observer|guardian|telegraph|examiner|star|sun|mail|express|register|standard|beacon|caller|blaze|street|hill|post|bulletin|dispatch|courier|inquirer|record|leader|voice|world|nation|republic|politics|politico|atlantic|economist|business|finance|channel|broadcasting|agency|\.com|\.org|\.net)\b/i;

/**
 * True for a `source` label that names a person or a column rather than an outlet, as some
 * datasets do ("Guest Writer - Right", "Ben Shapiro").
 */
export function looksLikePerson(label: string, byline: string | null): boolean {
  const l = label.trim();
  if (
    /\b(?:guest writer|guest column|contributor|editorial board|op-?ed|allsides|founder)\b/i.test(l)
  )
    return true;
  if (byline && byline.toLowerCase().includes(l.toLowerCase())) return true;
  if (OUTLET_WORD.test(l) || isKnownOutletName(l)) return false;
  const words = l.split(/\s+/);
  return (
    words.length >= 2 &&
    words.length <= 4 &&
    isNameLike(l.replace(/^(?:rev|dr|sen|rep|gov)\.?\s+/i, ''))
  );
}

function resolveOutlet(
  raw: RawArticle,
  option: string | undefined,
  headerSite: string | null,
  byline: string | null,
): Outlet | null {
  if (raw.outlet) return outletFromName(raw.outlet);
  const known = outletNameForDomain(raw.sourceUrl) ?? outletNameForDomain(raw.url);
  if (known) return outletFromName(known);
  if (raw.sourceLabel && !looksLikePerson(raw.sourceLabel, byline))
    return outletFromName(raw.sourceLabel);
  if (option) return outletFromName(option);
  if (headerSite) return outletFromName(headerSite);
  const domain = siteDomain(raw.sourceUrl) ?? siteDomain(raw.url);
  return domain ? outletFromName(domain) : null;
}

/** "A header line naming the site" must look like a name, not a section label or a kicker. */
function siteFromHeader(line: string | null): string | null {
  if (!line) return null;
  const w = wordCount(line);
  if (w > 6 || /[.!?:]$/.test(line)) return null;
  return isKnownOutletName(line) || OUTLET_WORD.test(line) || /^[\p{Lu}\d]/u.test(line)
    ? line
    : null;
}

/** A headline made from the lead: its first sentence, trimmed to about twelve words. */
export function deriveTitle(lead: string): string {
  const sentence = /^(.{15,}?[.!?])["”’]?(?:\s+(?=["“‘(]?[\p{Lu}\d])|$)/u.exec(lead)?.[1] ?? lead;
  const words = sentence.split(/\s+/);
  if (words.length <= 14) return sentence.replace(/[.]$/, '');
  return `${words
    .slice(0, 12)
    .join(' ')
    .replace(/[,;:–—-]+$/, '')}…`;
}

function stripSiteSuffix(title: string, site: string | null): string {
  const m = /^(.{10,}?)\s+[|–—-]\s+([^|–—-]{2,60})$/.exec(title);
  if (!m) return title;
  const suffix = m[2]!.trim().toLowerCase();
  if ((site && suffix === site.toLowerCase()) || isKnownOutletName(suffix)) return m[1]!;
  return title;
}

let defaultExtractor: ActorExtractor | null = null;

/**
 * Cleans one raw article and extracts its values: body paragraphs without chrome, title (or a
 * derived one), byline, outlet, date, id, fingerprints and actors. An article with no body left
 * is rejected with the reason. The result passes `ExtractedArticle.parse`.
 */
export function prepareArticle(raw: RawArticle, options: PrepareOptions = {}): PrepareResult {
  const fail = (reason: string): PrepareResult => ({
    ok: false,
    error: { source: raw.origin, ...(raw.line ? { line: raw.line } : {}), reason },
  });
  if (!raw.body || !raw.body.trim()) {
    return fail(
      raw.format === 'txt' || raw.format === 'md' || raw.format === 'html'
        ? 'no body: the document has no article text'
        : 'no body: none of the fields body, content_original, text, content, description has text',
    );
  }
  const text = raw.bodyFormat === 'html' ? htmlFragmentToText(raw.body) : raw.body;
  let metaTitle = raw.title ? cleanLine(raw.title) : null;
  if (metaTitle && raw.format === 'html') metaTitle = stripSiteSuffix(metaTitle, raw.outlet);
  if (!metaTitle) metaTitle = null;
  const metaByline = normalizeByline(raw.byline);
  const outletNames = [
    raw.outlet,
    raw.sourceLabel,
    outletNameForDomain(raw.sourceUrl ?? raw.url),
    options.outlet,
  ].filter((s): s is string => !!s);
  const cleaned = cleanText(text, { title: metaTitle, byline: metaByline, outletNames });
  if (cleaned.paragraphs.length === 0) {
    return fail(
      cleaned.dropped.length
        ? `no body: only site chrome is left (${cleaned.dropped.length} lines such as "${cleaned.dropped[0]!.slice(0, 60)}")`
        : 'no body: the text is empty after cleaning',
    );
  }
  const body = cleaned.paragraphs.join('\n\n');
  let title = metaTitle ?? cleaned.headline;
  const titleDerived = !title;
  if (!title) title = deriveTitle(cleaned.paragraphs[0]!);
  title = title.slice(0, 1000);

  const byline = metaByline ?? cleaned.byline;
  const outlet = resolveOutlet(raw, options.outlet, siteFromHeader(cleaned.siteName), byline);
  const publishedAt =
    parseDate(raw.published) ??
    (cleaned.dateLine ? datelineDate(cleaned.dateLine) : null) ??
    datelineDate(cleaned.paragraphs[0]!);
  const url = raw.url && canonicalUrl(raw.url) ? raw.url.trim() : null;
  const id = articleId(url, title, body);

  let actors: ExtractedArticle['actors'];
  const extract = options.extractActors ?? (defaultExtractor ??= createActorExtractor());
  try {
    actors = extract({ title, body, byline });
  } catch {
    // The actors are an enrichment: a failing extractor must not cost the article.
    actors = [];
  }
  const candidate = {
    id,
    url,
    title,
    titleDerived,
    body,
    outlet,
    byline,
    publishedAt,
    actors,
    collections: [...new Set(options.collections ?? [])],
    source: { format: raw.format, origin: raw.origin, line: raw.line },
    fingerprint: {
      contentHash: contentHash({ title, titleDerived, body, byline, outlet, publishedAt, url }),
      minhash: minhashSignature(body),
      coverage: coverageProfile({ title, body, publishedAt, outletId: outlet?.id ?? null }),
    },
    ...(raw.metadata && Object.keys(raw.metadata).length > 0 ? { metadata: raw.metadata } : {}),
  };
  const checked = ExtractedArticle.safeParse(candidate);
  if (!checked.success) {
    const issue = checked.error.issues[0];
    return fail(`invalid ${issue?.path.join('.') || 'article'}: ${issue?.message ?? 'rejected'}`);
  }
  return { ok: true, article: checked.data };
}

export interface ItemResult {
  /** 0-based position in the posted array. */
  index: number;
  ok: boolean;
  article?: ExtractedArticle;
  error?: IngestError;
  /** Which of the item's keys fed which field. */
  columns?: ColumnsUsed;
}

/**
 * For the HTTP ingest endpoint: JSON objects (tolerant field names, as in files) to per-item
 * results, each with its index and, on failure, the reason.
 */
export function prepareItems(
  items: unknown[],
  options: PrepareOptions & { origin?: string; format?: SourceFormat; mapping?: FieldMapping } = {},
): ItemResult[] {
  const origin = options.origin ?? 'api';
  return items.map((item, index) => {
    const mapped = mapRecord(item, options.format ?? 'json', origin, index + 1, options.mapping);
    if (!mapped.ok)
      return {
        index,
        ok: false,
        error: { source: origin, line: index + 1, reason: mapped.reason },
      };
    const prepared = prepareArticle(mapped.raw, options);
    return prepared.ok
      ? { index, ok: true, article: prepared.article, columns: mapped.columns }
      : { index, ok: false, error: prepared.error, columns: mapped.columns };
  });
}
