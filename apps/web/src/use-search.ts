import type { SearchResponse } from '@newsarchive/core';
import { useEffect, useRef, useState } from 'react';
import { search } from './api.ts';
import { useSession } from './auth.ts';
import { useDataVersion } from './data-version.ts';
import { rememberNames } from './names.ts';
import { createSearchRunner, type RunnerState, type SearchRunner } from './search-runner.ts';
import { navigate } from './router.tsx';
import { searchHref, toSearchParams, type SearchState } from './url-state.ts';

/** Keystrokes closer together than this collapse into one request; one after a pause goes at once. */
export const TYPING_DEBOUNCE_MS = 60;

const sameExceptWords = (a: SearchState, b: SearchState) =>
  toSearchParams({ ...a, q: '', page: 1 }).toString() ===
    toSearchParams({ ...b, q: '', page: 1 }).toString() && a.q !== b.q;

/** Live results for a search state: debounced while typing, immediate for clicks, newest wins. */
export function useSearch(
  state: SearchState,
): RunnerState<SearchState, SearchResponse> & { retry: () => void } {
  const [result, setResult] = useState<RunnerState<SearchState, SearchResponse>>({
    response: null,
    responseFor: null,
    error: null,
    pending: true,
  });
  const runner = useRef<SearchRunner<SearchState> | null>(null);
  const previous = useRef<SearchState | null>(null);
  const session = useSession();
  const version = useDataVersion();
  const key = toSearchParams(state).toString();

  useEffect(() => {
    const r = createSearchRunner<SearchState, SearchResponse>({
      fetcher: async (s, signal) => {
        const { movedActors, ...response } = await search(s, signal);
        rememberNames(response);
        // An old link named a merged-away actor: the address takes the survivor's id, so the
        // facets show it selected and a copied link is current.
        if (movedActors) navigate(searchHref({ ...s, ...movedActors }), { replace: true });
        return response;
      },
      onChange: setResult,
    });
    runner.current = r;
    return () => {
      r.dispose();
      runner.current = null;
    };
  }, []);

  useEffect(() => {
    const prev = previous.current;
    previous.current = state;
    runner.current?.request(state, prev && sameExceptWords(prev, state) ? TYPING_DEBOUNCE_MS : 0);
    // `key` stands for `state`; session and version make the same search run again.
  }, [key, session?.token, version]);

  return { ...result, retry: () => runner.current?.retry() };
}
