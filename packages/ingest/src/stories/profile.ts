import { eng } from 'stopword';
import type { CoverageProfile } from '@newsarchive/core';
import { documentFrequency, frequencyDocuments } from './frequencies.ts';

/**
 * An article's coverage profile: what the archive compares to find other outlets' reports of
 * the same event (packages/core/src/coverage.ts scores two profiles).
 *
 * - The title and the lead (LEAD_WORDS words) say what happened; the rest of a body is
 *   background that reports of different events on one topic share.
 * - Terms are weighted (1 + log tf) * idf^1.5 with document frequencies of English news
 *   (frequencies.ts): the steeper idf makes the event's own words (a town, a verdict, a name)
 *   outweigh the topic's (president, officials, war).
 * - Names and figures are kept apart: reports of one event name the same people and places and
 *   quote the same numbers, while reports of the next day's event on the same topic do not.
 */
export const LEAD_WORDS = 100;
const MAX_TERMS = 60;
const MAX_NAMES = 40;
const MAX_NUMBERS = 20;

const STOP = new Set([
  ...eng,
  ...'said says say told would could new one two year years people mr ms mrs dr also just like get'.split(
    ' ',
  ),
]);
const WORD = /[\p{L}][\p{L}\p{M}'’-]*[\p{L}\p{M}]|\p{L}/gu;
const NAME = /\p{Lu}[\p{L}\p{M}'’-]*(?:\s+\p{Lu}[\p{L}\p{M}'’-]*)*/gu;
const NUMBER = /\d[\d,.]*\d|\d/g;
const YEAR = /^(?:19|20)\d\d$/;

/** A word as the profile counts it: lower case, straight apostrophe, no possessive, no plural. */
export function term(word: string): string {
  let w = word.toLowerCase().replace(/’/g, "'");
  if (w.endsWith("'s")) w = w.slice(0, -2);
  if (w.length > 4 && w.endsWith('ies')) return `${w.slice(0, -3)}y`;
  if (w.length > 3 && w.endsWith('s') && !w.endsWith('ss')) return w.slice(0, -1);
  return w;
}

/** The counted words of a text, in order. */
export function terms(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(WORD)) {
    const raw = m[0];
    if (raw.length < 2 || STOP.has(raw.toLowerCase())) continue;
    const t = term(raw);
    if (t.length > 1 && !STOP.has(t)) out.push(t);
  }
  return out;
}

export function idf(t: string): number {
  return Math.log((frequencyDocuments() + 1) / (documentFrequency(t) + 1));
}

function leadOf(body: string): string {
  let words = 0;
  for (const m of body.matchAll(/\S+/g)) {
    if (++words === LEAD_WORDS) return body.slice(0, m.index + m[0].length);
  }
  return body;
}

/** Days since 1970-01-01 of an ISO day, or null. */
export function dayNumber(day: string | null): number | null {
  if (!day) return null;
  const t = Date.parse(`${day.slice(0, 10)}T00:00:00Z`);
  return Number.isFinite(t) ? Math.floor(t / 86_400_000) : null;
}

/** Capitalised runs that are names rather than sentence openings: lower-cased, stopwords out. */
function namesOf(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(NAME)) {
    const before = text.slice(Math.max(0, m.index - 3), m.index);
    const opening = m.index === 0 || /[.!?:]["'”’]?\s+$|\n\s*$/.test(before);
    let words = m[0].split(/\s+/);
    // A sentence's first word is capitalised anyway: it names something only if not a stopword.
    if (opening && STOP.has(words[0]!.toLowerCase())) words = words.slice(1);
    const name = words
      .map((w) => term(w))
      .filter((w) => w.length > 1 && !STOP.has(w))
      .join(' ');
    if (name) out.push(name);
  }
  return out;
}

export interface ProfileInput {
  title: string;
  body: string;
  publishedAt: string | null;
  outletId: string | null;
}

export function coverageProfile(a: ProfileInput): CoverageProfile {
  const lead = leadOf(a.body);
  const counts = new Map<string, number>();
  for (const t of terms(a.title)) counts.set(t, (counts.get(t) ?? 0) + 2);
  for (const t of terms(lead)) counts.set(t, (counts.get(t) ?? 0) + 1);
  let weighted = [...counts].map(([t, n]): [string, number] => [
    t,
    (1 + Math.log(n)) * idf(t) ** 1.5,
  ]);
  weighted.sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1));
  const norm = Math.hypot(...weighted.map(([, w]) => w)) || 1;
  weighted = weighted.slice(0, MAX_TERMS);
  const round = (x: number) => Math.round(x * 1e3) / 1e3;

  const titleWords = a.title.match(NAME) ?? [];
  const titleNames = [
    ...new Set(
      titleWords
        .flatMap((run) => run.split(/\s+/))
        .slice(1)
        .map((w) => term(w))
        .filter((w) => w.length > 1 && !STOP.has(w)),
    ),
  ];

  const names = new Map<string, number>();
  for (const n of namesOf(`${a.title}.\n${lead}`)) {
    if (!names.has(n)) names.set(n, Math.max(...n.split(' ').map(idf)));
  }
  const numbers = new Set<string>();
  for (const m of lead.matchAll(NUMBER)) {
    const n = m[0].replace(/[.,]+$/, '');
    if (n.length >= 2 && !YEAR.test(n)) numbers.add(n);
    if (numbers.size >= MAX_NUMBERS) break;
  }
  return {
    day: dayNumber(a.publishedAt),
    outlet: a.outletId,
    terms: weighted.map(([t, w]) => [t, round(w)]),
    norm: round(norm),
    title: [...new Set(terms(a.title))],
    titleNames: titleNames.slice(0, 12),
    names: [...names]
      .sort((x, y) => y[1] - x[1])
      .slice(0, MAX_NAMES)
      .map(([n, w]) => [n, round(w)]),
    numbers: [...numbers],
  };
}
