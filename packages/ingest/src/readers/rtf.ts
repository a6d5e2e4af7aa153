import iconv from 'iconv-lite';

/**
 * RTF to plain text. The npm RTF readers (rtf-parser, rtf-stream-parser, @iarna/rtf-to-html)
 * all answer through streams or callbacks, and readers run in the ingest workers' synchronous
 * loop, so this is a small stripper of its own: groups, control words, `\'hh` bytes in the
 * document's code page, `\uN` characters, and the destinations that hold no text (font and
 * colour tables, style sheet, document info, pictures, headers, field instructions) left out.
 */

export class RtfError extends Error {
  override name = 'RtfError';
}

/** Destinations whose content is never text a reader sees. */
const SKIP = new Set([
  'fonttbl',
  'colortbl',
  'stylesheet',
  'info',
  'pict',
  'object',
  'header',
  'headerl',
  'headerr',
  'headerf',
  'footer',
  'footerl',
  'footerr',
  'footerf',
  'fldinst',
  'themedata',
  'colorschememapping',
  'latentstyles',
  'datastore',
  'xmlnstbl',
  'rsidtbl',
  'listtable',
  'listoverridetable',
  'generator',
  'filetbl',
  'revtbl',
  'pgdsctbl',
  'bkmkstart',
  'bkmkend',
  'nonshppict',
  'mmathpr',
]);

/** Control words that stand for a character or a break. */
const SYMBOL: Record<string, string> = {
  par: '\n',
  line: '\n',
  sect: '\n\n',
  page: '\n\n',
  row: '\n',
  cell: '\t',
  tab: '\t',
  emdash: '\u2014',
  endash: '\u2013',
  bullet: '\u2022',
  lquote: '\u2018',
  rquote: '\u2019',
  ldblquote: '\u201c',
  rdblquote: '\u201d',
  emspace: ' ',
  enspace: ' ',
  qmspace: ' ',
};

const PLAIN = /[^\\{}]+/y;

interface GroupState {
  skip: boolean;
  /** How many fallback characters follow a `\uN`. */
  uc: number;
}

/** The text of an RTF document, paragraphs on their own lines; an `RtfError` if it is not RTF. */
export function rtfToText(rtf: string): string {
  if (!/^\s*\{\\rtf/.test(rtf))
    throw new RtfError('not an RTF document: it does not start with {\\rtf');
  let codepage = 'windows-1252';
  const out: string[] = [];
  const bytes: number[] = [];
  const flushBytes = () => {
    if (!bytes.length) return;
    const text = iconv.encodingExists(codepage)
      ? iconv.decode(Buffer.from(bytes), codepage)
      : Buffer.from(bytes).toString('latin1');
    if (!state.skip) out.push(text);
    bytes.length = 0;
  };
  const stack: GroupState[] = [];
  let state: GroupState = { skip: false, uc: 1 };
  /** Fallback characters still to drop after a `\uN`. */
  let dropping = 0;
  let i = 0;
  const n = rtf.length;
  while (i < n) {
    const c = rtf[i]!;
    if (c === '{') {
      flushBytes();
      stack.push(state);
      state = { ...state };
      dropping = 0;
      i++;
      // `{\*\dest …}`: a destination this reader need not know.
      if (rtf.startsWith('\\*', i)) {
        state.skip = true;
        i += 2;
      }
      continue;
    }
    if (c === '}') {
      flushBytes();
      state = stack.pop() ?? state;
      dropping = 0;
      i++;
      continue;
    }
    if (c === '\\') {
      const next = rtf[i + 1];
      if (next === "'") {
        const hex = rtf.slice(i + 2, i + 4);
        i += 4;
        if (dropping > 0) {
          dropping--;
          continue;
        }
        if (/^[0-9a-f]{2}$/i.test(hex)) bytes.push(parseInt(hex, 16));
        continue;
      }
      flushBytes();
      if (next === undefined) break;
      if (!/[a-z]/i.test(next)) {
        i += 2;
        if (dropping > 0) {
          dropping--;
          continue;
        }
        if (state.skip) continue;
        if (next === '\\' || next === '{' || next === '}') out.push(next);
        else if (next === '~') out.push('\u00a0');
        else if (next === '_') out.push('\u2011');
        else if (next === '\n' || next === '\r') out.push('\n');
        continue;
      }
      const m = /^([a-z]{1,32})(-?\d{1,10})? ?/i.exec(rtf.slice(i + 1, i + 48))!;
      i += 1 + m[0].length;
      const word = m[1]!.toLowerCase();
      const param = m[2] === undefined ? null : Number(m[2]);
      if (word === 'bin' && param !== null) {
        i += Math.max(0, param);
        continue;
      }
      if (SKIP.has(word)) {
        state.skip = true;
        continue;
      }
      if (word === 'ansicpg' && param !== null) codepage = `windows-${param}`;
      else if (word === 'uc' && param !== null) state.uc = Math.max(0, param);
      else if (word === 'u' && param !== null) {
        if (!state.skip) out.push(String.fromCharCode(param < 0 ? param + 65536 : param));
        dropping = state.uc;
      } else if (word in SYMBOL && !state.skip) out.push(SYMBOL[word]!);
      continue;
    }
    flushBytes();
    // A run of plain text up to the next control character, taken whole.
    PLAIN.lastIndex = i;
    PLAIN.test(rtf);
    const end = PLAIN.lastIndex > i ? PLAIN.lastIndex : i + 1;
    // Line ends in the source are not text; RTF marks paragraphs with \par.
    let run = rtf.slice(i, end).replace(/[\r\n]/g, '');
    i = end;
    if (dropping > 0) {
      const dropped = Math.min(dropping, run.length);
      run = run.slice(dropped);
      dropping -= dropped;
    }
    if (!state.skip && run) out.push(run);
  }
  flushBytes();
  return out
    .join('')
    .split('\n')
    .map((l) => l.replace(/[ \t\u00a0]+$/, ''))
    .join('\n');
}
