import chardet from 'chardet';
import iconv from 'iconv-lite';

export type Decoded =
  | {
      ok: true;
      text: string;
      encoding: string;
      /** Something was wrong but the text could still be read (e.g. NUL padding at the end). */
      warning?: string;
    }
  | { ok: false; reason: string };

const utf8 = new TextDecoder('utf-8', { fatal: true });
const utf16le = new TextDecoder('utf-16le', { fatal: true });
const utf16be = new TextDecoder('utf-16be', { fatal: true });

/** Encodings chardet may name that we trust over the Windows-1252 fallback. */
const TRUSTED = new Set([
  'Shift_JIS',
  'EUC-JP',
  'EUC-KR',
  'GB18030',
  'Big5',
  'KOI8-R',
  'windows-1251',
  'ISO-8859-5',
  'windows-1256',
  'ISO-8859-7',
  'windows-1253',
  'ISO-8859-8',
  'windows-1255',
]);

/**
 * Bytes to text without mojibake: a UTF-8 or UTF-16 BOM decides; valid UTF-8 is UTF-8; anything
 * else is Windows-1252 (what "ANSI" files and Latin-1 feeds nearly always are) unless chardet is
 * confident of a non-Latin encoding. NUL bytes in a BOM-less file mean binary, except a run of
 * them at the very end (what a crash mid-write leaves), which is cut off with a warning.
 */
export function decodeBytes(bytes: Uint8Array): Decoded {
  if (bytes.length === 0) return { ok: false, reason: 'empty file' };
  const b0 = bytes[0];
  const b1 = bytes[1];
  if (b0 === 0xef && b1 === 0xbb && bytes[2] === 0xbf) return decodeBytesNoBom(bytes.subarray(3));
  if ((b0 === 0xff && b1 === 0xfe) || (b0 === 0xfe && b1 === 0xff)) {
    const le = b0 === 0xff;
    const rest = bytes.subarray(2);
    if (rest.length % 2 !== 0)
      return { ok: false, reason: 'broken UTF-16 text (odd number of bytes)' };
    try {
      return finish((le ? utf16le : utf16be).decode(rest), le ? 'utf-16le' : 'utf-16be');
    } catch {
      return { ok: false, reason: 'broken UTF-16 text (invalid surrogate pairs)' };
    }
  }
  return decodeBytesNoBom(bytes);
}

const MAGIC: [number[], string][] = [
  [[0x50, 0x4b, 0x03, 0x04], 'a ZIP archive: unpack it and ingest the files inside'],
  [[0x1f, 0x8b], 'a gzip file: unpack it and ingest the file inside'],
  [[0x25, 0x50, 0x44, 0x46], 'a PDF file, not article text'],
];

/** Control bytes other than tab, newline, form feed, carriage return and escape. */
function controlBytes(bytes: Uint8Array): number {
  let n = 0;
  const end = Math.min(bytes.length, 8192);
  for (let i = 0; i < end; i++) {
    const b = bytes[i]!;
    if (b < 0x20 && b !== 9 && b !== 10 && b !== 12 && b !== 13 && b !== 27) n++;
  }
  return n;
}

function decodeBytesNoBom(input: Uint8Array): Decoded {
  for (const [magic, reason] of MAGIC) {
    if (magic.every((b, i) => input[i] === b))
      return { ok: false, reason: `binary file (${reason})` };
  }
  let bytes = input;
  let warning: string | undefined;
  const firstNul = bytes.indexOf(0);
  if (firstNul >= 0) {
    let end = bytes.length;
    while (end > 0 && bytes[end - 1] === 0) end--;
    if (end > firstNul || end === 0)
      return { ok: false, reason: 'binary file (contains NUL bytes)' };
    warning = `${bytes.length - end} NUL bytes at the end of the file were ignored (an interrupted write?)`;
    bytes = bytes.subarray(0, end);
  }
  if (controlBytes(bytes) > 2) return { ok: false, reason: 'binary file (control bytes)' };
  let decoded: Decoded;
  try {
    decoded = finish(utf8.decode(bytes), 'utf-8');
  } catch {
    const guess = chardet.analyse(bytes).find((m) => TRUSTED.has(m.name) && m.confidence >= 80);
    const encoding = guess?.name ?? 'windows-1252';
    decoded = finish(iconv.decode(Buffer.from(bytes), encoding), encoding.toLowerCase());
  }
  return decoded.ok && warning ? { ...decoded, warning } : decoded;
}

function finish(text: string, encoding: string): Decoded {
  // A BOM can also survive inside a UTF-16 file or be doubled.
  const t = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (t.trim() === '') return { ok: false, reason: 'empty file (only whitespace)' };
  return { ok: true, text: t, encoding };
}
