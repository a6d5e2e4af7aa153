import type { SearchResponse } from '@newsarchive/core';
import { showReading, suggestionFor } from '../query-terms.ts';
import { Link } from '../router.tsx';
import { searchHref, updateSearch, type SearchState } from '../url-state.ts';

/**
 * Above the results: how the engine read the query ("Searched for …", when the reader used the
 * query language) and a spelling to try ("Did you mean …", when the search found little). Both
 * are plain text from the response, never HTML.
 */
export function QueryNotes({ state, response }: { state: SearchState; response: SearchResponse }) {
  const read = response.query?.read ?? '';
  const reading = showReading(state.q, read);
  const suggestion = suggestionFor(state.q, response);
  if (!reading && !suggestion) return null;
  return (
    <div className="query-notes">
      {reading && (
        <p className="query-read">
          Searched for <code>{read}</code>
        </p>
      )}
      {suggestion && (
        <p className="did-you-mean">
          Did you mean{' '}
          <Link href={searchHref(updateSearch(state, { q: suggestion }))}>{suggestion}</Link>?
        </p>
      )}
    </div>
  );
}
