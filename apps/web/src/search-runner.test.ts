import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createSearchRunner, type RunnerState } from './search-runner.ts';

/** A fetch whose answers the test releases in any order it likes. */
function controllableFetcher() {
  const calls: {
    query: string;
    signal: AbortSignal;
    resolve: (v: string) => void;
    reject: (e: unknown) => void;
  }[] = [];
  const fetcher = (query: string, signal: AbortSignal) =>
    new Promise<string>((resolve, reject) => calls.push({ query, signal, resolve, reject }));
  return { calls, fetcher };
}

describe('search runner', () => {
  let states: RunnerState<string, string>[];
  beforeEach(() => {
    states = [];
  });
  afterEach(() => vi.useRealTimers());

  it('never lets an older answer overwrite a newer one', async () => {
    const { calls, fetcher } = controllableFetcher();
    const runner = createSearchRunner<string, string>({ fetcher, onChange: (s) => states.push(s) });
    runner.request('ga');
    runner.request('gaz');
    runner.request('gaza');
    expect(calls.map((c) => c.query)).toEqual(['ga', 'gaz', 'gaza']);
    expect(calls[0]!.signal.aborted).toBe(true);
    expect(calls[1]!.signal.aborted).toBe(true);
    expect(calls[2]!.signal.aborted).toBe(false);

    calls[2]!.resolve('results for gaza');
    await Promise.resolve();
    // The slow, stale answers arrive after the newest one (a server that ignored the abort).
    calls[0]!.resolve('results for ga');
    calls[1]!.resolve('results for gaz');
    await new Promise((r) => setTimeout(r, 0));

    const last = states[states.length - 1]!;
    expect(last.response).toBe('results for gaza');
    expect(last.responseFor).toBe('gaza');
    expect(last.pending).toBe(false);
    expect(
      states.some((s) => s.response === 'results for ga' || s.response === 'results for gaz'),
    ).toBe(false);
  });

  it('keeps the previous results on screen while the next search loads (no flicker)', async () => {
    const { calls, fetcher } = controllableFetcher();
    const runner = createSearchRunner<string, string>({ fetcher, onChange: (s) => states.push(s) });
    runner.request('a');
    calls[0]!.resolve('A');
    await Promise.resolve();
    runner.request('b');
    const loading = states[states.length - 1]!;
    expect(loading.pending).toBe(true);
    expect(loading.response).toBe('A');
  });

  it('debounces typing: a keystroke after a pause goes at once, a fast burst collapses into its last', () => {
    vi.useFakeTimers();
    const { calls, fetcher } = controllableFetcher();
    const runner = createSearchRunner<string, string>({ fetcher, onChange: () => {} });
    runner.request('c', 50);
    expect(calls.map((c) => c.query)).toEqual(['c']);
    vi.advanceTimersByTime(20);
    runner.request('ce', 50);
    vi.advanceTimersByTime(20);
    runner.request('cea', 50);
    expect(calls.map((c) => c.query)).toEqual(['c']);
    expect(calls[0]!.signal.aborted).toBe(true);
    vi.advanceTimersByTime(50);
    expect(calls.map((c) => c.query)).toEqual(['c', 'cea']);
    vi.advanceTimersByTime(200);
    runner.request('ceas', 50);
    expect(calls.map((c) => c.query)).toEqual(['c', 'cea', 'ceas']);
  });

  it('reports an error of the latest request and retries it', async () => {
    const { calls, fetcher } = controllableFetcher();
    const runner = createSearchRunner<string, string>({ fetcher, onChange: (s) => states.push(s) });
    runner.request('x');
    calls[0]!.reject(new Error('engine_unavailable'));
    await new Promise((r) => setTimeout(r, 0));
    expect(states[states.length - 1]!.error).toBeInstanceOf(Error);
    runner.retry();
    expect(calls).toHaveLength(2);
    expect(calls[1]!.query).toBe('x');
    calls[1]!.resolve('ok');
    await new Promise((r) => setTimeout(r, 0));
    expect(states[states.length - 1]!).toMatchObject({
      response: 'ok',
      error: null,
      pending: false,
    });
  });

  it('ignores the rejection of an aborted request', async () => {
    const { calls, fetcher } = controllableFetcher();
    const runner = createSearchRunner<string, string>({ fetcher, onChange: (s) => states.push(s) });
    runner.request('a');
    runner.request('b');
    calls[0]!.reject(new DOMException('aborted', 'AbortError'));
    await new Promise((r) => setTimeout(r, 0));
    expect(states.every((s) => s.error === null)).toBe(true);
  });
});
