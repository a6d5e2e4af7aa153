import { bylineFromLine } from './byline.ts';
import { isDateLine } from './dates.ts';
import { AGENCY_GROUP } from './credits.ts';
import {
  comparable,
  decodeEntities,
  normalizeText,
  squashSpaces,
  stripTags,
  wordCount,
} from './text.ts';

export interface CleanOptions {
  /** The title from metadata; when absent the headline is looked for at the top of the text. */
  title?: string | null;
  /** Author metadata: a bare line repeating it at the top is chrome. */
  byline?: string | null;
  /** Outlet names known for this article: a bare line repeating one at the top is chrome. */
  outletNames?: string[];
}

export interface CleanedText {
  /** The article's paragraphs, every sentence kept, chrome left out. */
  paragraphs: string[];
  /** The headline line at the top of the text (only looked for when no title was given). */
  headline: string | null;
  /** A header line above the headline that names the site ("Asian News Makers"). */
  siteName: string | null;
  /** The writer from a "By NAME" line. */
  byline: string | null;
  /** A line that is only a date, under the headline. */
  dateLine: string | null;
  /** The lines dropped as chrome, for tests and diagnostics. */
  dropped: string[];
}

const SHARE_WORD =
  '(?:share|shares|tweet|post|email|e-mail|print|whatsapp|twitter|facebook|linkedin|pinterest|reddit|pocket|flipboard|messenger|copy link|sms|comments?|save|this|article|story|on|x|instagram|telegram)';
const SHARE = new RegExp(`^${SHARE_WORD}(?:[\\s|•·,:/]+${SHARE_WORD})*\\s*:?$`, 'i');

