import type { DateFacet } from '@newsarchive/core';
import { useId, useMemo, useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import { formatCount, formatDay, plural } from '../format.ts';
import { navigate } from '../router.tsx';
import { searchHref, updateSearch, type SearchState } from '../url-state.ts';
import { axisTicks, binLabel, endLabel, timelineBins, type Bin } from './timeline-bins.ts';

const go = (s: SearchState) => navigate(searchHref(s));

/** Counts are written on the bars when there are at most this many (else they do not fit). */
const MAX_LABELLED_BARS = 12;

/** Does the bin overlap the chosen range? */
function inRange(bin: Bin, from: string | null, to: string | null): boolean {
  if (!from && !to) return false;
  return (!from || bin.to >= from) && (!to || bin.from <= to);
}

/**
 * The date facet: a histogram over equal spans of time, empty ones included (click a bar, or
 * drag across several, to choose a range), an axis, and from/to inputs. Counts ignore the date
 * filter itself, so the whole timeline stays visible with the chosen part marked. Empty spans are
 * not buttons: choosing one would find nothing.
 */
export function DateFacetView({ facet, state }: { facet: DateFacet; state: SearchState }) {
  const headingId = useId();
  const captionId = useId();
  const barsRef = useRef<HTMLDivElement>(null);
  const [drag, setDrag] = useState<{ anchor: number; at: number } | null>(null);
  const bins = useMemo(() => timelineBins(facet), [facet]);
  const max = Math.max(1, ...bins.map((b) => b.count));
  const ticks = useMemo(() => axisTicks(bins), [bins]);
  const labelled = bins.length <= MAX_LABELLED_BARS;

  const choose = (a: number, b: number) => {
    const lo = Math.min(a, b);
    const hi = Math.max(a, b);
    const first = bins[lo];
    const last = bins[hi];
    // A range of empty spans only would show no results: nothing to choose.
    if (!first || !last || !bins.slice(lo, hi + 1).some((x) => x.count > 0)) return;
    const from = first.from;
    const to = last.to;
    // Choosing the one chosen bar again clears the range.
    if (state.from === from && state.to === to) go(updateSearch(state, { from: null, to: null }));
    else go(updateSearch(state, { from, to }));
  };

  const indexAt = (clientX: number): number => {
    const el = barsRef.current;
    if (!el || bins.length === 0) return 0;
    const rect = el.getBoundingClientRect();
    const i = Math.floor(((clientX - rect.left) / rect.width) * bins.length);
    return Math.max(0, Math.min(bins.length - 1, i));
  };

  const onPointerDown = (e: PointerEvent<HTMLDivElement>) => {
    if (e.button !== 0 || bins.length === 0) return;
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

  // One tab stop for the whole timeline; arrows move between the bars with articles (a roving
  // tabindex).
  const filled = bins.flatMap((b, i) => (b.count > 0 ? [i] : []));
  const firstSelected = bins.findIndex((b) => b.count > 0 && inRange(b, state.from, state.to));
  const anchor = firstSelected === -1 ? null : firstSelected;
  const [focusIndex, setFocusIndex] = useState(0);
  const focusAt = filled.includes(focusIndex) ? focusIndex : (filled[0] ?? 0);
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const at = filled.indexOf(focusAt);
    const moves: Record<string, number> = {
      ArrowLeft: at - 1,
      ArrowRight: at + 1,
      Home: 0,
      End: filled.length - 1,
    };
    const to = moves[e.key];
    if (to === undefined || filled.length === 0) return;
    e.preventDefault();
    const i = filled[Math.max(0, Math.min(filled.length - 1, to))]!;
    setFocusIndex(i);
    barsRef.current?.querySelector<HTMLButtonElement>(`[data-bin="${i}"]`)?.focus();
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

  const level = bins[0]?.level ?? facet.interval;
  return (
    <section className="facet" aria-labelledby={headingId}>
      <h2 id={headingId}>Date</h2>
      {bins.length > 0 ? (
        <>
          <p className="timeline-caption" id={captionId}>
            Articles per {level}
            <span className="timeline-max">
              {' · '}most: {formatCount(max)}
            </span>
          </p>
          <div
            ref={barsRef}
            className={`timeline${drag ? ' dragging' : ''}${labelled ? ' labelled' : ''}${bins.length > 60 ? ' dense' : bins.length > 30 ? ' close' : ''}`}
            role="group"
            aria-label={`Articles by ${level}; choose a bar (arrow keys move, Shift+Enter extends), or drag across bars, to narrow the dates`}
            aria-describedby={captionId}
            onPointerDown={onPointerDown}
            onPointerMove={onPointerMove}
            onPointerUp={onPointerUp}
            onPointerCancel={() => setDrag(null)}
            onKeyDown={onKeyDown}
          >
            {bins.map((b, i) => {
              const selected = preview
                ? i >= preview[0]! && i <= preview[1]!
                : inRange(b, state.from, state.to);
              const height = b.count === 0 ? 0 : Math.max(4, (b.count / max) * 100);
              if (b.count === 0)
                return (
                  <span
                    key={b.from}
                    className={`bar-gap${selected ? ' selected' : ''}`}
                    title={`${binLabel(b)}: no articles`}
                    aria-hidden="true"
                  />
                );
              return (
                <button
                  key={b.from}
                  type="button"
                  data-bin={i}
                  className={`bar${selected ? ' selected' : ''}`}
                  aria-pressed={selected}
                  tabIndex={i === focusAt ? 0 : -1}
                  onFocus={() => setFocusIndex(i)}
                  aria-label={`${binLabel(b)}: ${plural(b.count, 'article', 'articles')}`}
                  title={`${binLabel(b)}: ${plural(b.count, 'article', 'articles')}`}
                  onClick={(e) => {
                    // Pointer clicks are handled on pointerup (they may be drags); this is the keyboard.
                    // Shift extends the chosen range to this bar.
                    if (e.detail !== 0) return;
                    if (e.shiftKey && anchor !== null) choose(anchor, i);
                    else choose(i, i);
                  }}
                >
                  {labelled && (
                    <span className="bar-count" aria-hidden="true">
                      {formatCount(b.count)}
                    </span>
                  )}
                  <span className="bar-fill" style={{ height: `${height}%` }} />
                </button>
              );
            })}
          </div>
          <div className="timeline-axis" aria-hidden="true">
            <span className="axis-end">{endLabel(bins[0]!)}</span>
            {ticks.map((t) => (
              <span
                key={t.index}
                className="axis-tick"
                style={{ left: `${(t.index / bins.length) * 100}%` }}
              >
                {t.label}
              </span>
            ))}
            {bins.length > 1 && (
              <span className="axis-end">{endLabel(bins[bins.length - 1]!)}</span>
            )}
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
