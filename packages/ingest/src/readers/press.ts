import { parseHTML } from 'linkedom';
import { nodeToText } from '../html.ts';
import { emptyRaw } from '../types.ts';
import type { ReadResult } from '../types.ts';
import { looksLikeFactivaHtml, looksLikeFactivaText, readFactiva } from './factiva-layouts.ts';
import { looksLikeNexis, readNexisText } from './nexis.ts';
import { rtfToText } from './rtf.ts';

/**
 * Press-database downloads that arrive as HTML, RTF or text: recognised by their content, then
 * read article by article (Nexis through its envelope parser, Factiva through its segments).
 */

/**
 * A Nexis or Factiva download saved as HTML, read article by article; null for any other page
 * (which is then read as one web article).
 */
export function readPressHtml(html: string, origin: string): ReadResult[] | null {
  if (looksLikeFactivaHtml(html)) return readFactiva(html, 'html', origin, 'html');
  // Cheap test first: turning a whole page into text costs more than most pages need.
  if (!/End of Document|>\s*Body\s*<|\bof \d+ DOCUMENTS\b/.test(html)) return null;
  const { document } = parseHTML(html);
  const text = nodeToText(document.body as never);
  return looksLikeNexis(text) ? readNexisText(text, origin, 'html') : null;
}

/** A Factiva text export (segment codes at the start of lines), or null. */
export function readPressText(text: string, origin: string): ReadResult[] | null {
  return looksLikeFactivaText(text) ? readFactiva(text, 'text', origin, 'txt') : null;
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
  if (looksLikeFactivaText(text)) return readFactiva(text, 'text', origin, 'rtf');
  if (!text.trim())
    return [{ kind: 'skipped', source: origin, reason: 'the RTF document holds no text' }];
  const raw = emptyRaw('rtf', origin, null);
  raw.body = text;
  return [{ kind: 'article', raw }];
}
