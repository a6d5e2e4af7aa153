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

// Dotted abbreviations first ("U.S.", "U.N."), then initials ("J."), then words with inner
// apostrophes and hyphens split off below so "Israel-Hamas" yields two tokens.
const TOKEN = /\b(?:Mr|Mrs|Ms|Dr|Sen|Sens|Rep|Reps|Gov|Gen|Lt|Col|Sgt|Capt|Adm|Maj|Prof|Rev|St|Jr|Sr|Mt|Ft|Atty|Supt|Cmdr|Cpl|Pvt|Messrs|Mme|Hon|Brig|Cmdr|Gens)\.|(?:\p{Lu}\.){2,}|\p{Lu}\.(?=\s\p{Lu})|[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu;

/** Folds case and diacritics. */
export function keyOf(s: string): string {
  // eslint-disable-next-line no-control-regex
  if (/^[\x00-\x7f]*$/.test(s)) return s.toLowerCase();
  return s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/’/g, "'");
}

/** Splits one line into tokens. */
export function tokenize(line: string): Token[] {
  const out: Token[] = [];
  let prevEnd = 0;
  for (const m of line.matchAll(TOKEN)) {
    let text = m[0];
    const start = m.index;
    let possessive = false;
    const poss = /['’][sS]$/.exec(text);
    if (poss && text.length > 2) {
      text = text.slice(0, -2);
      possessive = true;
    }
    const gap = line.slice(prevEnd, start);
    const first = text[0] ?? '';
    const prev = out.at(-1);
    const sentStart = !prev || /[.!?:;"“”]\s*$/.test(gap);
    out.push({
      text,
      key: keyOf(text),
      start,
      end: start + text.length,
      cap: /\p{Lu}/u.test(first) || (/\p{N}/u.test(first) && !!prev?.cap && gap === ' '),
      sentStart,
      gap,
      possessive,
    });
    prevEnd = start + m[0].length;
  }
  return out;
}
