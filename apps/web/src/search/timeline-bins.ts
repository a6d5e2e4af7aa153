import type { DateFacet, DateInterval } from '@newsarchive/core';
import { formatBucket, formatDay } from '../format.ts';
import { bucketRange } from '../url-state.ts';

export type BinLevel = 'day' | 'week' | 'month' | 'quarter' | 'year';

/** One bar of the timeline: an equal span of calendar time and its article count. */
export interface Bin {
  /** The first day of the span (unique among the bins). */
  from: string;
  /** The last day of the span, inclusive. */
  to: string;
  count: number;
  level: BinLevel;
}

/** More bars than this are grouped into a coarser calendar unit, for display only. */
export const MAX_BARS = 120;

const COARSER: Record<DateInterval, BinLevel[]> = {
  day: ['day', 'week', 'month', 'quarter', 'year'],
  month: ['month', 'quarter', 'year'],
  year: ['year'],
};

const toDate = (day: string) => new Date(`${day}T00:00:00Z`);
const toDay = (d: Date) => d.toISOString().slice(0, 10);
function addDays(day: string, n: number): string {
  const d = toDate(day);
  d.setUTCDate(d.getUTCDate() + n);
  return toDay(d);
}

/** The first day of the `level` unit holding `day` (weeks start on Monday). */
export function startOf(level: BinLevel, day: string): string {
  const y = day.slice(0, 4);
  const m = Number(day.slice(5, 7));
  switch (level) {
    case 'day':
      return day;
    case 'week':
      return addDays(day, -((toDate(day).getUTCDay() + 6) % 7));
    case 'month':
      return `${day.slice(0, 7)}-01`;
    case 'quarter':
      return `${y}-${String(m - ((m - 1) % 3)).padStart(2, '0')}-01`;
    case 'year':
      return `${y}-01-01`;
  }
}

/** The first day of the unit after the one starting at `start`. */
function nextStart(level: BinLevel, start: string): string {
  const d = toDate(start);
  if (level === 'day') d.setUTCDate(d.getUTCDate() + 1);
  else if (level === 'week') d.setUTCDate(d.getUTCDate() + 7);
  else if (level === 'month') d.setUTCMonth(d.getUTCMonth() + 1);
  else if (level === 'quarter') d.setUTCMonth(d.getUTCMonth() + 3);
  else d.setUTCFullYear(d.getUTCFullYear() + 1);
  return toDay(d);
}

function countUnits(level: BinLevel, lo: string, hi: string, stopAfter: number): number {
  let n = 0;
  for (let s = startOf(level, lo); s <= hi && n <= stopAfter; s = nextStart(level, s)) n++;
  return n;
}

/**
 * The timeline's bars: every span between the earliest and latest match, empty ones included
 * (the API lists only buckets with articles), so equal widths stand for equal time. When that is
 * more than `maxBars` bars, spans are grouped into weeks, months, quarters or years.
 */
export function timelineBins(facet: DateFacet, maxBars = MAX_BARS): Bin[] {
  const first = facet.buckets[0];
  const last = facet.buckets[facet.buckets.length - 1];
  if (!first || !last) return [];
  const starts = [bucketRange(first.key).from, bucketRange(last.key).from];
  if (facet.min) starts.push(facet.min);
  if (facet.max) starts.push(facet.max);
  starts.sort();
  const lo = starts[0]!;
  const hi = starts[starts.length - 1]!;

  const levels = COARSER[facet.interval];
  const level =
    levels.find((l) => countUnits(l, lo, hi, maxBars) <= maxBars) ?? levels[levels.length - 1]!;

  const bins: Bin[] = [];
  const byStart = new Map<string, Bin>();
  for (let s = startOf(level, lo); s <= hi; s = nextStart(level, s)) {
    const bin: Bin = { from: s, to: addDays(nextStart(level, s), -1), count: 0, level };
    bins.push(bin);
    byStart.set(s, bin);
  }
  for (const b of facet.buckets) {
    const bin = byStart.get(startOf(level, bucketRange(b.key).from));
    if (bin) bin.count += b.count;
  }
  return bins;
}

const shortMonth = new Intl.DateTimeFormat(undefined, { month: 'short', timeZone: 'UTC' });

/** A bin for people: "May 1, 2024", "Week of May 6, 2024", "May 2024", "Q2 2024", "2024". */
export function binLabel(bin: Bin): string {
  const y = bin.from.slice(0, 4);
  switch (bin.level) {
    case 'day':
      return formatDay(bin.from);
    case 'week':
      return `Week of ${formatDay(bin.from)}`;
    case 'month':
      return formatBucket(bin.from.slice(0, 7));
    case 'quarter':
      return `Q${Math.floor((Number(bin.from.slice(5, 7)) - 1) / 3) + 1} ${y}`;
    case 'year':
      return y;
  }
}

/** The shorter label at an end of the axis ("May 6, 2024" rather than "Week of May 6, 2024"). */
export function endLabel(bin: Bin): string {
  return bin.level === 'week' ? formatDay(bin.from) : binLabel(bin);
}

export interface Tick {
  /** Index of the bin the tick stands at (its left edge). */
  index: number;
  label: string;
}

/** Rough width of axis text (12px sans-serif), to keep labels from running into each other. */
const CHAR_PX = 6.5;
/** The narrowest the timeline is drawn (the desktop sidebar); wider screens only add room. */
const AXIS_PX = 220;

/**
 * Labelled ticks between the two ends of the axis: at month starts for days and weeks, at
 * year starts for months and quarters, at each year for years — only where the label clears
 * the end labels and the other ticks (year starts placed first), so none overlap.
 */
export function axisTicks(bins: readonly Bin[], widthPx = AXIS_PX): Tick[] {
  const n = bins.length;
  if (n < 3) return [];
  const level = bins[0]!.level;
  const ends = [endLabel(bins[0]!), endLabel(bins[n - 1]!)] as const;
  const candidates: Tick[] = [];
  bins.forEach((b, index) => {
    if (index === 0) return;
    const prev = bins[index - 1]!;
    if (level === 'day' || level === 'week') {
      if (b.from.slice(0, 7) !== prev.from.slice(0, 7))
        candidates.push({
          index,
          label:
            b.from.slice(5, 7) === '01' ? b.from.slice(0, 4) : shortMonth.format(toDate(b.from)),
        });
    } else if (level === 'month' || level === 'quarter') {
      if (b.from.slice(0, 4) !== prev.from.slice(0, 4))
        candidates.push({ index, label: b.from.slice(0, 4) });
    } else {
      candidates.push({ index, label: b.from.slice(0, 4) });
    }
  });
  const gap = 8;
  // Spans of the axis already taken, starting with the end labels.
  const taken: [number, number][] = [
    [-Infinity, ends[0].length * CHAR_PX],
    [widthPx - ends[1].length * CHAR_PX, Infinity],
  ];
  const out: Tick[] = [];
  // Year starts first (they say the most), then months where room is left.
  const isYear = (t: Tick) => /^\d{4}$/.test(t.label);
  for (const t of [...candidates.filter(isYear), ...candidates.filter((t) => !isYear(t))]) {
    if (t.label === ends[0] || t.label === ends[1]) continue;
    const half = (t.label.length * CHAR_PX) / 2;
    const x = (t.index / n) * widthPx;
    const span: [number, number] = [x - half - gap, x + half + gap];
    if (taken.some(([a, b]) => span[0] < b && span[1] > a)) continue;
    taken.push(span);
    out.push(t);
  }
  return out.sort((a, b) => a.index - b.index);
}
