/** A word of a line, with what the actor rules need to know about its surroundings. */
export interface Token {
  text: string;
  /** Lower case, diacritics folded: the key for dictionary and lexicon look-ups. */
  key: string;
  start: number;
  end: number;
  /** First character is an upper-case letter (or the token is a number inside a name). */
  cap: boolean;
  /** The token starts a sentence, so its capital says nothing. */
  sentStart: boolean;
  /** What separates this token from the previous one ("" at line start). */
  gap: string;
  /** Followed by 's / ’s. */
  possessive: boolean;
}

// Words with inner apostrophes; hyphens split words so "Israel-Hamas" yields two tokens. Dotted
// abbreviations ("U.S."), initials ("J.") and titles ("Mr.") are recognised after the match,
// which is much cheaper than trying them at every position.
const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu;
const DOTTED = /(?:\p{Lu}\.)+/uy;
const ABBREVIATIONS = new Set(
  'Mr Mrs Ms Dr Sen Sens Rep Reps Gov Gen Gens Lt Col Sgt Capt Adm Maj Prof Rev St Jr Sr Mt Ft Atty Supt Cmdr Cpl Pvt Messrs Mme Hon Brig'.split(
    ' ',
  ),
);
const UPPER = /\p{Lu}/u;
const DIGIT = /\p{N}/u;

/** Folds case and diacritics. */
export function keyOf(s: string): string {
  let ascii = true;
  for (let i = 0; i < s.length; i++) {
    if (s.charCodeAt(i) > 127) {
      ascii = false;
      break;
    }
  }
  if (ascii) return s.toLowerCase();
  return s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/’/g, "'");
}

function isUpper(ch: string): boolean {
  const c = ch.charCodeAt(0);
  if (c < 128) return c >= 65 && c <= 90;
  return UPPER.test(ch);
}

function isDigit(ch: string): boolean {
  const c = ch.charCodeAt(0);
  if (c < 128) return c >= 48 && c <= 57;
  return DIGIT.test(ch);
}

/** True when the gap before a token ends a sentence ("." "!" "?" ":" ";" or a quote). */
function endsSentence(gap: string): boolean {
  for (let i = gap.length - 1; i >= 0; i--) {
    const ch = gap[i]!;
    if (ch === ' ' || ch === '\t' || ch === '\n' || ch === '\u00a0') continue;
    return '.!?:;"“”'.includes(ch);
  }
  return false;
}

/** Splits one line into tokens. */
export function tokenize(line: string): Token[] {
  const out: Token[] = [];
  let prevEnd = 0;
  WORD.lastIndex = 0;
  for (let m = WORD.exec(line); m; m = WORD.exec(line)) {
    let text = m[0];
    const start = m.index;
    let end = start + text.length;
    if (line[end] === '.') {
      if (text.length === 1 && isUpper(text)) {
        // "U.S." or the initial "J." (an initial only before a capitalised word).
        DOTTED.lastIndex = start;
        const d = DOTTED.exec(line);
        if (d && d[0].length >= 4) text = d[0];
        else if (line[end + 1] === ' ' && isUpper(line[end + 2] ?? '')) text = `${text}.`;
      } else if (ABBREVIATIONS.has(text)) text = `${text}.`;
      end = start + text.length;
      WORD.lastIndex = end;
    }
    let possessive = false;
    const last = text[text.length - 1];
    if (
      (last === 's' || last === 'S') &&
      text.length > 2 &&
      (text[text.length - 2] === "'" || text[text.length - 2] === '’')
    ) {
      text = text.slice(0, -2);
      possessive = true;
    }
    const gap = line.slice(prevEnd, start);
    const first = text[0] ?? '';
    const prev = out.at(-1);
    out.push({
      text,
      key: keyOf(text),
      start,
      end: start + text.length,
      cap: isUpper(first) || (isDigit(first) && !!prev?.cap && gap === ' '),
      sentStart: !prev || endsSentence(gap),
      gap,
      possessive,
    });
    prevEnd = end;
  }
  return out;
}
