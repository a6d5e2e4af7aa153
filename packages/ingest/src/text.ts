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

// Zero-width and bidi marks, soft hyphen, BOM; C0 controls except tab and newline.
const INVISIBLE =
  // eslint-disable-next-line no-control-regex -- removing control characters is the point
  /[\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff\u00ad\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;
const SPACES = /[\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+/g;

/** NFC, one kind of newline, no invisible characters, ordinary spaces. */
export function normalizeText(s: string): string {
  return s
    .replace(/\r\n?/g, '\n')
    .replace(/[\u2028\u2029]/g, '\n')
    .replace(INVISIBLE, '')
    .replace(SPACES, ' ')
    .normalize('NFC');
}

/** One line of text: trimmed, runs of spaces collapsed. */
export function squash(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
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

export function wordCount(s: string): number {
  let n = 0;
  let inWord = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const space = c === 32 || c === 10 || c === 9;
    if (!space && !inWord) n++;
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
