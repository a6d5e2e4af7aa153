import type { SearchResponse, SortOrder } from '@newsarchive/core';
import { useEffect, useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import { ApiRequestError, PER_PAGE } from '../api.ts';
import { useSession } from '../auth.ts';
import { formatCount } from '../format.ts';
import { noSearchableWords } from '../query-terms.ts';
import { navigate, type Location } from '../router.tsx';
import {
  EMPTY_SEARCH,
  hasFilters,
  parseSearchState,
  searchHref,
  toSearchParams,
  updateSearch,
  type SearchState,
} from '../url-state.ts';
import { useMediaQuery } from '../use-media-query.ts';
import { useSearch } from '../use-search.ts';
import { ActiveFilters } from './active-filters.tsx';
import { ActorFacet, GroupToggle, OutletFacet } from './facets.tsx';
import { QueryNotes } from './query-notes.tsx';
import { Pagination, ResultList } from './result-list.tsx';
import { restorePlace, storedPlace, type ResultPlace } from './result-place.ts';
import { SearchTips } from './search-tips.tsx';
import { DateFacetView } from './timeline.tsx';

/** The breakpoint in styles.css below which the layout is one column and Filters is a sheet. */
export const NARROW = '(max-width: 760px)';

/** Focuses the first result's link (from the search box or the "Skip to results" link). */
function focusFirstResult(): boolean {
  const first = document.querySelector<HTMLAnchorElement>('#results a[data-result-link]');
  first?.focus();
  return first !== null;
}

export function SearchPage({ location }: { location: Location }) {
  const state = parseSearchState(location.search);
  const { response, responseFor, error, pending, retry } = useSearch(state);
  const [filtersOpen, setFiltersOpen] = useState(false);
  const [tipsOpen, setTipsOpen] = useState(false);
  const typing = useRef(false);
  const session = useSession();
  const narrow = useMediaQuery(NARROW);
  const filtersButton = useRef<HTMLButtonElement>(null);
  // Back to a results page: where the reader was when they opened a result (see result-place.ts).
  const restore = useRef<ResultPlace | null | undefined>(undefined);
  if (restore.current === undefined) restore.current = storedPlace();
  useEffect(() => {
    const onPop = () => (restore.current = storedPlace());
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);

  useEffect(() => {
    document.title = state.q ? `${state.q} — newsarchive` : 'newsarchive';
  }, [state.q]);

  const onType = (q: string) => {
    // The first keystroke of a new query is a history step; the rest rewrite it.
    navigate(searchHref(updateSearch(state, { q })), { replace: typing.current });
    typing.current = true;
  };

  const runExample = (q: string) => {
    navigate(searchHref(updateSearch(state, { q })));
    typing.current = false;
    setTipsOpen(false);
    document.getElementById('q')?.focus();
  };
  const showTips = () => {
    setTipsOpen(true);
    document.getElementById('search-tips-summary')?.focus();
  };

  const shown = response && responseFor ? { response, state: responseFor } : null;
  // Busy from the moment the URL changes (not only once the request starts), until its answer shows.
  const shownSearch = shown ? toSearchParams(shown.state).toString() : null;
  const busy = pending || (!error && shownSearch !== toSearchParams(state).toString());
  const activeCount =
    state.outlet.length +
    state.actor.length +
    state.excludeOutlet.length +
    state.excludeActor.length +
    (state.from || state.to ? 1 : 0);

  // Once the results for this URL are on screen (before paint), put scroll and focus back.
  const ready = shown && !busy && !error ? shownSearch : null;
  useLayoutEffect(() => {
    const place = restore.current;
    if (ready === null || !place) return;
    restore.current = null;
    if (place.href === window.location.pathname + window.location.search) restorePlace(place);
  }, [ready]);

  const closeSheet = () => {
    setFiltersOpen(false);
    const button = filtersButton.current;
    if (!button) return;
    button.focus({ preventScroll: true });
    // The button sits right above the results: bring both into view if the results are below.
    const results = document.getElementById('results-heading');
    if (!results || results.getBoundingClientRect().top > window.innerHeight * 0.6)
      button.scrollIntoView({ block: 'start' });
  };

  const facets = error ? (
    // The last answer's counts would contradict the error beside them.
    <p className="facet-empty facets-none">Filters come back with the results.</p>
  ) : shown && shown.response.totalHits === 0 ? (
    // Nothing matched: every facet would be empty. Set filters are listed (and removable)
    // above the results.
    <p className="facet-empty facets-none">No results to narrow down.</p>
  ) : shown ? (
    <>
      <DateFacetView facet={shown.response.facets.date} state={state} />
      <OutletFacet values={shown.response.facets.outlet} state={state} />
      <ActorFacet values={shown.response.facets.actor} state={state} />
      <GroupToggle state={state} />
    </>
  ) : (
    <div className="facet-skeleton" aria-hidden="true" />
  );

  return (
    <div className="search-page">
      <form role="search" className="search-form" onSubmit={(e) => e.preventDefault()}>
        <label htmlFor="q" className="sr-only">
          Search the archive
        </label>
        <input
          id="q"
          type="search"
          className="search-input"
          placeholder="Search articles — words, names, places"
          value={state.q}
          maxLength={512}
          autoComplete="off"
          spellCheck={false}
          aria-describedby="q-hint"
          aria-controls="results"
          onChange={(e) => onType(e.target.value)}
          onBlur={() => (typing.current = false)}
          onKeyDown={(e) => {
            if (e.key === 'ArrowDown' && focusFirstResult()) e.preventDefault();
          }}
        />
        <a
          href="#results"
          className="skip-results"
          onClick={(e) => {
            e.preventDefault();
            if (!focusFirstResult()) document.getElementById('results-heading')?.focus();
          }}
        >
          Skip to results
        </a>
        <div className="search-under">
          <span id="q-hint" className="search-hint">
            Press <kbd>/</kbd> to search, <kbd>↓</kbd> to move through results
          </span>
          <SearchTips open={tipsOpen} onOpenChange={setTipsOpen} onExample={runExample} />
        </div>
        <div className={`loading-bar${busy ? ' active' : ''}`} aria-hidden="true" />
      </form>

      <button
        ref={filtersButton}
        type="button"
        className="filters-toggle"
        aria-haspopup={narrow ? 'dialog' : undefined}
        aria-expanded={filtersOpen}
        aria-controls="filters"
        onClick={() => setFiltersOpen(!filtersOpen)}
      >
        Filters{activeCount > 0 ? ` (${activeCount})` : ''}
      </button>

      <div className="search-layout">
        {narrow ? (
          <FilterSheet
            open={filtersOpen}
            onClose={closeSheet}
            response={busy || error ? null : (shown?.response ?? null)}
          >
            {facets}
          </FilterSheet>
        ) : (
          <aside id="filters" className="facets" aria-label="Filters">
            {facets}
          </aside>
        )}

        <section className="results-column" aria-labelledby="results-heading">
          <div className="results-bar">
            <h2
              id="results-heading"
              className="result-count"
              tabIndex={-1}
              aria-live="polite"
              aria-atomic="true"
            >
              <ResultCount
                response={error ? null : (shown?.response ?? null)}
                pending={pending && !shown}
                showTiming={session !== null}
              />
            </h2>
            <label className="sort">
              Sort{' '}
              <select
                value={state.sort}
                onChange={(e) =>
                  navigate(searchHref(updateSearch(state, { sort: e.target.value as SortOrder })))
                }
              >
                <option value="relevance">
                  {state.q.trim() ? 'Best match' : 'Best match (newest when browsing)'}
                </option>
                <option value="newest">Newest first</option>
                <option value="oldest">Oldest first</option>
              </select>
            </label>
          </div>
          <ActiveFilters state={state} />
          <div
            id="results"
            className="results-region"
            aria-busy={busy}
            data-results-for={shown ? shown.state.q : undefined}
            data-results-search={shownSearch ?? undefined}
          >
            {error ? (
              <ErrorPanel error={error} onRetry={retry} />
            ) : !shown ? (
              <Skeleton />
            ) : shown.response.hits.length === 0 ? (
              <>
                <QueryNotes state={shown.state} response={shown.response} />
                <EmptyState
                  state={shown.state}
                  noWords={noSearchableWords(shown.state.q, shown.response.query?.read)}
                  onShowTips={showTips}
                />
              </>
            ) : (
              <>
                <QueryNotes state={shown.state} response={shown.response} />
                <ResultList
                  hits={shown.response.hits}
                  state={shown.state}
                  start={(shown.response.page - 1) * PER_PAGE + 1}
                />
                <Pagination state={shown.state} totalPages={shown.response.totalPages} />
              </>
            )}
          </div>
        </section>
      </div>
    </div>
  );
}

/**
 * Filters on a narrow screen: a modal sheet over the page (focus kept inside, Escape closes) with
 * the facets scrolling under a footer that stays put, whose button shows the live count and
 * closes the sheet.
 */
function FilterSheet({
  open,
  onClose,
  response,
  children,
}: {
  open: boolean;
  onClose: () => void;
  /** The answer for the current filters; null while it is on its way. */
  response: SearchResponse | null;
  children: ReactNode;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = dialog.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    else if (!open && d.open) d.close();
  }, [open]);
  // Closing goes through the dialog's own close event (as Escape does), so focus moves back out
  // only once the page behind is no longer inert.
  const shut = () => dialog.current?.close();
  const n = response?.totalHits ?? null;
  const label =
    n === null
      ? 'Show results'
      : `Show ${response?.totalHitsExact ? '' : 'about '}${formatCount(n)} ${n === 1 ? 'result' : 'results'}`;
  return (
    <dialog
      ref={dialog}
      id="filters"
      className="filter-sheet"
      aria-labelledby="filters-title"
      onClose={() => open && onClose()}
    >
      <div className="sheet-head">
        <h2 id="filters-title">Filters</h2>
        <button type="button" className="button secondary sheet-close" onClick={shut}>
          Close
        </button>
      </div>
      <div className="sheet-body facets">{children}</div>
      <div className="sheet-foot">
        <button type="button" className="button sheet-show" aria-busy={n === null} onClick={shut}>
          {label}
        </button>
      </div>
    </dialog>
  );
}

function ResultCount({
  response,
  pending,
  showTiming,
}: {
  response: SearchResponse | null;
  pending: boolean;
  /** The engine's time, for librarians watching the archive; readers are not shown it. */
  showTiming: boolean;
}) {
  if (!response) return <>{pending ? 'Searching…' : '\u00a0'}</>;
  const n = response.totalHits;
  return (
    <>
      {response.totalHitsExact ? '' : 'About '}
      {formatCount(n)} {n === 1 ? 'article' : 'articles'}
      {showTiming && (
        <span className="timing">
          {' · '}
          {response.processingTimeMs < 1 ? 'under 1' : Math.round(response.processingTimeMs)} ms
        </span>
      )}
    </>
  );
}

function Skeleton() {
  return (
    <ol className="results skeleton" aria-label="Loading results">
      {[0, 1, 2, 3, 4].map((i) => (
        <li key={i} className="result">
          <div className="sk sk-title" />
          <div className="sk sk-meta" />
          <div className="sk sk-line" />
          <div className="sk sk-line short" />
        </li>
      ))}
    </ol>
  );
}

function EmptyState({
  state,
  noWords,
  onShowTips,
}: {
  state: SearchState;
  /** The text holds no searchable word (only marks such as `***`): say so, not "no match". */
  noWords: boolean;
  onShowTips: () => void;
}) {
  if (noWords) {
    return (
      <div className="empty-state">
        <p className="empty-title">No searchable words in “{state.q.trim()}”.</p>
        <ul>
          <li>
            Searches look for words and numbers; marks such as <code>*</code> <code>"</code>{' '}
            <code>-</code> <code>|</code> on their own find nothing.
          </li>
          <li>
            <button type="button" className="link-button" onClick={onShowTips}>
              Show search tips
            </button>{' '}
            for what each mark does.
          </li>
        </ul>
      </div>
    );
  }
  return (
    <div className="empty-state">
      <p className="empty-title">
        No articles match{state.q.trim() ? ` “${state.q.trim()}”` : ''}.
      </p>
      <ul>
        {state.q.trim() && <li>Check the spelling, or try fewer or broader words.</li>}
        {hasFilters(state) && (
          <li>
            Some filters are set:{' '}
            <a
              href={searchHref({ ...EMPTY_SEARCH, q: state.q })}
              onClick={(e) => {
                e.preventDefault();
                navigate(searchHref({ ...EMPTY_SEARCH, q: state.q }));
              }}
            >
              search without filters
            </a>
            .
          </li>
        )}
      </ul>
    </div>
  );
}

/** What went wrong, in words a reader can act on, with a retry. */
export function ErrorPanel({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  let title = 'Something went wrong.';
  let detail = 'The server could not answer this search.';
  if (error instanceof ApiRequestError) {
    if (error.code === 'engine_unavailable') {
      title = 'Search is unavailable right now.';
      detail = 'The search engine is not answering. Nothing is lost; try again in a moment.';
    } else if (error.code === 'network') {
      title = 'The server could not be reached.';
      detail = 'Check your connection, then try again.';
    } else if (error.code === 'rate_limited') {
      title = 'Too many searches at once.';
      detail = 'Wait a few seconds, then try again.';
    } else if (error.code === 'invalid_request') {
      title = 'This search could not be understood.';
      detail = error.issues?.map((i) => i.message).join('; ') || error.message;
    } else {
      detail = error.message;
    }
  }
  return (
    <div className="error-panel" role="alert">
      <p className="error-title">{title}</p>
      <p>{detail}</p>
      <button type="button" className="button" onClick={onRetry}>
        Retry
      </button>
    </div>
  );
}
