import chardet from 'chardet';
import iconv from 'iconv-lite';

export type Decoded = { ok: true; text: string; encoding: string } | { ok: false; reason: string };

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Encodings chardet may name that we trust over the Windows-1252 fallback. */
const TRUSTED = new Set([
  'UTF-16LE',
  'UTF-16BE',
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
 * confident of a non-Latin encoding. NUL bytes in a BOM-less file mean binary.
 */
export function decodeBytes(bytes: Uint8Array): Decoded {
  if (bytes.length === 0) return { ok: false, reason: 'empty file' };
  const b0 = bytes[0];
  const b1 = bytes[1];
  if (b0 === 0xef && b1 === 0xbb && bytes[2] === 0xbf) {
    const rest = bytes.subarray(3);
    return decodeBytesNoBom(rest, 'utf-8');
  }
  if (b0 === 0xff && b1 === 0xfe)
    return finish(iconv.decode(Buffer.from(bytes.subarray(2)), 'utf-16le'), 'utf-16le');
  if (b0 === 0xfe && b1 === 0xff)
    return finish(iconv.decode(Buffer.from(bytes.subarray(2)), 'utf-16be'), 'utf-16be');
  return decodeBytesNoBom(bytes, 'utf-8');
}

function decodeBytesNoBom(bytes: Uint8Array, _hint: string): Decoded {
  const probe = bytes.subarray(0, 8192);
  if (probe.includes(0)) return { ok: false, reason: 'binary file (contains NUL bytes)' };
  try {
    return finish(utf8.decode(bytes), 'utf-8');
  } catch {
    // not UTF-8: fall through
  }
  const guess = chardet.analyse(bytes).find((m) => TRUSTED.has(m.name) && m.confidence >= 80);
  const encoding = guess?.name ?? 'windows-1252';
  return finish(iconv.decode(Buffer.from(bytes), encoding), encoding.toLowerCase());
}

function finish(text: string, encoding: string): Decoded {
  // A BOM can also survive inside a UTF-16 file or be doubled.
  const t = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (t.trim() === '') return { ok: false, reason: 'empty file (only whitespace)' };
  return { ok: true, text: t, encoding };
}
