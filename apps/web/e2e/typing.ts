/// <reference lib="dom" />
import type { Page } from 'playwright-core';

/**
 * Keystroke to results painted, as a reader feels it: for every keystroke, the time from its
 * input event to the frame after the results for exactly that text are in the page. Keystrokes
 * whose results never show (superseded by the next one while typing) are not counted: the
 * reader never waited for them. Used by the browser suite and by `npm run bench -- ui`.
 * Expects a search page at `page` with its box empty or not; returns sorted milliseconds.
 */
export async function typingLatency(
  page: Page,
  words: string[],
  { delayMs = 130 }: { delayMs?: number } = {},
): Promise<number[]> {
  await page.evaluate(() => {
    const w = window as unknown as { __typed: Map<string, number>; __latency: number[] };
    w.__typed = new Map();
    w.__latency = [];
    document.addEventListener('input', (e) => {
      const t = e.target as HTMLInputElement;
      if (t.id === 'q') w.__typed.set(t.value, performance.now());
    });
    const seen = new Set<string>();
    new MutationObserver(() => {
      const q = document.getElementById('results')?.dataset.resultsFor;
      if (q === undefined || seen.has(q) || !w.__typed.has(q)) return;
      seen.add(q);
      const t0 = w.__typed.get(q)!;
      requestAnimationFrame(() => setTimeout(() => w.__latency.push(performance.now() - t0), 0));
    }).observe(document.body, {
      subtree: true,
      childList: true,
      attributes: true,
      attributeFilter: ['data-results-for'],
    });
  });
  for (const word of words) {
    await page.fill('#q', '');
    await resultsShown(page, null);
    await page.keyboard.type(word, { delay: delayMs });
    await resultsShown(page, word);
  }
  const latency = await page.evaluate(
    () => (window as unknown as { __latency: number[] }).__latency,
  );
  return latency.sort((a, b) => a - b);
}

/** Waits until the results answer the page's URL (and the words `q`, when given), not loading. */
export async function resultsShown(page: Page, q: string | null): Promise<void> {
  await page.waitForFunction((want) => {
    const el = document.getElementById('results');
    const search = new URLSearchParams(window.location.search).toString();
    return (
      el !== null &&
      el.getAttribute('aria-busy') === 'false' &&
      (el.dataset.resultsSearch ?? '') === search &&
      (want === null || el.dataset.resultsFor === want)
    );
  }, q);
}

/**
 * The JavaScript a first visit downloads before it can search, as sent over the wire (after
 * the compression the server negotiated): scripts and module preloads in resource timing.
 */
export async function initialScriptBytes(
  page: Page,
): Promise<{ encoded: number; decoded: number }> {
  return page.evaluate(() => {
    let encoded = 0;
    let decoded = 0;
    for (const e of performance.getEntriesByType('resource') as PerformanceResourceTiming[]) {
      if (!/\.m?js(\?|$)/.test(e.name)) continue;
      encoded += e.encodedBodySize;
      decoded += e.decodedBodySize;
    }
    return { encoded, decoded };
  });
}
