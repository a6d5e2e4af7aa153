import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { openBrowser, type Browser } from './browser.ts';
import type { World } from './world.ts';
import { resultsShown } from './typing.ts';

/** Every screenshot the suite takes, in four variants (git-ignored: for a person at this machine). */
export const shots = join(dirname(fileURLToPath(import.meta.url)), '..', 'screenshots');

/** Saves a screenshot at desktop and 360 px width, light and dark (for a person to look at). */
export async function screenshots(page: Page, name: string): Promise<void> {
  mkdirSync(shots, { recursive: true });
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    for (const [label, width] of [
      ['desktop', 1280],
      ['360', 360],
    ] as const) {
      await page.setViewportSize({ width, height: width === 360 ? 780 : 900 });
      await page.screenshot({
        path: join(shots, `${name}-${label}-${scheme}.png`),
        fullPage: width === 360,
      });
    }
  }
  await page.emulateMedia({ colorScheme: 'light' });
  await page.setViewportSize({ width: 1280, height: 900 });
}

export const resultTitles = (page: Page) =>
  page.locator('#results a[data-result-link]').allInnerTexts();
/** Waits until the results on screen answer the page's URL (and, when given, the words `q`). */
export const resultsFor = resultsShown;
export const settled = (page: Page) => resultsFor(page, null);

/**
 * The main screens, committed in docs/screenshots so a reviewer sees the UI without running it.
 * Taken at the viewport the test has set. They are replaced only when asked
 * (UPDATE_SCREENSHOTS=1, as .ci/run does), so an ordinary test run leaves the tree clean (the
 * pictures carry the time of the run); otherwise they go beside the other screenshots.
 */
export const reviewShots = process.env.UPDATE_SCREENSHOTS
  ? join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'docs', 'screenshots')
  : join(shots, 'review');

export async function forReview(
  page: Page,
  name: string,
  options: { fullPage?: boolean } = {},
): Promise<void> {
  mkdirSync(reviewShots, { recursive: true });
  await page.screenshot({
    path: join(reviewShots, `${name}.png`),
    fullPage: options.fullPage ?? false,
  });
}

/**
 * The real API over the fixtures (a world of its own) and a fresh Chromium page on it, for one
 * test file. Script errors and Content-Security-Policy refusals on the page go to `problems`,
 * which each file asserts empty at its end.
 */
export async function openSession(
  problems: string[],
): Promise<{ world: World; browser: Browser; page: Page }> {
  const { startWorld } = await import('./world.ts');
  const world = await startWorld();
  const browser = await openBrowser();
  const page = await browser.context.newPage();
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content Security Policy|Refused to/i.test(m.text()))
      problems.push(m.text());
  });
  return { world, browser, page };
}

/** Signs in as the world's librarian through the header's dialog. */
export async function signIn(page: Page, token: string): Promise<void> {
  await page.getByRole('button', { name: 'Librarian sign in' }).click();
  await page.fill('#token', token);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.locator('.badge', { hasText: 'Librarian' }).waitFor();
}
