import type { Actor, SearchHit } from '@newsarchive/core';
import { useId, useMemo, useState, type KeyboardEvent } from 'react';
import { formatDay, plural } from '../format.ts';
import { MetaLine } from '../meta-line.tsx';
import { Link } from '../router.tsx';
import { Highlighted } from '../segments.tsx';
import {
  searchHref,
  toSearchParams,
  toggleIn,
  updateSearch,
  type SearchState,
} from '../url-state.ts';
import { storyHref } from '../stories/coverage-page.tsx';
import { bySalience } from './actor-salience.ts';
import { rememberPlace } from './result-place.ts';

const MAX_CHIPS = 5;

/** The article page URL, carrying the search so the page can highlight it and link back. */
export function articleHref(id: string, state: SearchState): string {
  const qs = toSearchParams(state).toString();
  return `/articles/${encodeURIComponent(id)}${qs ? `?${qs}` : ''}`;
}

/** Arrow keys move between result titles; Enter follows the focused one (it is a link). */
function onListKeyDown(e: KeyboardEvent<HTMLOListElement>) {
  if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
  const links = [...e.currentTarget.querySelectorAll<HTMLAnchorElement>('a[data-result-link]')];
  const at = links.indexOf(document.activeElement as HTMLAnchorElement);
  if (at === -1) return;
  e.preventDefault();
  if (e.key === 'ArrowUp' && at === 0) {
    document.getElementById('q')?.focus();
    return;
  }
  links[e.key === 'ArrowDown' ? Math.min(at + 1, links.length - 1) : at - 1]?.focus();
}

export function ResultList({
  hits,
  state,
  start,
}: {
  hits: SearchHit[];
  state: SearchState;
  start: number;
}) {
  return (
    <ol className="results" start={start} onKeyDown={onListKeyDown} aria-label="Results">
      {hits.map((hit) => (
        <ResultCard key={hit.id} hit={hit} state={state} />
      ))}
    </ol>
  );
}

function ResultCard({ hit, state }: { hit: SearchHit; state: SearchState }) {
  const titleId = `result-${hit.id}`;
  return (
    <li className="result">
      <article aria-labelledby={titleId}>
        <h3 className="result-title" id={titleId}>
          <Link
            href={articleHref(hit.id, state)}
            data-result-link=""
            onClick={(e) => {
              // A plain click opens it here: remember where we were, for Back.
              if (e.button === 0 && !e.metaKey && !e.ctrlKey && !e.shiftKey && !e.altKey)
                rememberPlace(hit.id);
            }}
          >
            <Highlighted segments={hit.title} />
          </Link>
        </h3>
        <MetaLine>
          {hit.outlet && <span className="outlet">{hit.outlet.name}</span>}
          {hit.publishedAt && <time dateTime={hit.publishedAt}>{formatDay(hit.publishedAt)}</time>}
          {hit.byline && <span className="byline">{hit.byline}</span>}
          {hit.hidden && (
            <span className="badge muted" title="Hidden by a librarian: readers do not see it">
              hidden
            </span>
          )}
          {hit.storySize > 1 && (
            <Link
              className="story-size"
              href={storyHref(hit.storyId, toSearchParams(state))}
              title="The story's articles by outlet and time"
            >
              {hit.storyOutlets > 1
                ? `Covered by ${hit.storyOutlets} outlets`
                : `${plural(hit.storySize, 'report', 'reports')} of this story`}
            </Link>
          )}
          {hit.copies > 1 && (
            <span className="copies" title="The same text, republished">
              {plural(hit.copies, 'copy', 'copies')}
            </span>
          )}
        </MetaLine>
        {hit.snippet.length > 0 && (
          <p className="snippet">
            <Highlighted segments={hit.snippet} />
          </p>
        )}
        {hit.actors.length > 0 && <ActorChips hit={hit} state={state} />}
      </article>
    </li>
  );
}

/**
 * The hit's actors as chips, most salient first; past MAX_CHIPS a "+N" button shows the rest in
 * place (and hides them again).
 */
export function ActorChips({ hit, state }: { hit: SearchHit; state: SearchState }) {
  const listId = useId();
  const [open, setOpen] = useState(false);
  const actors = useMemo(() => bySalience(hit.actors, hit, state.actor), [hit, state.actor]);
  const extra = actors.length - MAX_CHIPS;
  const shown = open || extra <= 0 ? actors : actors.slice(0, MAX_CHIPS);
  return (
    <ul className="chips" id={listId} aria-label="Actors named">
      {shown.map((a) => (
        <li key={a.id}>
          <ActorChip actor={a} state={state} />
        </li>
      ))}
      {extra > 0 && (
        <li>
          <button
            type="button"
            className="chip chip-more"
            aria-expanded={open}
            aria-controls={listId}
            aria-label={open ? undefined : `+${extra} more actors`}
            onClick={() => setOpen(!open)}
          >
            {open ? 'Fewer' : `+${extra}`}
          </button>
        </li>
      )}
    </ul>
  );
}

function ActorChip({ actor, state }: { actor: Actor; state: SearchState }) {
  return (
    <Link
      className={`chip chip-${actor.type}`}
      href={searchHref(
        state.actor.includes(actor.id) ? state : toggleIn(state, 'actor', actor.id, true),
      )}
      title={`Only articles naming ${actor.name}`}
    >
      {actor.name}
    </Link>
  );
}

/** Page links with real URLs (open in a new tab, share page 3). */
export function Pagination({ state, totalPages }: { state: SearchState; totalPages: number }) {
  if (totalPages <= 1) return null;
  const current = Math.min(state.page, totalPages);
  const pages = new Set<number>([1, totalPages]);
  for (let p = current - 2; p <= current + 2; p++) if (p >= 1 && p <= totalPages) pages.add(p);
  const sorted = [...pages].sort((a, b) => a - b);
  const href = (page: number) => searchHref(updateSearch(state, { page }));
  const items: (number | 'gap')[] = [];
  sorted.forEach((p, i) => {
    if (i > 0 && p - sorted[i - 1]! > 1) items.push('gap');
    items.push(p);
  });
  return (
    <nav className="pagination" aria-label="Result pages">
      {current > 1 ? (
        <Link href={href(current - 1)} rel="prev" className="page-link">
          ← Previous
        </Link>
      ) : (
        <span className="page-link disabled" aria-hidden="true">
          ← Previous
        </span>
      )}
      <ul>
        {items.map((p, i) =>
          p === 'gap' ? (
            <li key={`gap-${i}`} className="gap" aria-hidden="true">
              …
            </li>
          ) : (
            <li key={p}>
              <Link
                href={href(p)}
                className="page-link"
                aria-current={p === current ? 'page' : undefined}
                aria-label={`Page ${p}`}
              >
                {p}
              </Link>
            </li>
          ),
        )}
      </ul>
      {current < totalPages ? (
        <Link href={href(current + 1)} rel="next" className="page-link">
          Next →
        </Link>
      ) : (
        <span className="page-link disabled" aria-hidden="true">
          Next →
        </span>
      )}
    </nav>
  );
}
