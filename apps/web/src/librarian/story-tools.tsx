import type { Article } from '@newsarchive/core';
import { useState, type FormEvent } from 'react';
import { ApiRequestError, joinStories, splitStory, undoStory } from '../api.ts';
import { dataChanged } from '../data-version.ts';

/** An article id from what a librarian pastes: the id itself, or this site's article address. */
export function articleIdFrom(input: string): string | null {
  const text = input.trim();
  const fromPath = /\/articles\/([A-Za-z0-9_-]+)/.exec(text);
  if (fromPath) return fromPath[1]!;
  return /^[A-Za-z0-9_-]+$/.test(text) ? text : null;
}

/**
 * A librarian's corrections of the article's story: take it out, join it with another
 * article's story, or undo both. Each is audited on the article and survives re-ingest.
 */
export default function StoryTools({ article }: { article: Article }) {
  const [other, setOther] = useState('');
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<{ text: string; error?: boolean; undo?: boolean } | null>(
    null,
  );

  const run = async (action: () => Promise<string>, done: string, undo = true) => {
    setBusy(true);
    setStatus(null);
    try {
      await action();
      dataChanged();
      setStatus({ text: done, undo });
    } catch (err) {
      setStatus({
        text: err instanceof ApiRequestError ? err.message : 'The change could not be saved.',
        error: true,
      });
    } finally {
      setBusy(false);
    }
  };
  const join = (e: FormEvent) => {
    e.preventDefault();
    const into = articleIdFrom(other);
    if (!into) {
      setStatus({ text: 'Paste an article id or the address of an article page.', error: true });
      return;
    }
    void run(() => joinStories(article.id, into), `Joined to the story of ${into}.`).then(() =>
      setOther(''),
    );
  };

  return (
    <section className="story-tools card-form" aria-labelledby="story-tools-title">
      <h3 id="story-tools-title">Story</h3>
      <p className="hint">
        The article is grouped with other outlets’ reports of the same event. Correct the grouping
        here; re-ingest and regrouping keep it.
      </p>
      <form onSubmit={join}>
        <label className="field">
          <span>Join with the story of (article id or address)</span>
          <input value={other} onChange={(e) => setOther(e.target.value)} disabled={busy} />
        </label>
        <div className="form-actions">
          <button type="submit" className="button" disabled={busy || !other.trim()}>
            Join stories
          </button>
          <button
            type="button"
            className="button secondary"
            disabled={busy}
            onClick={() => void run(() => splitStory(article.id), 'Taken out of its story.')}
          >
            Split out of its story
          </button>
        </div>
      </form>
      <p className={`status-line ${status?.error ? 'error' : status ? 'ok' : ''}`} role="status">
        {status?.text ?? '\u00a0'}
        {status?.undo && (
          <>
            {' '}
            <button
              type="button"
              className="link-button"
              onClick={() =>
                void run(
                  () => undoStory(article.id),
                  'Undone: the story is drawn again from the reports it matches.',
                  false,
                )
              }
            >
              Undo
            </button>
          </>
        )}
      </p>
    </section>
  );
}
