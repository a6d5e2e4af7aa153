import { useEffect, useRef, useState } from 'react';
import { ApiRequestError, getStory, splitStory, undoStory, type StoryCoverage } from '../api.ts';
import { useSession } from '../auth.ts';
import { dataChanged, useDataVersion } from '../data-version.ts';
import { formatDay, plural } from '../format.ts';
import { MetaLine } from '../meta-line.tsx';
import { Link, type Location } from '../router.tsx';
import { ErrorPanel } from '../search/search-page.tsx';
import { EMPTY_SEARCH, parseSearchState, searchHref, toSearchParams } from '../url-state.ts';

type CoverageArticle = StoryCoverage['articles'][number];

/** The coverage view of a story, carrying the search so Back returns to the results. */
export function storyHref(storyId: string, params: URLSearchParams | string = ''): string {
  const qs = params.toString();
  return `/stories/${encodeURIComponent(storyId)}${qs ? `?${qs}` : ''}`;
}

/** The outlets' rows: each outlet's articles, oldest first; articles without an outlet last. */
function byOutlet(view: StoryCoverage): { name: string; articles: CoverageArticle[] }[] {
  const rows = view.outlets.map((o) => ({
    name: o.name,
    articles: view.articles.filter((a) => a.outlet?.id === o.id),
  }));
  const unknown = view.articles.filter((a) => !a.outlet);
  if (unknown.length) rows.push({ name: 'Outlet unknown', articles: unknown });
  return rows;
}

/**
 * A story across outlets: who reported it and when, which reports are copies of one text, and
 * the actors the reports share. A librarian can take an article out of the story (and undo it).
 */
