import { parseHTML } from 'linkedom';
import { nodeToText } from '../html.ts';
import { emptyRaw } from '../types.ts';
import type { RawArticle, ReadResult } from '../types.ts';
import { looksLikeEuropresse, readEuropresse } from './europresse.ts';
import { looksLikeFactivaHtml, looksLikeFactivaText, readFactiva } from './factiva-layouts.ts';
import { looksLikeNexis, readNexisText } from './nexis.ts';
import { looksLikeProQuest, readProQuest } from './proquest.ts';
import { rtfToText } from './rtf.ts';

/**
 * Press-database downloads that arrive as HTML, RTF or text: recognised by their content, then
 * read article by article (Nexis through its envelope parser, Factiva through its segments,
 * ProQuest through its labelled fields).
 */

/**
 * A Nexis, Factiva or Europresse download saved as HTML, read article by article; null for any
 * other page (which is then read as one web article).
 */
export function readPressHtml(html: string, origin: string): ReadResult[] | null {
  if (looksLikeFactivaHtml(html)) return readFactiva(html, 'html', origin, 'html');
  if (looksLikeEuropresse(html)) return readEuropresse(html, origin);
  // Cheap test first: turning a whole page into text costs more than most pages need.
  if (!/End of Document|>\s*Body\s*<|\bof \d+ DOCUMENTS\b/.test(html)) return null;
  const { document } = parseHTML(html);
  const text = nodeToText(document.body as never);
  return looksLikeNexis(text) ? readNexisText(text, origin, 'html') : null;
}

/**
 * A Factiva text export (segment codes at the start of lines) or a ProQuest text download, read
 * record by record; null for any other text.
 */
export function readPressText(
  text: string,
  origin: string,
  format: RawArticle['format'] = 'txt',
): ReadResult[] | null {
  if (looksLikeFactivaText(text)) return readFactiva(text, 'text', origin, format);
  if (looksLikeProQuest(text)) return readProQuest(text, origin, format);
  return null;
}

/** `.rtf`: a Nexis or Factiva download article by article, any other document as one article. */
export function readRtf(rtf: string, origin: string): ReadResult[] {
  let text: string;
  try {
    text = rtfToText(rtf);
  } catch (err) {
    return [{ kind: 'error', error: { source: origin, reason: (err as Error).message } }];
  }
  if (looksLikeNexis(text)) return readNexisText(text, origin, 'rtf');
  const press = readPressText(text, origin, 'rtf');
  if (press) return press;
  if (!text.trim())
    return [{ kind: 'skipped', source: origin, reason: 'the RTF document holds no text' }];
  const raw = emptyRaw('rtf', origin, null);
  raw.body = text;
  return [{ kind: 'article', raw }];
}
