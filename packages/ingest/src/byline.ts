import { cleanLine } from './text.ts';

/** Parts of an author list that name a picture, a role or page furniture, not a writer. */
const NOT_A_WRITER =
  /^(?:photos?|photograph(?:y|s|er)?|photo ?illustrations?|illustrations?|illustrated|graphics?|images?|video|animation|design|map|charts?|data|edited|editing|additional reporting|reporting|research|contributing|story count|comment count|popular tags|view all|follow\b|backgroundurl|avatar|staff account|getty|ap photo|afp|reuters photo|share|email|twitter|updated|published|posted|more by|see all)\b|(?:photography|photo ?illustrations?|\bphotos?\b)$/i;

/** Roles that newspaper scrapers glue onto names ("Derek Thompson, Staff Writer At"). */
const ROLE =
  /^(?:(?:senior |chief |national |political |white house |washington |foreign |politics |business |austin |metro |associate |managing |contributing |deputy |executive )*(?:staff writer|writer|reporter|correspondent|editor(?:-at-large)?|columnist|contributor|bureau(?: chief| reporter)?|producer|analyst|opinion contributor|guest columnist)(?: at| for)?(?: .*)?|[\w .-]* editor-at-large|[\w .-]*bureau(?: reporter| chief)?)$/i;

const PARTICLES = new Set([
  'de',
  'da',
  'di',
  'del',
  'della',
  'van',
  'von',
  'der',
  'den',
  'ter',
  'bin',
  'ibn',
  'al',
  'el',
  'la',
  'le',
  'du',
  'dos',
  'y',
  'st.',
  'jr.',
  'sr.',
  'jr',
  'sr',
  'ii',
  'iii',
  'iv',
]);

/** True for "Sededin Dedovic", "S.A. Miller", "Tom Howell Jr.", "Mohammed bin Salman". */
export function isNameLike(s: string): boolean {
  const words = s.split(/\s+/).filter(Boolean);
  if (words.length === 0 || words.length > 6) return false;
  let capitals = 0;
  for (const w of words) {
    if (PARTICLES.has(w.toLowerCase())) continue;
    if (!/^[\p{Lu}][\p{L}'’.-]*$/u.test(w)) return false;
    capitals++;
  }
  return capitals >= 1 && (capitals >= 2 || /^\p{Lu}\p{Ll}+$/u.test(words[0]!));
}

/**
 * A byline from author metadata or a "By ..." line: the prefix dropped, photographers,
 * illustrators and page furniture left out, roles trimmed, names joined as "A, B and C".
 */
export function normalizeByline(
  raw: string | null | undefined,
  options: { strict?: boolean } = {},
): string | null {
  if (!raw) return null;
  let s = cleanLine(raw);
  s = s.replace(
    /^(?:analysis|opinion|commentary|written|words|story|text|reporting)\s*(?:by\b|:)?\s*/i,
    '',
  );
  s = s.replace(/^by\s*:?\s+/i, '');
  // Everything after a pipe or bullet is a date, a role or a share widget.
  s = s.split(/\s+[|•·]\s+/)[0] ?? '';
  s = s.replace(/\s*\b(?:updated|published|posted)\b.*$/i, '');
  const parts = s
    .split(/\s*(?:,|;|\band\b|&|\bwith\b)\s*/i)
    .map((p) =>
      p
        .replace(/^by\s+/i, '')
        .replace(/^["“]|["”]$/g, '')
        .trim(),
    )
    .filter(Boolean);
  const names: string[] = [];
  for (const part of parts) {
    if (NOT_A_WRITER.test(part) || ROLE.test(part)) continue;
    if (/[@/]|https?:|\d/.test(part)) continue;
    if (options.strict && !isNameLike(part)) return null;
    if (part.split(/\s+/).length > 6) continue;
    if (!names.some((n) => n.toLowerCase() === part.toLowerCase())) names.push(part);
  }
  if (names.length === 0) return null;
  if (names.length === 1) return names[0]!;
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

const BY_LINE = /^(?:written by|words by|story by|text by|reporting by|by)\s*:?\s+(.+)$/i;

/**
 * The writer named by a line such as "By Sededin Dedovic" or "by Jane Roe and John Doe, Reuters";
 * null for "By the numbers", "Photo by ..." or a sentence that merely starts with "By".
 */
export function bylineFromLine(line: string): string | null {
  const m = BY_LINE.exec(line);
  if (!m) return null;
  if (line.split(/\s+/).length > 14) return null;
  const rest = m[1]!.replace(
    /\s*[,|–—-]\s*(?:reuters|afp|ap|associated press|bloomberg|cnn|bbc|staff)\b.*$/i,
    '',
  );
  return normalizeByline(rest, { strict: true });
}
