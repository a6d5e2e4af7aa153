import { lazy, Suspense, useEffect, useRef, useState } from 'react';
import { getArticle, type ArticlePage as ArticlePageData } from '../api.ts';
import { useSession } from '../auth.ts';
import { useDataVersion } from '../data-version.ts';
import { formatDay, plural, safeHttpUrl } from '../format.ts';
import { highlightText, queryTerms } from '../query-terms.ts';
import { MetaLine } from '../meta-line.tsx';
import { Link, type Location } from '../router.tsx';
import { ErrorPanel } from '../search/search-page.tsx';
import { Highlighted } from '../segments.tsx';
import { storyHref } from '../stories/coverage-page.tsx';
import { EMPTY_SEARCH, parseSearchState, searchHref, toSearchParams } from '../url-state.ts';

const Curation = lazy(() => import('../librarian/curation.tsx'));
const StoryTools = lazy(() => import('../librarian/story-tools.tsx'));

/**
 * The story's other articles beside the text: other outlets' reports, then copies of this very
 * text (same copyId), each linking to its page, and the way to the whole coverage.
 */
function StoryVersions({
  article,
  versions,
  articleQs,
  coverageHref,
}: {
  article: { copyId: string; storyOutlets: number };
  versions: ArticlePageData['otherVersions'];
  articleQs: string;
  coverageHref: string;
}) {
  const copies = versions.filter((v) => v.copyId === article.copyId);
  const reports = versions.filter((v) => v.copyId !== article.copyId);
  const list = (items: typeof versions) => (
    <ul className="versions">
      {items.map((v) => (
        <li key={v.id}>
          <Link href={`/articles/${encodeURIComponent(v.id)}${articleQs ? `?${articleQs}` : ''}`}>
            {v.title}
          </Link>
          <MetaLine as="span">
            {v.outlet && <span className="outlet">{v.outlet.name}</span>}
            {v.publishedAt && <time dateTime={v.publishedAt}>{formatDay(v.publishedAt)}</time>}
            {v.status === 'hidden' && <span className="badge muted">hidden</span>}
          </MetaLine>
        </li>
      ))}
    </ul>
  );
  return (
    <section aria-labelledby="versions-title">
      <h2 id="versions-title">Other reports of this story</h2>
      {versions.length === 0 ? (
        <p className="hint">No other outlet reports this story in the archive.</p>
      ) : (
        <>
          {reports.length > 0 && list(reports)}
          {copies.length > 0 && (
            <>
              <h3 className="small-heading">Copies of this text</h3>
              {list(copies)}
            </>
          )}
          <p>
            <Link href={coverageHref} className="coverage-link">
              {article.storyOutlets > 1
                ? `See the coverage by ${article.storyOutlets} outlets →`
                : 'See the whole story →'}
            </Link>
          </p>
        </>
      )}
    </section>
  );
}

