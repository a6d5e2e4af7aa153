import type { DateFacet } from '@newsarchive/core';
import { cleanup, fireEvent, render } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EMPTY_SEARCH } from '../url-state.ts';
import { DateFacetView } from './timeline.tsx';
import { axisTicks, binLabel, timelineBins } from './timeline-bins.ts';

afterEach(cleanup);
beforeEach(() => window.history.replaceState(null, '', '/'));

const facet = (over: Partial<DateFacet>): DateFacet => ({
  interval: 'month',
  buckets: [],
  min: null,
  max: null,
  undated: 0,
  ...over,
});

describe('timelineBins', () => {
  it('fills the empty months between the earliest and latest match', () => {
    const bins = timelineBins(
      facet({
        buckets: [
          { key: '2023-11', count: 2 },
          { key: '2024-02', count: 5 },
        ],
        min: '2023-11-04',
        max: '2024-02-20',
      }),
    );
    expect(bins.map((b) => [b.from, b.to, b.count])).toEqual([
      ['2023-11-01', '2023-11-30', 2],
      ['2023-12-01', '2023-12-31', 0],
      ['2024-01-01', '2024-01-31', 0],
      ['2024-02-01', '2024-02-29', 5],
    ]);
  });

  it('fills days and years too', () => {
    const days = timelineBins(
      facet({
        interval: 'day',
        buckets: [
          { key: '2024-02-28', count: 1 },
          { key: '2024-03-01', count: 1 },
        ],
      }),
    );
    expect(days.map((b) => [b.from, b.count])).toEqual([
      ['2024-02-28', 1],
      ['2024-02-29', 0],
      ['2024-03-01', 1],
    ]);
    const years = timelineBins(
      facet({
        interval: 'year',
        buckets: [
          { key: '2017', count: 3 },
          { key: '2020', count: 1 },
        ],
      }),
    );
    expect(years.map((b) => [b.from, b.to, b.count])).toEqual([
      ['2017-01-01', '2017-12-31', 3],
      ['2018-01-01', '2018-12-31', 0],
      ['2019-01-01', '2019-12-31', 0],
      ['2020-01-01', '2020-12-31', 1],
    ]);
    expect(timelineBins(facet({}))).toEqual([]);
  });

  it('groups days into weeks (then months …) past the most bars, keeping every bar equal time', () => {
    // Three years of day buckets (a date filter of a few weeks on a long archive): too many
    // days and weeks, so months; no gap is left unfilled, so equal bars are equal time.
    const bins = timelineBins(
      facet({
        interval: 'day',
        buckets: [
          { key: '2021-01-04', count: 1 },
          { key: '2021-01-05', count: 2 },
          { key: '2023-12-31', count: 4 },
        ],
        min: '2021-01-04',
        max: '2023-12-31',
      }),
      120,
    );
    expect(bins.length).toBeLessThanOrEqual(120);
    expect(bins[0]!.level).toBe('month');
    expect(bins).toHaveLength(36);
    expect(bins[0]).toMatchObject({ from: '2021-01-01', to: '2021-01-31', count: 3 });
    expect(bins[35]).toMatchObject({ from: '2023-12-01', to: '2023-12-31', count: 4 });

    const weeks = timelineBins(
      facet({
        interval: 'day',
        buckets: [
          { key: '2024-01-03', count: 1 },
          { key: '2024-06-30', count: 1 },
        ],
      }),
      120,
    );
    expect(weeks[0]).toMatchObject({ level: 'week', from: '2024-01-01', to: '2024-01-07' });
    expect(weeks.at(-1)).toMatchObject({ from: '2024-06-24', to: '2024-06-30', count: 1 });
    expect(binLabel(weeks[0]!)).toMatch(/^Week of /);
    // Every bar after the first starts the day after the one before ends.
    for (let i = 1; i < weeks.length; i++) {
      const prev = new Date(`${weeks[i - 1]!.to}T00:00:00Z`);
      prev.setUTCDate(prev.getUTCDate() + 1);
      expect(weeks[i]!.from).toBe(prev.toISOString().slice(0, 10));
    }
  });

  it('puts labelled ticks between the ends where they fit, at year starts for months', () => {
    const bins = timelineBins(
      facet({
        buckets: [
          { key: '2017-01', count: 1 },
          { key: '2020-12', count: 1 },
        ],
      }),
    );
    // "Jan 2017" and "Dec 2020" at the ends leave room for one year in the sidebar, all in more.
    expect(axisTicks(bins).map((t) => t.label)).toEqual(['2019']);
    const ticks = axisTicks(bins, 400);
    expect(ticks.map((t) => t.label)).toEqual(['2018', '2019', '2020']);
    for (const t of ticks) expect(bins[t.index]!.from).toBe(`${t.label}-01-01`);
    // Years: no tick repeats an end's label; none crowds the ends.
    const years = timelineBins(
      facet({
        interval: 'year',
        buckets: [
          { key: '2017', count: 1 },
          { key: '2020', count: 1 },
        ],
      }),
    );
    expect(axisTicks(years).map((t) => t.label)).toEqual(['2018', '2019']);
    expect(axisTicks(years, 80)).toEqual([]);
  });
});

