/**
 * Where a reader was in the results when they opened one: kept on that page's own history entry
 * (history.state), so Back to it can put the scroll position and the focus back, and a second
 * Back/Forward through the same entry still finds it.
 */
export interface ResultPlace {
  /** pathname + query string of the results page it belongs to. */
  href: string;
  scrollY: number;
  /** The opened hit's id. */
  id: string;
}

const KEY = 'newsarchiveResultPlace';

const here = () => window.location.pathname + window.location.search;

/** Records, on the current history entry, the scroll position and the result being opened. */
export function rememberPlace(id: string): void {
  const prev: unknown = window.history.state;
  const base = prev && typeof prev === 'object' ? (prev as Record<string, unknown>) : {};
  const place: ResultPlace = { href: here(), scrollY: window.scrollY, id };
  window.history.replaceState({ ...base, [KEY]: place }, '');
}

/** The place stored on the current history entry, when it belongs to this URL. */
export function storedPlace(): ResultPlace | null {
  const s: unknown = window.history.state;
  if (!s || typeof s !== 'object') return null;
  const p = (s as Record<string, unknown>)[KEY] as Partial<ResultPlace> | undefined;
  if (
    !p ||
    typeof p.href !== 'string' ||
    typeof p.id !== 'string' ||
    typeof p.scrollY !== 'number' ||
    p.href !== here()
  )
    return null;
  return { href: p.href, scrollY: p.scrollY, id: p.id };
}

/** Scrolls back to the stored position and focuses the opened result's link, if it is still listed. */
export function restorePlace(place: ResultPlace): void {
  window.scrollTo(0, place.scrollY);
  document
    .getElementById(`result-${place.id}`)
    ?.querySelector<HTMLAnchorElement>('a[data-result-link]')
    ?.focus({ preventScroll: true });
}
