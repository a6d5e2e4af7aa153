import type { SearchResponse } from '@newsarchive/core';
import { cleanup, fireEvent, render } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { EMPTY_SEARCH } from '../url-state.ts';
import { QueryNotes } from './query-notes.tsx';
import { SEARCH_TIPS, SearchTips } from './search-tips.tsx';

afterEach(cleanup);

const response = (totalHits: number, query: SearchResponse['query']): SearchResponse => ({
  engine: 'embedded',
  totalHits,
  totalHitsExact: true,
  page: 1,
  perPage: 20,
  totalPages: 1,
  processingTimeMs: 1,
  hits: [],
  facets: {
    outlet: [],
    actor: [],
    date: { interval: 'month', buckets: [], min: null, max: null, undated: 0 },
  },
  query,
});

describe('QueryNotes', () => {
  it('says how the query was read, as text', () => {
    const state = { ...EMPTY_SEARCH, q: 'Trump -<b>Russia</b>' };
    const { container } = render(
      <QueryNotes
        state={state}
        response={response(9, { read: 'trump -<b>russia</b>', suggestion: null })}
      />,
    );
    expect(container.textContent).toBe('Searched for trump -<b>russia</b>');
    expect(container.querySelector('b')).toBeNull();
  });

  it('offers the suggestion as a link to its search, keeping the filters', () => {
    const state = { ...EMPTY_SEARCH, q: 'Ortis', outlet: ['valley-times'], page: 2 };
    const { getByRole, container } = render(
      <QueryNotes state={state} response={response(2, { read: 'ortis', suggestion: 'ortiz' })} />,
    );
    expect(container.textContent).toBe('Did you mean ortiz?');
    const href = new URL(getByRole('link', { name: 'ortiz' }).getAttribute('href')!, 'http://x');
    expect(href.searchParams.get('q')).toBe('ortiz');
    expect(href.searchParams.get('outlet')).toBe('valley-times');
    expect(href.searchParams.get('page')).toBeNull();
  });

  it('shows nothing for plain words that found enough', () => {
    const state = { ...EMPTY_SEARCH, q: 'Harbour' };
    const { container } = render(
      <QueryNotes
        state={state}
        response={response(7, { read: 'harbour', suggestion: 'harbor' })}
      />,
    );
    expect(container.innerHTML).toBe('');
  });
});

describe('SearchTips', () => {
  it('lists the syntax and runs an example', () => {
    const onExample = vi.fn();
    const { getByRole, getAllByRole } = render(
      <SearchTips open onOpenChange={() => {}} onExample={onExample} />,
    );
    expect(getAllByRole('row')).toHaveLength(SEARCH_TIPS.length + 1);
    fireEvent.click(getByRole('button', { name: '"prime minister"' }));
    expect(onExample).toHaveBeenCalledWith('"prime minister"');
  });

  it('closes on Escape', () => {
    const onOpenChange = vi.fn();
    const { getByRole } = render(
      <SearchTips open onOpenChange={onOpenChange} onExample={() => {}} />,
    );
    fireEvent.keyDown(getByRole('button', { name: 'vaccin*' }), { key: 'Escape' });
    expect(onOpenChange).toHaveBeenCalledWith(false);
  });
});