describe('DateFacetView', () => {
  const view = () =>
    render(
      <DateFacetView
        facet={facet({
          interval: 'year',
          buckets: [
            { key: '2017', count: 12 },
            { key: '2020', count: 1_500 },
          ],
          min: '2017-03-01',
          max: '2020-05-01',
        })}
        state={EMPTY_SEARCH}
      />,
    );

  it('draws empty years as plain marks, not buttons, and labels counts and the axis', () => {
    const { container, getAllByRole } = view();
    const timeline = container.querySelector('.timeline')!;
    expect(timeline.children).toHaveLength(4);
    const buttons = getAllByRole('button');
    expect(buttons.map((b) => b.getAttribute('aria-label'))).toEqual([
      '2017: 12 articles',
      '2020: 1,500 articles',
    ]);
    const gaps = container.querySelectorAll('.bar-gap');
    expect(gaps).toHaveLength(2);
    for (const g of gaps) {
      expect(g.tagName).toBe('SPAN');
      expect(g.getAttribute('aria-hidden')).toBe('true');
      expect(g.getAttribute('tabindex')).toBeNull();
    }
    // Counts written on the bars, the largest in the caption, the years on the axis.
    expect([...container.querySelectorAll('.bar-count')].map((c) => c.textContent)).toEqual([
      '12',
      '1,500',
    ]);
    expect(container.querySelector('.timeline-caption')!.textContent).toBe(
      'Articles per year · most: 1,500',
    );
    const axis = container.querySelector('.timeline-axis')!.textContent!;
    expect(axis.startsWith('2017')).toBe(true);
    expect(axis.endsWith('2020')).toBe(true);
  });

  it('chooses a bar with articles, but not an empty stretch, with the pointer', () => {
    const { container } = view();
    const timeline = container.querySelector<HTMLElement>('.timeline')!;
    timeline.getBoundingClientRect = () =>
      ({ left: 0, width: 400, top: 0, height: 72, right: 400, bottom: 72 }) as DOMRect;
    timeline.setPointerCapture = () => {};
    const click = (x: number) => {
      fireEvent.pointerDown(timeline, { button: 0, clientX: x, pointerId: 1 });
      fireEvent.pointerUp(timeline, { button: 0, clientX: x, pointerId: 1 });
    };
    click(150); // 2018: empty
    expect(window.location.search).toBe('');
    fireEvent.pointerDown(timeline, { button: 0, clientX: 150, pointerId: 1 });
    fireEvent.pointerUp(timeline, { button: 0, clientX: 250, pointerId: 1 }); // 2018–2019: empty
    expect(window.location.search).toBe('');
    click(350); // 2020
    const params = new URLSearchParams(window.location.search);
    expect([params.get('from'), params.get('to')]).toEqual(['2020-01-01', '2020-12-31']);
  });

  it('moves between bars with articles only, by keyboard', () => {
    const { getAllByRole } = view();
    const [first, last] = getAllByRole('button') as [HTMLButtonElement, HTMLButtonElement];
    expect(first.tabIndex).toBe(0);
    expect(last.tabIndex).toBe(-1);
    first.focus();
    fireEvent.keyDown(first, { key: 'ArrowRight' });
    expect(document.activeElement).toBe(last);
    expect(last.tabIndex).toBe(0);
    fireEvent.click(last, { detail: 0 });
    expect(new URLSearchParams(window.location.search).get('from')).toBe('2020-01-01');
  });
});
