import { createHash } from 'node:crypto';

const TRACKING =
  /^(?:utm_[a-z_]*|fbclid|gclid|dclid|msclkid|mc_cid|mc_eid|igshid|_ga|ref_src|cmpid|ocid|smid|rref)$/i;

/**
 * The URL that identifies an article: http(s) only, lowercase scheme and host without `www.`,
 * no fragment, no tracking parameters (utm_*, fbclid, ...), no trailing slash, no doubled
 * slashes. Null when the value is not a web URL.
 */
export function canonicalUrl(url: string | null | undefined): string | null {
  if (!url) return null;
  let u: URL;
  try {
    u = new URL(url.trim());
  } catch {
    return null;
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
  const host = u.hostname.toLowerCase().replace(/^www\d*\./, '');
  const params = [...u.searchParams].filter(([k]) => !TRACKING.test(k));
  params.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const query = params.length ? `?${new URLSearchParams(params).toString()}` : '';
  let path = u.pathname.replace(/\/{2,}/g, '/');
  if (path.length > 1) path = path.replace(/\/+$/, '');
  if (path === '/') path = '';
  const port = u.port ? `:${u.port}` : '';
  return `${u.protocol}//${host}${port}${path}${query}`;
}

function sha256(s: string): string {
  return createHash('sha256').update(s).digest('hex');
}

function collapse(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

/**
 * The stable article id: 16 hex characters of the sha256 of the canonical URL, or, with no URL,
 * of the title and body lowercased with whitespace collapsed.
 */
export function articleId(url: string | null, title: string, body: string): string {
  const canonical = canonicalUrl(url);
  if (canonical) return sha256(canonical).slice(0, 16);
  return sha256(`${collapse(title.toLowerCase())}\n${collapse(body.toLowerCase())}`).slice(0, 16);
}

/** Hash of every extracted value that a re-ingest may change: equal hashes mean "unchanged". */
export function contentHash(values: {
  title: string;
  titleDerived: boolean;
  body: string;
  byline: string | null;
  outlet: { id: string; name: string } | null;
  publishedAt: string | null;
  url: string | null;
}): string {
  const h = createHash('sha256');
  // Fields are separated by a character that never occurs in them.
  h.update(collapse(values.title))
    .update('\u0000')
    .update(values.titleDerived ? '1' : '0');
  h.update('\u0000')
    .update(values.body)
    .update('\u0000')
    .update(values.byline ?? '\u0001');
  h.update('\u0000')
    .update(values.outlet?.name ?? '\u0001')
    .update('\u0000');
  h.update(values.publishedAt ?? '\u0001')
    .update('\u0000')
    .update(values.url ?? '\u0001');
  return h.digest('hex');
}
