import type { SearchResponse } from '@newsarchive/core';
import { act, cleanup, fireEvent, render } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { signIn, signOut } from '../auth.ts';
import { SearchPage } from './search-page.tsx';

const answer: { response: SearchResponse | null } = { response: null };
vi.mock('../use-search.ts', () => ({
  useSearch: (state: unknown) => ({
    response: answer.response,
    responseFor: state,
    error: null,
    pending: false,
    retry: () => {},
  }),
}));

afterEach(() => {
  cleanup();
  signOut();
  vi.restoreAllMocks();
});

/** Pretends the viewport is narrow (a phone): matchMedia says yes to every query. */
function phone() {
  vi.spyOn(window, 'matchMedia').mockImplementation(
    (query: string) =>
      ({
        matches: true,
        media: query,
        addEventListener: () => {},
        removeEventListener: () => {},
      }) as unknown as MediaQueryList,
  );
}

const response = (totalHits: number): SearchResponse => ({
  engine: 'embedded',
  totalHits,
  totalHitsExact: true,
  page: 1,
  perPage: 20,
  totalPages: totalHits > 0 ? 1 : 0,
  processingTimeMs: 7.2,
  hits:
    totalHits > 0
      ? [
          {
            id: 'a1',
            url: null,
            title: [{ text: 'Harbour strike', match: false }],
            snippet: [],
            outlet: null,
            byline: null,
            publishedAt: '2024-02-03',
            actors: [],
            storyId: 's1',
            storySize: 1,
            storyOutlets: 1,
            copyId: 'cp_fixture',
            copies: 1,
          },
        ]
      : [],
  facets: {
    outlet: totalHits > 0 ? [{ id: 'gazette', name: 'Gazette', count: 1 }] : [],
    actor: [],
    date: {
      interval: 'month',
      buckets: totalHits > 0 ? [{ key: '2024-02', count: 1 }] : [],
      min: totalHits > 0 ? '2024-02-03' : null,
      max: totalHits > 0 ? '2024-02-03' : null,
      undated: 0,
    },
  },
});

const page = (q: string) => {
  const search = new URLSearchParams({ q });
  return render(<SearchPage location={{ pathname: '/', search, href: `/?q=${q}` }} />);
};

describe('SearchPage', () => {
  it('shows no facet boxes for a query with no results', () => {
    answer.response = response(0);
    const { container } = page('zzzz');
    const aside = container.querySelector('#filters')!;
    expect(aside.querySelectorAll('.facet')).toHaveLength(0);
    expect(aside.textContent).toBe('No results to narrow down.');
    expect(container.querySelector('.empty-state')).not.toBeNull();
  });

  it('shows the facets when there are results', () => {
    answer.response = response(1);
    const { container } = page('harbour');
    expect(container.querySelectorAll('#filters .facet').length).toBeGreaterThan(1);
  });

  it('shows the search time to librarians only', () => {
    answer.response = response(1);
    const reader = page('harbour');
    expect(reader.container.querySelector('.result-count')!.textContent).toBe('1 article');
    cleanup();
    signIn({ token: 't', label: 'Librarian' });
    const librarian = page('harbour');
    expect(librarian.container.querySelector('.result-count')!.textContent).toBe(
      '1 article · 7 ms',
    );
  });

  it('moves from the "Skip to results" link to the first result', () => {
    answer.response = response(1);
    const { getByText, container } = page('harbour');
    fireEvent.click(getByText('Skip to results'));
    expect(document.activeElement).toBe(container.querySelector('#results a[data-result-link]'));
  });

  it('on a phone, shows Filters in a modal sheet whose button gives the count and closes it', () => {
    phone();
    answer.response = response(1);
    const { getByRole, container } = page('harbour');
    expect(container.querySelector('aside#filters')).toBeNull();
    const button = getByRole('button', { name: 'Filters' });
    expect(button.getAttribute('aria-haspopup')).toBe('dialog');
    act(() => button.click());
    const sheet = container.querySelector<HTMLDialogElement>('dialog#filters')!;
    expect(sheet.open).toBe(true);
    expect(sheet.querySelectorAll('.facet').length).toBeGreaterThan(1);
    const show = [...sheet.querySelectorAll('button')].find((b) =>
      b.textContent?.startsWith('Show'),
    )!;
    expect(show.textContent).toBe('Show 1 result');
    act(() => show.click());
    expect(sheet.open).toBe(false);
    expect(button.getAttribute('aria-expanded')).toBe('false');
    expect(document.activeElement).toBe(button);
  });
});