/** An article in full: the search's words marked, metadata, actors, other versions, provenance. */
export function ArticlePage({ id, location }: { id: string; location: Location }) {
  const [data, setData] = useState<{ id: string; page: ArticlePageData } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [attempt, setAttempt] = useState(0);
  const session = useSession();
  const version = useDataVersion();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const search = parseSearchState(location.search);
  const terms = queryTerms(search.q);

  useEffect(() => {
    const controller = new AbortController();
    setError(null);
    getArticle(id, controller.signal).then(
      (page) => setData({ id, page }),
      (err: unknown) => {
        if (!controller.signal.aborted) setError(err);
      },
    );
    return () => controller.abort();
  }, [id, session?.token, version, attempt]);

  const article = data?.id === id ? data.page.article : null;
  useEffect(() => {
    if (!article) return;
    document.title = `${article.title} — newsarchive`;
  }, [article?.title]);
  // Moving focus to the heading tells screen reader users the page changed.
  useEffect(() => {
    if (article) headingRef.current?.focus({ preventScroll: true });
  }, [article?.id]);

  const back = toSearchParams({ ...search, page: search.page }).toString();
  const backLink = (
    <Link href={back ? `/?${back}` : searchHref(EMPTY_SEARCH)} className="back-link">
      ← {search.q || back ? 'Back to results' : 'Search the archive'}
    </Link>
  );

  if (error && !article) {
    const notFound = (error as { code?: string }).code === 'not_found';
    return (
      <div className="article-page">
        {backLink}
        {notFound ? (
          <div className="empty-state" role="alert">
            <h1>This article is not in the archive</h1>
            <p>It may have been removed or hidden by a librarian.</p>
          </div>
        ) : (
          <ErrorPanel error={error} onRetry={() => setAttempt((n) => n + 1)} />
        )}
      </div>
    );
  }
  if (!data || !article) {
    return (
      <div className="article-page" aria-busy="true">
        {backLink}
        <div className="sk sk-heading" />
        <div className="sk sk-meta" />
        {[0, 1, 2, 3].map((i) => (
          <div key={i} className="sk sk-line" />
        ))}
      </div>
    );
  }

  const { otherVersions, provenance } = data.page;
  const url = safeHttpUrl(article.url);
  const paragraphs = article.body.split(/\n{2,}/).filter((p) => p.trim() !== '');
  const qs = toSearchParams({ ...EMPTY_SEARCH, q: search.q }).toString();

  return (
    <article className="article-page" aria-labelledby="article-title">
      {backLink}
      {article.status === 'hidden' && (
        <p className="hidden-banner" role="status">
          Hidden from readers{article.hiddenReason ? `: ${article.hiddenReason}` : ''}
        </p>
      )}
      <h1 id="article-title" ref={headingRef} tabIndex={-1}>
        <Highlighted segments={highlightText(article.title, terms)} />
      </h1>
      <MetaLine className="article-meta">
        {article.outlet && <span className="outlet">{article.outlet.name}</span>}
        {article.publishedAt && (
          <time dateTime={article.publishedAt}>{formatDay(article.publishedAt)}</time>
        )}
        {article.byline && <span className="byline">{article.byline}</span>}
        {url && (
          <a href={url} rel="noopener noreferrer nofollow" target="_blank">
            Original
          </a>
        )}
      </MetaLine>
      {article.actors.length > 0 && (
        <ul className="chips" aria-label="Actors named">
          {article.actors.map((a) => (
            <li key={a.id}>
              <Link
                className={`chip chip-${a.type}`}
                href={searchHref({ ...EMPTY_SEARCH, actor: [a.id] })}
                title={`Search articles naming ${a.name}`}
              >
                {a.name}
              </Link>
            </li>
          ))}
        </ul>
      )}
      <div className={`article-layout${session ? ' with-curation' : ''}`}>
        {session && (
          <div className="curation-slot">
            <Suspense fallback={<p className="loading-text">Loading librarian tools…</p>}>
              <Curation
                article={article}
                onChanged={(a) => setData({ id, page: { ...data.page, article: a } })}
              />
              <StoryTools article={article} />
            </Suspense>
          </div>
        )}
        <div className="article-body">
          {paragraphs.map((p, i) => (
            <p key={i}>
              <Highlighted segments={highlightText(p, terms)} />
            </p>
          ))}
        </div>
        <aside className="article-side">
          <StoryVersions
            article={article}
            versions={otherVersions}
            articleQs={qs}
            coverageHref={storyHref(article.storyId, location.search)}
          />
          <section aria-labelledby="provenance-title">
            <h2 id="provenance-title">Provenance</h2>
            <dl className="provenance">
              <dt>Source</dt>
              <dd>
                {/* Readers are sent the file's name only; librarians the path on the server. */}
                {[provenance.origin, provenance.line !== null ? `item ${provenance.line}` : null]
                  .filter(Boolean)
                  .join(', ')}{' '}
                ({provenance.format})
              </dd>
              <dt>Ingested</dt>
              <dd>
                <time dateTime={provenance.ingestedAt}>
                  {new Date(provenance.ingestedAt).toLocaleString()}
                </time>
              </dd>
              <dt>Content hash</dt>
              <dd className="mono">{provenance.contentHash.slice(0, 16)}…</dd>
              <dt>Story</dt>
              <dd>
                {plural(article.storySize, 'article', 'articles')} from{' '}
                {plural(article.storyOutlets, 'outlet', 'outlets')}
              </dd>
              {article.titleDerived && (
                <>
                  <dt>Title</dt>
                  <dd>made from the first sentence (the source had none)</dd>
                </>
              )}
              {article.curated.length > 0 && (
                <>
                  <dt>Corrected by a librarian</dt>
                  <dd>{article.curated.join(', ')}</dd>
                </>
              )}
              {article.collections.length > 0 && (
                <>
                  <dt>Collections</dt>
                  <dd>{article.collections.join(', ')}</dd>
                </>
              )}
            </dl>
          </section>
        </aside>
      </div>
    </article>
  );
}
