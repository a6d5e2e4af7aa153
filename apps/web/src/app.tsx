import { lazy, Suspense, useEffect } from 'react';
import { ArticlePage } from './article/article-page.tsx';
import { Link, navigate, useLocation } from './router.tsx';
import { SearchPage } from './search/search-page.tsx';
import { CoveragePage } from './stories/coverage-page.tsx';
import { LibrarianControls } from './sign-in.tsx';

// Librarian screens are loaded only when used, keeping them out of the reader's first load.
const ActorRegistry = lazy(() => import('./librarian/actor-registry.tsx'));

const ARTICLE_PATH = /^\/articles\/([A-Za-z0-9_-]+)\/?$/;
const STORY_PATH = /^\/stories\/([A-Za-z0-9_-]+)\/?$/;

function isTypingTarget(el: EventTarget | null): boolean {
  if (!(el instanceof HTMLElement)) return false;
  return el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName);
}

export function App() {
  const location = useLocation();

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== '/' || e.metaKey || e.ctrlKey || e.altKey || isTypingTarget(e.target)) return;
      e.preventDefault();
      const input = document.getElementById('q') as HTMLInputElement | null;
      if (input) {
        input.focus();
        input.select();
      } else {
        navigate('/');
        requestAnimationFrame(() => document.getElementById('q')?.focus());
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const article = ARTICLE_PATH.exec(location.pathname);
  const story = STORY_PATH.exec(location.pathname);
  let page;
  if (location.pathname === '/' || location.pathname === '/index.html')
    page = <SearchPage location={location} />;
  else if (article) page = <ArticlePage id={article[1]!} location={location} />;
  else if (story) page = <CoveragePage id={story[1]!} location={location} />;
  else if (location.pathname === '/librarian/actors')
    page = (
      <Suspense fallback={<p className="loading-text">Loading…</p>}>
        <ActorRegistry />
      </Suspense>
    );
  else page = <NotFound />;

  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="site-header">
        <Link href="/" className="brand">
          news<span>archive</span>
        </Link>
        <nav aria-label="Account">
          <LibrarianControls />
        </nav>
      </header>
      <main id="main" tabIndex={-1}>
        {page}
      </main>
    </>
  );
}

function NotFound() {
  return (
    <div className="empty-state">
      <h1>Page not found</h1>
      <p>
        <Link href="/">Go to the search</Link>
      </p>
    </div>
  );
}
