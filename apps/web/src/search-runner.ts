/**
 * Runs searches so that only the newest one ever lands: each request aborts the one before it
 * (AbortController) and carries a sequence number, and an answer whose number is not the
 * latest is dropped even if the abort came too late. Typing is debounced (leading and trailing
 * edge); filter clicks are not.
 */
export interface RunnerState<Q, R> {
  /** The newest answer that arrived (kept while the next one loads, so results never blank out). */
  response: R | null;
  /** The request the response answers. */
  responseFor: Q | null;
  error: unknown;
  /** A request is waiting or in flight. */
  pending: boolean;
}

export interface SearchRunner<Q> {
  /** Asks for `query`; `debounceMs` > 0 waits that long for a newer request first. */
  request(query: Q, debounceMs?: number): void;
  /** Asks again for the latest query (the Retry button, or after a librarian's change). */
  retry(): void;
  dispose(): void;
}

export function createSearchRunner<Q, R>(options: {
  fetcher: (query: Q, signal: AbortSignal) => Promise<R>;
  onChange: (state: RunnerState<Q, R>) => void;
}): SearchRunner<Q> {
  let seq = 0;
  let latest: Q | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let inflight: AbortController | null = null;
  let lastStart = -Infinity;
  let state: RunnerState<Q, R> = { response: null, responseFor: null, error: null, pending: false };
  const set = (change: Partial<RunnerState<Q, R>>) => {
    state = { ...state, ...change };
    options.onChange(state);
  };

  const start = (query: Q, mine: number) => {
    timer = null;
    lastStart = Date.now();
    const controller = new AbortController();
    inflight = controller;
    options.fetcher(query, controller.signal).then(
      (response) => {
        if (mine !== seq) return; // a newer request owns the screen
        inflight = null;
        set({ response, responseFor: query, error: null, pending: false });
      },
      (error: unknown) => {
        if (mine !== seq || controller.signal.aborted) return;
        inflight = null;
        set({ error, pending: false });
      },
    );
  };

  const request = (query: Q, debounceMs = 0) => {
    const mine = ++seq;
    latest = query;
    const hadTimer = timer !== null;
    if (timer !== null) clearTimeout(timer);
    inflight?.abort();
    inflight = null;
    if (!state.pending) set({ pending: true });
    // Leading edge: a keystroke after a pause is sent at once (instant results); keystrokes that
    // follow within `debounceMs` of the last send wait and collapse into one (the trailing edge).
    const waited = !hadTimer && Date.now() - lastStart >= debounceMs;
    timer = null;
    if (debounceMs > 0 && !waited) timer = setTimeout(() => start(query, mine), debounceMs);
    else start(query, mine);
  };

  return {
    request,
    retry: () => {
      if (latest !== null) request(latest);
    },
    dispose: () => {
      seq++;
      if (timer !== null) clearTimeout(timer);
      inflight?.abort();
    },
  };
}
