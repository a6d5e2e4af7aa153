/** Small text helpers shared by the cleaner, the extractors and the fingerprints. */

const NAMED: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  ndash: '–',
  mdash: '—',
  lsquo: '‘',
  rsquo: '’',
  ldquo: '“',
  rdquo: '”',
  hellip: '…',
  copy: '©',
  reg: '®',
  trade: '™',
  eacute: 'é',
  egrave: 'è',
  aacute: 'á',
  agrave: 'à',
  iacute: 'í',
  oacute: 'ó',
  uacute: 'ú',
  ntilde: 'ñ',
  ccedil: 'ç',
  ouml: 'ö',
  uuml: 'ü',
  auml: 'ä',
  szlig: 'ß',
  middot: '·',
  bull: '•',
  laquo: '«',
  raquo: '»',
  euro: '€',
  pound: '£',
  deg: '°',
  shy: '',
  zwj: '',
  zwnj: '',
};

/** Decodes HTML character references (`&amp;`, `&#8217;`, `&#x2019;`) left in text. */
export function decodeEntities(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(#x[0-9a-f]{1,6}|#\d{1,7}|[a-z]{2,8});/gi, (m, ref: string) => {
    if (ref[0] === '#') {
      const code =
        ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      if (!Number.isFinite(code) || code <= 0 || code > 0x10ffff) return m;
      return String.fromCodePoint(code);
    }
    const v = NAMED[ref.toLowerCase()];
    return v ?? m;
  });
}

// One pass over the text: CR and Unicode line breaks, zero-width and bidi marks, soft hyphens,
// BOMs, C0 controls (but tab and newline) and the odd spaces, each mapped in the callback.
const SPECIAL =
  // eslint-disable-next-line no-control-regex -- removing control characters is the point
  /\r\n?|[\u2028\u2029]|[\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff\u00ad\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]+|[\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+/g;

function special(m: string): string {
  const c = m.charCodeAt(0);
  if (c === 13 || c === 0x2028 || c === 0x2029) return '\n';
  if (
    c === 9 ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000
  ) {
    return ' ';
  }
  return '';
}

/** NFC, one kind of newline, no invisible characters, ordinary spaces. */
export function normalizeText(s: string): string {
  return s.replace(SPECIAL, special).normalize('NFC');
}

/** One line of text: trimmed, runs of spaces collapsed. */
export function squash(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

/** `squash` for a line of `normalizeText` output (only plain spaces left): the cheap path. */
export function squashSpaces(s: string): string {
  const t = s.trim();
  return t.includes('  ') ? t.replace(/ {2,}/g, ' ') : t;
}

/** For comparisons: lowercased, punctuation-insensitive. */
export function comparable(s: string): string {
  return s
    .toLowerCase()
    .replace(/[‘’']/g, "'")
    .replace(/[“”"]/g, '"')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** Words in a string; counting stops past `limit` (callers only compare with small numbers). */
export function wordCount(s: string, limit = Infinity): number {
  let n = 0;
  let inWord = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const space = c === 32 || c === 10 || c === 9;
    if (!space && !inWord && ++n > limit) return n;
    inWord = !space;
  }
  return n;
}

const TAG = /<\/?[a-z][a-z0-9-]*(?:\s[^<>]*)?\/?>/gi;

/** True when a string carries real markup rather than a stray `<` in prose. */
export function looksLikeHtml(s: string): boolean {
  return /<(p|div|br|span|a|em|strong|b|i|h[1-6]|li|ul|ol|img|figure|blockquote|section|article|table|script|style)\b[^>]*>/i.test(
    s,
  );
}

/** Removes tag remnants from text that is not HTML as a whole (e.g. a stray `<br/>`). */
export function stripTags(s: string): string {
  return s.replace(TAG, ' ');
}

/** A title or name as one clean line. */
export function cleanLine(s: string): string {
  return squash(decodeEntities(stripTags(normalizeText(s))));
}
