import * as chrono from 'chrono-node';

const MONTH =
  '(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?';
const HAS_DATE = new RegExp(
  `\\b${MONTH}\\s+\\d{1,2}\\b|\\b\\d{1,2}\\s+${MONTH}\\b|\\b\\d{4}-\\d{2}-\\d{2}\\b|\\b\\d{1,2}/\\d{1,2}/\\d{2,4}\\b`,
  'i',
);

function isoDay(year: number, month: number, day: number): string | null {
  if (year < 1800 || year > new Date().getUTCFullYear() + 1) return null;
  if (month < 1 || month > 12 || day < 1 || day > 31) return null;
  const s = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s ? s : null;
}

/**
 * Month names of the interface languages press databases export in besides English (Factiva's
 * `PD`, Europresse's dates): German, French, Spanish, Italian, Dutch, Portuguese, Swedish.
 */
const FOREIGN_MONTHS: Record<string, number> = {};
[
  'januar janvier enero gennaio januari janeiro',
  'februar février fevrier febrero febbraio februari fevereiro',
  'märz maerz mars marzo maart março marco',
  'april avril abril aprile',
  'mai mayo maggio mei maio maj',
  'juni juin junio giugno junho',
  'juli juillet julio luglio julho',
  'august août aout agosto augusti',
  'september septembre septiembre setiembre settembre setembro',
  'oktober octobre octubre ottobre outubro',
  'november novembre noviembre novembro',
  'dezember décembre decembre diciembre dicembre december dezembro',
].forEach((names, i) => {
  for (const name of names.split(' ')) FOREIGN_MONTHS[name] = i + 1;
});
const FOREIGN_DATE =
  /^(?:\p{L}+\.?,?\s+)?(\d{1,2})(?:\.|er)?\s+(?:de\s+)?(\p{L}+)\.?,?\s+(?:de\s+)?(\d{4})\b/u;

function fullYear(y: string): number {
  const n = Number(y);
  if (y.length === 4) return n;
  return n < 70 ? 2000 + n : 1900 + n;
}

/**
 * A publication date as YYYY-MM-DD from metadata in any common form: ISO 8601, `M/D/YY`
 * (`1/21/18`), `YYYY/MM/DD`, RFC 822 (`Tue, 10 Sep 2024 14:00:00 GMT`), `September 10, 2024`,
 * `10 September 2024`, the same in German, French, Spanish, Italian, Dutch, Portuguese or Swedish
 * (`9 Januar 1993`, `29 décembre 2011`), epoch seconds or milliseconds. The day is the one written in the source
 * (no shift to UTC). Null when there is no full date; never a date made up from "now".
 */
export function parseDate(value: unknown): string | null {
  if (typeof value === 'number' && Number.isFinite(value)) {
    const ms = value > 1e11 ? value : value * 1000;
    const d = new Date(ms);
    return Number.isNaN(d.getTime())
      ? null
      : isoDay(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
  }
  if (value instanceof Date) {
    return Number.isNaN(value.getTime())
      ? null
      : isoDay(value.getUTCFullYear(), value.getUTCMonth() + 1, value.getUTCDate());
  }
  if (typeof value !== 'string') return null;
  const s = value.trim();
  if (!s) return null;
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:$|[T\s])/.exec(s);
  if (m) return isoDay(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{4})[/.](\d{1,2})[/.](\d{1,2})\b/.exec(s);
  if (m) return isoDay(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{1,2})\/(\d{1,2})\/(\d{2}|\d{4})\b/.exec(s);
  if (m) {
    // US order (the corpus's 1/21/18) unless the first number cannot be a month.
    const a = Number(m[1]);
    const b = Number(m[2]);
    const y = fullYear(m[3]!);
    return a > 12 ? isoDay(y, b, a) : isoDay(y, a, b);
  }
  m = /^(\d{1,2})\.(\d{1,2})\.(\d{4})\b/.exec(s);
  if (m) return isoDay(Number(m[3]), Number(m[2]), Number(m[1]));
  m = /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  if (m) return isoDay(Number(m[1]), Number(m[2]), Number(m[3]));
  if (/^\d{10}(\d{3})?$/.test(s)) return parseDate(Number(s));
  m = FOREIGN_DATE.exec(s);
  const month = m ? FOREIGN_MONTHS[m[2]!.toLowerCase()] : undefined;
  if (m && month) return isoDay(Number(m[3]), month, Number(m[1]));
  return chronoDate(s, false);
}

function chronoDate(s: string, anchored: boolean): string | null {
  const found = chrono.strict.parse(s.slice(0, 200), new Date(), { forwardDate: false })[0];
  if (!found) return null;
  if (anchored && found.index > 40) return null;
  const start = found.start;
  if (!start.isCertain('year') || !start.isCertain('month') || !start.isCertain('day')) return null;
  return isoDay(start.get('year')!, start.get('month')!, start.get('day')!);
}

const DATE_LINE_PREFIX =
  /^(?:(?:first\s+)?published|updated|last\s+updated|posted|date|dated|modified)\s*(?:on|:)?\s*/i;

/**
 * True for a line that is only a date (a dateline under a headline such as "Friday, January 4,
 * 2019" or "Published: Aug. 18, 2024 at 5:00 p.m."), which is chrome rather than article text.
 */
export function isDateLine(line: string): boolean {
  if (line.length > 80 || !HAS_DATE.test(line)) return false;
  const rest = line.replace(DATE_LINE_PREFIX, '');
  const found = chrono.strict.parse(rest, new Date(), { forwardDate: false })[0];
  if (!found || found.index > 12) return false;
  // Whatever is left besides the date must be a weekday, time zone or punctuation.
  const left = (rest.slice(0, found.index) + rest.slice(found.index + found.text.length)).replace(
    /\b(mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?|\b(et|est|edt|pt|pst|pdt|gmt|utc|bst|cet|cest)\b|[\s,.|:;·•–—-]+/gi,
    '',
  );
  return left.length <= 3;
}

/** The date of a dateline line or of an opening like "CAIRO, Aug. 18, 2024 — ...". */
export function datelineDate(text: string): string | null {
  const line = text.slice(0, 200);
  if (!HAS_DATE.test(line)) return null;
  if (isDateLine(text)) return chronoDate(text.replace(DATE_LINE_PREFIX, ''), true);
  // A place in capitals ("CAIRO") or a Title Case place and a comma ("Cairo,"), then the date.
  const m =
    /^(?:[A-Z][A-Z .'-]{1,40}|[A-Z][a-z]+(?:[ -][A-Z][a-z]+){0,3},)\s*(?:\([^)]{1,30}\))?,?\s+((?:[A-Z][a-z]+day,?\s+)?(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2},?\s+\d{4}|\d{1,2}\s+[A-Z][a-z]{2,8}\.?\s+\d{4}))\s*(?:\([^)]{1,30}\))?\s*[—–:-]/.exec(
      line,
    );
  return m ? chronoDate(m[1]!, true) : null;
}