/** Whole lines that are page furniture wherever they appear. */
const FURNITURE = [
  /^(?:advertisement|advertisements|ad|ads|sponsored(?: content)?|paid content|promoted)(?:\s*:)?(?:\s+advertisement)*$/i,
  /^(?:story continue[sd] below|continue reading(?: below| the main story)?|article continues below|loading\.*|close|skip to (?:main )?content|view comments|click to expand|toggle caption|enlarge this image|image|photo|video|watch|listen|play|replay|next|previous)\s*:?$/i,
  /^(?:sign up|subscribe)\b.{0,100}$/i,
  /^(?:get (?:the|our) .{0,40}newsletter|newsletter sign-?up|already a subscriber\??.*)$/i,
  /^follow (?:us|me|him|her|[\p{Lu}][\p{L}.]*(?: [\p{Lu}][\p{L}.]*)?) on (?:twitter|facebook|instagram|x|linkedin|threads|bluesky)\b.{0,60}$/iu,
  /^read or share this story:/i,
  /^slideshow \(\d+ images?\)$/i,
  /^(?:can['’]t see the video\??|click here\b).{0,80}$/i,
  /^join the conversation\b.{0,60}$/i,
  /^(?:[-_*=~•·—–]\s*){2,}$/,
  /^[a-z-]+=["'][^ ]*["']?/i, // an attribute that escaped its tag
];

const AGENCY = AGENCY_GROUP;
const CREDIT = [
  /©/,
  /^\(?c\)\s+\d{4}/i,
  /^copyright\b/i,
  /\ball rights reserved\b/i,
  /^(?:file )?(?:photo|photos|photograph|photographer|picture|pictures|image|images|illustration|graphic|credit|photo credit|image credit|source)\s*(?:by\b|:|\||—|–)/i,
  /^\(?(?:photo|image|picture)s?\s+(?:by|courtesy|credit)\b/i,
  /\((?:photo|photos|image|credit|photo credit|file photo)\s*:?[^)]*\)\s*$/i,
  new RegExp(`(?:^|[/(|,]\\s*|\\s/\\s*)${AGENCY}(?:\\s*/\\s*${AGENCY})*\\s*\\)?\\.?$`, 'i'),
];

function isCredit(line: string, words: number): boolean {
  if (words > 45) return false;
  if (/^\(?(?:photo|image)s?:/i.test(line)) return true;
  for (let i = 0; i < CREDIT.length; i++) {
    // The agency pattern alone would catch prose ending in "... told Reuters"; keep it to short lines.
    if (i === CREDIT.length - 1 && words > 12) continue;
    if (CREDIT[i]!.test(line)) return true;
  }
  return false;
}

/** A footer marker after which nothing belongs to the article. */
const FOOTER_STRONG =
  /^(?:related(?: posts| articles| stories| content| coverage| reading| links| news| topics| videos)?|you (?:may|might) also (?:like|be interested in)|recommended(?: for you| stories| articles| reading)?|more (?:from|stories|news|on this story|in)\b.{0,40}|most (?:popular|read|viewed)|trending(?: now| stories)?|popular (?:now|stories|posts)|further reading|latest (?:news|stories|posts)|tags|filed under|topics|what to read next|editor['’]?s picks|share this(?: article| story| post)?|comments)\s*:?$/i;
/** A marker that is a footer at the end of an article and a promo in the middle of one. */
const FOOTER_WEAK =
  /^(?:read more|also read|see also|don['’]?t miss|read next|more|related|watch|listen)\b\s*(?::.*)?$/i;

function isProse(line: string, words: number): boolean {
  if (words >= 15) return true;
  return words >= 6 && /[.!…]["”’)]?$/.test(line);
}

/**
 * Cleans article text: keeps every sentence in paragraphs and drops site chrome (site-name and
 * section header lines, bylines, datelines, photo credits and captions, share and subscribe
 * lines, "Related posts"-style footers and all after them). Also reports what the header told.
 */
export function cleanText(text: string, options: CleanOptions = {}): CleanedText {
  let t = normalizeText(text);
  if (t.includes('<')) t = stripTags(t);
  if (t.includes('&')) t = decodeEntities(t);
  const rawLines = t.split('\n');
  const lines: string[] = [];
  const blankBefore: boolean[] = [];
  let blank = false;
  for (const raw of rawLines) {
    const l = squashSpaces(raw);
    if (!l) {
      blank = true;
      continue;
    }
    lines.push(l);
    blankBefore.push(blank);
    blank = false;
  }
  const n = lines.length;
  const keep = new Array<boolean>(n).fill(true);
  const dropped: string[] = [];
  const drop = (i: number) => {
    if (keep[i]) {
      keep[i] = false;
      dropped.push(lines[i]!);
    }
  };
  // Every rule compares with 45 words or fewer.
  const words = lines.map((l) => wordCount(l, 50));

  let byline: string | null = null;
  let dateLine: string | null = null;
  let cut = n;
  const titleKey = options.title ? comparable(options.title) : null;
  const bylineKey = options.byline ? comparable(options.byline) : null;
  const outletKeys = new Set((options.outletNames ?? []).map(comparable).filter(Boolean));
  for (let i = 0; i < n; i++) {
    const l = lines[i]!;
    const w = words[i]!;
    if (w <= 12 && (FOOTER_STRONG.test(l) || FOOTER_WEAK.test(l))) {
      // A footer is followed by link titles, not prose: with prose after it, the marker was a
      // promo line in the middle of the article and only it goes.
      let prose = false;
      for (let j = i + 1; j < n && !prose; j++) prose = words[j]! >= 15;
      if (i > 0 && !prose) {
        cut = i;
        break;
      }
      drop(i);
      continue;
    }
    if (isCredit(l, w) || (w <= 12 && (SHARE.test(l) || FURNITURE.some((re) => re.test(l))))) {
      drop(i);
      continue;
    }
    if (i < 15 && w <= 14) {
      const by = bylineFromLine(l);
      if (by) {
        byline ??= by;
        drop(i);
        continue;
      }
      if (dateLine === null && i < 10 && isDateLine(l)) {
        dateLine = l;
        drop(i);
        continue;
      }
      const key = comparable(l);
      if (
        (titleKey && key === titleKey) ||
        (bylineKey && key === bylineKey) ||
        outletKeys.has(key)
      ) {
        drop(i);
        continue;
      }
    }
  }
  for (let i = cut; i < n; i++) drop(i);

  // The header: short lines above the first line of prose.
  let headline: string | null = null;
  let siteName: string | null = null;
  const header: number[] = [];
  for (let i = 0; i < cut; i++) {
    if (!keep[i]) continue;
    if (isProse(lines[i]!, words[i]!)) break;
    header.push(i);
    if (header.length > 6) break;
  }
  if (header.length > 0 && header.length <= 6) {
    if (!titleKey) {
      const last = header[header.length - 1]!;
      if (words[last]! >= 2 && words[last]! <= 30) {
        headline = lines[last]!;
        if (header.length >= 2) siteName = lines[header[0]!]!;
        for (const i of header) drop(i);
        // The headline is often repeated under the standfirst.
        const key = comparable(headline);
        for (let i = last + 1; i < Math.min(cut, last + 15); i++)
          if (keep[i] && comparable(lines[i]!) === key) drop(i);
      }
    } else {
      // With a known title, only section labels ("ANALYSIS/OPINION:", "USA TODAY") go.
      for (const i of header) {
        const l = lines[i]!;
        if (words[i]! <= 4 && (l === l.toUpperCase() || /:$/.test(l)) && /\p{Lu}/u.test(l)) drop(i);
      }
    }
  }

  // Paragraphs: a blank line always ends one; a single newline ends one unless the next line
  // plainly continues a hard-wrapped sentence.
  const paragraphs: string[] = [];
  let current = '';
  for (let i = 0; i < n; i++) {
    if (!keep[i]) {
      if (current) paragraphs.push(current);
      current = '';
      continue;
    }
    const l = lines[i]!;
    if (current && !blankBefore[i] && !/[.!?:;…"”’)]$/.test(current) && /^[\p{Ll}(,;]/u.test(l)) {
      current += ` ${l}`;
    } else {
      if (current) paragraphs.push(current);
      current = l;
    }
  }
  if (current) paragraphs.push(current);
  return { paragraphs, headline, siteName, byline, dateLine, dropped };
}
