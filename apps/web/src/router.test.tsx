import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DateFacetView } from './search/timeline.tsx';
import { ActiveFilters } from './search/active-filters.tsx';
import { Pagination } from './search/result-list.tsx';
import { navigate, useLocation } from './router.tsx';
import { parseSearchState, searchHref, type SearchState } from './url-state.ts';

function Probe() {
  const loc = useLocation();
  const s = parseSearchState(loc.search);
  return (
    <output data-testid="state">
      {JSON.stringify({ path: loc.pathname, q: s.q, outlet: s.outlet })}
    </output>
  );
}

const current = () => parseSearchState(new URLSearchParams(window.location.search));

beforeEach(() => window.history.replaceState(null, '', '/'));
afterEach(cleanup);

describe('URL as the state', () => {
  it('re-renders on navigate and on back/forward', async () => {
    render(<Probe />);
    act(() => navigate('/?q=gaza&outlet=bbc'));
    expect(screen.getByTestId('state').textContent).toContain('"q":"gaza"');
    act(() => navigate('/?q=gaza+truce'));
    expect(screen.getByTestId('state').textContent).toContain('"q":"gaza truce"');
    await act(async () => {
      window.history.back();
      await new Promise((r) => setTimeout(r, 50));
    });
    expect(screen.getByTestId('state').textContent).toBe(
      JSON.stringify({ path: '/', q: 'gaza', outlet: ['bbc'] }),
    );
  });

  it('a timeline bar chosen by keyboard puts its date range in the URL', () => {
    const state = current();
    render(
      <DateFacetView
        state={state}
        facet={{
          interval: 'month',
          buckets: [
            { key: '2024-01', count: 3 },
            { key: '2024-02', count: 7 },
          ],
          min: '2024-01-03',
          max: '2024-02-20',
          undated: 1,
        }}
      />,
    );
    const bar = screen.getByRole('button', { name: /7 articles/ });
    fireEvent.click(bar, { detail: 0 });
    expect(current()).toMatchObject({ from: '2024-02-01', to: '2024-02-29' });
  });

  it('each active filter chip links to the search without it', () => {
    const state: SearchState = {
      ...current(),
      q: 'x',
      outlet: ['bbc'],
      actor: ['hamas', 'idf'],
      from: '2024-01-01',
      to: null,
    };
    render(<ActiveFilters state={state} />);
    const chip = screen.getByRole('link', { name: /Remove filter: and idf/ });
    expect(chip.getAttribute('href')).toBe(searchHref({ ...state, actor: ['hamas'] }));
    expect(screen.getByRole('link', { name: 'Clear all' }).getAttribute('href')).toBe('/?q=x');
  });

  it('gives every result page a real URL, and a plain click navigates in place', () => {
    const state: SearchState = { ...current(), q: 'gaza', page: 3 };
    render(<Pagination state={state} totalPages={9} />);
    expect(screen.getByRole('link', { name: 'Page 3' }).getAttribute('aria-current')).toBe('page');
    expect(screen.getByRole('link', { name: /Previous/ }).getAttribute('href')).toBe(
      '/?q=gaza&page=2',
    );
    const next = screen.getByRole('link', { name: /Next/ });
    expect(next.getAttribute('href')).toBe('/?q=gaza&page=4');
    expect(screen.getByRole('link', { name: 'Page 1' }).getAttribute('href')).toBe('/?q=gaza');
    expect(screen.getByRole('link', { name: 'Page 9' })).toBeTruthy();
    fireEvent.click(next, { button: 0 });
    expect(window.location.pathname + window.location.search).toBe('/?q=gaza&page=4');
  });
});