export function CoveragePage({ id, location }: { id: string; location: Location }) {
  const [view, setView] = useState<{ id: string; data: StoryCoverage } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [attempt, setAttempt] = useState(0);
  const [status, setStatus] = useState<{ text: string; undo?: string; error?: boolean } | null>(
    null,
  );
  const session = useSession();
  const version = useDataVersion();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const search = parseSearchState(location.search);
  const qs = toSearchParams({ ...search }).toString();

  useEffect(() => {
    const controller = new AbortController();
    setError(null);
    getStory(id, controller.signal).then(
      (data) => setView({ id, data }),
      (err: unknown) => {
        if (!controller.signal.aborted) setError(err);
      },
    );
    return () => controller.abort();
  }, [id, session?.token, version, attempt]);

  const data = view?.id === id ? view.data : null;
  const title = data?.articles[0]?.title;
  useEffect(() => {
    if (title) document.title = `Coverage: ${title} — newsarchive`;
  }, [title]);
  useEffect(() => {
    if (data) headingRef.current?.focus({ preventScroll: true });
  }, [data?.story.id]);

  const backLink = (
    <Link href={qs ? `/?${qs}` : searchHref(EMPTY_SEARCH)} className="back-link">
      ← {qs ? 'Back to results' : 'Search the archive'}
    </Link>
  );

  if (error && !data) {
    const notFound = (error as { code?: string }).code === 'not_found';
    return (
      <div className="article-page">
        {backLink}
        {notFound ? (
          <div className="empty-state" role="alert">
            <h1>This story is not in the archive</h1>
            <p>Its articles may have been removed, hidden, or regrouped into another story.</p>
          </div>
        ) : (
          <ErrorPanel error={error} onRetry={() => setAttempt((n) => n + 1)} />
        )}
      </div>
    );
  }
  if (!data) {
    return (
      <div className="article-page" aria-busy="true">
        {backLink}
        <div className="sk sk-heading" />
        <div className="sk sk-meta" />
        {[0, 1, 2].map((i) => (
          <div key={i} className="sk sk-line" />
        ))}
      </div>
    );
  }

  const { story } = data;
  const articleQs = toSearchParams({ ...EMPTY_SEARCH, q: search.q }).toString();
  const span =
    story.from && story.to
      ? story.from === story.to
        ? formatDay(story.from)
        : `${formatDay(story.from)} – ${formatDay(story.to)}`
      : null;

  const split = async (a: CoverageArticle) => {
    setStatus(null);
    try {
      await splitStory(a.id);
      dataChanged();
      setStatus({ text: `Took “${a.title}” out of this story.`, undo: a.id });
    } catch (err) {
      setStatus({ text: err instanceof ApiRequestError ? err.message : 'Not saved.', error: true });
    }
  };
  const undo = async (articleId: string) => {
    setStatus(null);
    try {
      await undoStory(articleId);
      dataChanged();
      setStatus({ text: 'Undone: the article is back with the reports it matches.' });
    } catch (err) {
      setStatus({
        text: err instanceof ApiRequestError ? err.message : 'Not undone.',
        error: true,
      });
    }
  };

  return (
    <article className="article-page coverage-page" aria-labelledby="coverage-title">
      {backLink}
      <p className="eyebrow">Coverage of one story</p>
      <h1 id="coverage-title" ref={headingRef} tabIndex={-1}>
        {data.articles[0]?.title}
      </h1>
      <MetaLine className="article-meta">
        <span>{plural(story.size, 'article', 'articles')}</span>
        <span>{plural(story.outlets, 'outlet', 'outlets')}</span>
        {story.copies < story.size && (
          <span>{plural(story.copies, 'distinct text', 'distinct texts')}</span>
        )}
        {span && <span>{span}</span>}
      </MetaLine>
      {data.actors.length > 0 && (
        <section aria-labelledby="shared-actors">
          <h2 id="shared-actors" className="small-heading">
            Named in several reports
          </h2>
          <ul className="chips">
            {data.actors.map((a) => (
              <li key={a.id}>
                <Link
                  className={`chip chip-${a.type}`}
                  href={searchHref({ ...EMPTY_SEARCH, actor: [a.id] })}
                  title={`Search articles naming ${a.name} (${plural(a.count, 'report', 'reports')} here)`}
                >
                  {a.name}
                </Link>
              </li>
            ))}
          </ul>
        </section>
      )}
      {session && (
        <p className={`status-line ${status?.error ? 'error' : status ? 'ok' : ''}`} role="status">
          {status?.text ?? '\u00a0'}
          {status?.undo && (
            <>
              {' '}
              <button type="button" className="link-button" onClick={() => void undo(status.undo!)}>
                Undo
              </button>
            </>
          )}
        </p>
      )}
      <section aria-labelledby="by-outlet">
        <h2 id="by-outlet" className="small-heading">
          By outlet
        </h2>
        <ul className="coverage-outlets">
          {byOutlet(data).map((row) => (
            <li key={row.name} className="coverage-outlet">
              <h3>{row.name}</h3>
              <ul className="versions">
                {row.articles.map((a) => (
                  <li key={a.id}>
                    <Link
                      href={`/articles/${encodeURIComponent(a.id)}${articleQs ? `?${articleQs}` : ''}`}
                    >
                      {a.title}
                    </Link>
                    <MetaLine as="span">
                      {a.publishedAt && (
                        <time dateTime={a.publishedAt}>{formatDay(a.publishedAt)}</time>
                      )}
                      {a.byline && <span className="byline">{a.byline}</span>}
                      {a.copies > 1 && (
                        <span
                          className="badge muted"
                          title="The same text appears under other outlets in this story"
                        >
                          {plural(a.copies, 'copy', 'copies')} of one text
                        </span>
                      )}
                      {a.hidden && <span className="badge muted">hidden</span>}
                    </MetaLine>
                    {session && story.size > 1 && (
                      <button
                        type="button"
                        className="link-button"
                        aria-label={`Split “${a.title}” out of this story`}
                        onClick={() => void split(a)}
                      >
                        Split out
                      </button>
                    )}
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ul>
      </section>
    </article>
  );
}
