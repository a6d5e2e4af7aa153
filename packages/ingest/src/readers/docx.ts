import { unzipSync } from 'fflate';
import { emptyRaw } from '../types.ts';
import type { ReadResult } from '../types.ts';
import { looksLikeNexis, readNexisText } from './nexis.ts';
import { readPressText } from './press.ts';

/**
 * `.docx` (Office Open XML): a zip whose `word/document.xml` holds the text as paragraphs
 * (`<w:p>`) of runs (`<w:t>`). Read synchronously with fflate and a small walk over the
 * paragraph markup, because readers run inside the ingest workers' synchronous loop (mammoth
 * only answers with a promise) and a Nexis download of hundreds of articles needs only the
 * words, never the styles.
 */

export class DocxError extends Error {
  override name = 'DocxError';
}

/** Paragraph markup that shapes the text; everything else (styles, drawings) is skipped. */
const TOKEN = /<(\/?)w:(p|t|tab|br|cr|noBreakHyphen)\b([^>]*?)(\/?)>/g;

const ENTITY: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeEntities(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code =
        name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : Number(name.slice(1));
      return Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return ENTITY[name] ?? whole;
  });
}

/**
 * The text of a `word/document.xml`: one paragraph a block, blocks separated by a blank line
 * (as a Nexis text export separates its lines), `<w:br/>` a line break, `<w:tab/>` a tab.
 * Deleted text (`<w:delText>`) and field codes (`<w:instrText>`) are not text a reader sees.
 */
export function documentXmlText(xml: string): string {
  const out: string[] = [];
  let para = '';
  let inText = false;
  let last = 0;
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(xml); m; m = TOKEN.exec(xml)) {
    if (inText) para += decodeEntities(xml.slice(last, m.index));
    last = TOKEN.lastIndex;
    const closing = m[1] === '/';
    const selfClosing = m[4] === '/';
    switch (m[2]) {
      case 't':
        inText = !closing && !selfClosing;
        break;
      case 'p':
        if (closing || selfClosing) {
          out.push(para.replace(/[ \u00a0]+$/g, ''));
          para = '';
        }
        break;
      case 'tab':
        para += '\t';
        break;
      case 'br':
      case 'cr':
        // A page break ends a Nexis document as well as its line.
        para += /w:type="page"/.test(m[3]!) ? '\n\n' : '\n';
        break;
      case 'noBreakHyphen':
        para += '-';
        break;
    }
  }
  if (para) out.push(para);
  return out.join('\n\n').replace(/\n{3,}/g, '\n\n');
}

/** The text of a DOCX file; a `DocxError` saying what is wrong with a file that is not one. */
export function docxText(bytes: Uint8Array): string {
  if (bytes.length < 4 || bytes[0] !== 0x50 || bytes[1] !== 0x4b)
    throw new DocxError('not a DOCX file: it is not a zip archive');
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes, { filter: (f) => f.name === 'word/document.xml' });
  } catch (err) {
    throw new DocxError(
      `damaged DOCX: the zip archive cannot be read (${(err as Error).message}); the file may be cut short`,
      { cause: err },
    );
  }
  const doc = files['word/document.xml'];
  if (!doc) throw new DocxError('not a Word document: the zip has no word/document.xml');
  return documentXmlText(new TextDecoder('utf-8').decode(doc));
}

/**
 * A `.docx`: a Nexis download (many articles, each in its envelope) read article by article,
 * any other Word document as one article. Lines named in errors count the document's
 * paragraphs and the blank lines between them.
 */
export function readDocx(bytes: Uint8Array, origin: string): ReadResult[] {
  let text: string;
  try {
    text = docxText(bytes);
  } catch (err) {
    return [{ kind: 'error', error: { source: origin, reason: (err as Error).message } }];
  }
  try {
    if (looksLikeNexis(text)) return readNexisText(text, origin, 'docx');
    const press = readPressText(text, origin, 'docx');
    if (press) return press;
  } catch (err) {
    // A reader bug must not stop the run (readFile guards the text readers the same way).
    return [
      {
        kind: 'error',
        error: { source: origin, reason: `could not read as docx: ${(err as Error).message}` },
      },
    ];
  }
  if (!text.trim())
    return [{ kind: 'skipped', source: origin, reason: 'the Word document holds no text' }];
  const raw = emptyRaw('docx', origin, null);
  raw.body = text;
  return [{ kind: 'article', raw }];
}
