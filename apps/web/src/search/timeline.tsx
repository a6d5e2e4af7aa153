import type { DateFacet } from '@newsarchive/core';
import { useId, useMemo, useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import { formatBucket, formatCount, formatDay, plural } from '../format.ts';
import { navigate } from '../router.tsx';
import {
  bucketRange,
  fillBuckets,
  searchHref,
  updateSearch,
  type SearchState,
} from '../url-state.ts';

const go = (s: SearchState) => navigate(searchHref(s));

/** Does the bucket overlap the chosen range? */
function inRange(key: string, from: string | null, to: string | null): boolean {
  if (!from && !to) return false;
  const r = bucketRange(key);
  return (!from || r.to >= from) && (!to || r.from <= to);
}

/**
 * The date facet: a histogram of the buckets (click one, or drag across several, to choose a
 * range) and from/to inputs. Counts ignore the date filter itself, so the whole timeline stays
 * visible with the chosen part marked.
 */
export function DateFacetView({ facet, state }: { facet: DateFacet; state: SearchState }) {
  const headingId = useId();
  const barsRef = useRef<HTMLDivElement>(null);
  const [drag, setDrag] = useState<{ anchor: number; at: number } | null>(null);
  const buckets = useMemo(() => fillBuckets(facet.buckets), [facet.buckets]);
  const max = Math.max(1, ...buckets.map((b) => b.count));

  const choose = (a: number, b: number) => {
    const lo = Math.min(a, b);
    const hi = Math.max(a, b);
    const first = buckets[lo];
    const last = buckets[hi];
    if (!first || !last) return;
    const from = bucketRange(first.key).from;
    const to = bucketRange(last.key).to;
    // Clicking the one chosen bucket again clears the range.
    if (state.from === from && state.to === to) go(updateSearch(state, { from: null, to: null }));
    else go(updateSearch(state, { from, to }));
  };

  const indexAt = (clientX: number): number => {
    const el = barsRef.current;
    if (!el || buckets.length === 0) return 0;
    const rect = el.getBoundingClientRect();
    const i = Math.floor(((clientX - rect.left) / rect.width) * buckets.length);
    return Math.max(0, Math.min(buckets.length - 1, i));
  };

  const onPointerDown = (e: PointerEvent<HTMLDivElement>) => {
    if (e.button !== 0 || buckets.length === 0) return;
    const i = indexAt(e.clientX);
    e.currentTarget.setPointerCapture(e.pointerId);
    setDrag({ anchor: i, at: i });
  };
  const onPointerMove = (e: PointerEvent<HTMLDivElement>) => {
    if (drag) setDrag({ ...drag, at: indexAt(e.clientX) });
  };
  const onPointerUp = (e: PointerEvent<HTMLDivElement>) => {
    if (!drag) return;
    const at = indexAt(e.clientX);
    setDrag(null);
    choose(drag.anchor, at);
  };

  // One tab stop for the whole timeline; arrows move between bars (a roving tabindex).
  const firstSelected = buckets.findIndex((b) => inRange(b.key, state.from, state.to));
  const anchor = firstSelected === -1 ? null : firstSelected;
  const [focusIndex, setFocusIndex] = useState(0);
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const moves: Record<string, number> = {
      ArrowLeft: focusIndex - 1,
      ArrowRight: focusIndex + 1,
      Home: 0,
      End: buckets.length - 1,
    };
    const to = moves[e.key];
    if (to === undefined) return;
    e.preventDefault();
    const i = Math.max(0, Math.min(buckets.length - 1, to));
    setFocusIndex(i);
    barsRef.current?.querySelectorAll<HTMLButtonElement>('.bar')[i]?.focus();
  };

  const preview = drag ? [Math.min(drag.anchor, drag.at), Math.max(drag.anchor, drag.at)] : null;
  const dayInput = (which: 'from' | 'to') => (
    <label>
      {which === 'from' ? 'From' : 'To'}
      <input
        type="date"
        value={state[which] ?? ''}
        min={facet.min ?? undefined}
        max={facet.max ?? undefined}
        onChange={(e) => {
          const v = e.target.value || null;
          const next = updateSearch(state, { [which]: v });
          // A start after the end (or an end before the start) replaces the range, not refuses it.
          if (next.from && next.to && next.from > next.to)
            next[which === 'from' ? 'to' : 'from'] = null;
          go(next);
        }}
      />
    </label>
  );

  return (
    <section className="facet" aria-labelledby={headingId}>
      <h2 id={headingId}>Date</h2>
      {buckets.length > 0 ? (
        <>
          <div
            ref={barsRef}
            className={`timeline${drag ? ' dragging' : ''}`}
            role="group"
            aria-label={`Articles by ${facet.interval}; choose a bar (arrow keys move, Shift+Enter extends), or drag across bars, to narrow the dates`}
            onPointerDown={onPointerDown}
            onPointerMove={onPointerMove}
            onPointerUp={onPointerUp}
            onPointerCancel={() => setDrag(null)}
            onKeyDown={onKeyDown}
          >
            {buckets.map((b, i) => {
              const selected = preview
                ? i >= preview[0]! && i <= preview[1]!
                : inRange(b.key, state.from, state.to);
              return (
                <button
                  key={b.key}
                  type="button"
                  className={`bar${selected ? ' selected' : ''}`}
                  aria-pressed={selected}
                  tabIndex={i === Math.min(focusIndex, buckets.length - 1) ? 0 : -1}
                  onFocus={() => setFocusIndex(i)}
                  aria-label={`${formatBucket(b.key)}: ${plural(b.count, 'article', 'articles')}`}
                  title={`${formatBucket(b.key)}: ${formatCount(b.count)}`}
                  onClick={(e) => {
                    // Pointer clicks are handled on pointerup (they may be drags); this is the keyboard.
                    // Shift extends the chosen range to this bar.
                    if (e.detail !== 0) return;
                    if (e.shiftKey && anchor !== null) choose(anchor, i);
                    else choose(i, i);
                  }}
                >
                  <span
                    className="bar-fill"
                    style={{ height: `${b.count === 0 ? 0 : Math.max(4, (b.count / max) * 100)}%` }}
                  />
                </button>
              );
            })}
          </div>
          <div className="timeline-axis" aria-hidden="true">
            <span>{formatBucket(buckets[0]!.key)}</span>
            <span>{formatBucket(buckets[buckets.length - 1]!.key)}</span>
          </div>
        </>
      ) : (
        <p className="facet-empty">No dated articles.</p>
      )}
      <div className="date-inputs">
        {dayInput('from')}
        {dayInput('to')}
      </div>
      {facet.undated > 0 && (
        <p className="facet-hint">
          {plural(facet.undated, 'article has', 'articles have')} no date
          {state.from || state.to
            ? ` and ${facet.undated === 1 ? 'is' : 'are'} left out while a date range is set.`
            : '.'}
        </p>
      )}
      {(state.from || state.to) && (
        <p className="sr-only" aria-live="polite">
          Dates {state.from ? `from ${formatDay(state.from)}` : ''}{' '}
          {state.to ? `to ${formatDay(state.to)}` : ''}
        </p>
      )}
    </section>
  );
}
