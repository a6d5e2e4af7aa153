import type { DateInterval } from '@newsarchive/core';

/** 2024-05-01 -> 20240501: dates as numbers sort and compare like the days they are. */
export function dayNumber(day: string): number {
  return Number(day.slice(0, 4)) * 10000 + Number(day.slice(5, 7)) * 100 + Number(day.slice(8, 10));
}

/** 20240501 -> 2024-05-01 */
export function dayString(n: number): string {
  const y = Math.floor(n / 10000);
  const m = Math.floor(n / 100) % 100;
  const d = n % 100;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/**
 * The bucket size for a date histogram over [from, to]: days up to about two months, months
 * up to about three years, years beyond. Both engines use this one rule.
 */
export function chooseInterval(from: string | null, to: string | null): DateInterval {
  if (!from || !to) return 'year';
  const days = (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000;
  if (days <= 62) return 'day';
  if (days <= 3 * 366) return 'month';
  return 'year';
}

/** The bucket key of a day for an interval: YYYY-MM-DD, YYYY-MM or YYYY. */
export function bucketKey(day: string, interval: DateInterval): string {
  return interval === 'day' ? day : interval === 'month' ? day.slice(0, 7) : day.slice(0, 4);
}
