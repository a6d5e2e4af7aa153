import { existsSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM, type Browser } from './browser.ts';
import {
  forReview,
  openSession,
  resultsFor,
  screenshots,
  settled,
  signIn as signInAs,
} from './pages.ts';
import type { World } from './world.ts';

// The librarian's day in real Chromium: curation beside the text, history in words with undo,
// the actor registry's merge with confirm and undo, old links after a merge, and the outage
// view. A world of its own, so merges here do not disturb the reader's suite.
const noChromium = existsSync(CHROMIUM)
  ? null
  : `${CHROMIUM} is absent (apt-get install -y chromium; .ci/run installs it)`;
if (noChromium) console.warn(`[web e2e] librarian screens skipped: ${noChromium}`);
const suite = `librarian screens in Chromium against the real API${noChromium ? ` — skipped: ${noChromium}` : ''}`;

describe.skipIf(noChromium !== null)(suite, () => {
  let world: World;
  let browser: Browser;
  let page: Page;
  const problems: string[] = [];

  beforeAll(async () => {
    ({ world, browser, page } = await openSession(problems));
  });
  afterAll(async () => {
    await browser?.close();
    await world?.close();
  });

  const signIn = (p: Page) => signInAs(p, world.librarianToken);

  it('signs in without framing the page, and keeps the header in reach', async () => {
    await page.goto(`${world.url}/articles/harbour-strike-gazette`);
    await page.locator('#article-title').waitFor();
    await signIn(page);
    // Focus goes to the page (for screen readers) but draws no ring around all of it.
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('main');
    expect(
      await page.evaluate(() => getComputedStyle(document.getElementById('main')!).outlineStyle),
    ).toBe('none');
    // A short window, so the article with its tools scrolls.
    await page.setViewportSize({ width: 1280, height: 360 });
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(0);
    const header = await page.locator('.site-header').boundingBox();
    expect(header?.y).toBe(0);
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  it('puts curation beside the text, tells the history in words, and undoes a change', async () => {
    await page.goto(`${world.url}/articles/harbour-strike-gazette`);
    const panel = page.locator('.curation');
    await panel.waitFor();
    const body = (await page.locator('.article-body').boundingBox())!;
    const tools = (await panel.boundingBox())!;
    // Beside the text, starting level with it: not below the whole article.
    expect(tools.x).toBeGreaterThanOrEqual(body.x + body.width);
    expect(Math.abs(tools.y - body.y)).toBeLessThan(80);

    await page.getByRole('button', { name: 'Remove Port Authority' }).click();
    await page.getByText('Removed Port Authority.').waitFor();
    // The status line offers to undo what was just done.
    await panel.getByRole('button', { name: 'Undo', exact: true }).waitFor();

    await page.getByLabel('Outlet').fill('Bay Herald');
    await page.getByRole('button', { name: 'Save corrections' }).click();
    await page.getByText('Saved.').waitFor();

    await page.getByRole('button', { name: /History/ }).click();
    const history = page.locator('.history-list');
    await history.getByText('outlet: Harbour Gazette → Bay Herald').waitFor();
    await history.getByText('removed actor Port Authority').waitFor();
    // Sentences, not the audit's JSON.
    expect(await history.innerText()).not.toMatch(/[[\]{}]/);
    await page.evaluate(() => window.scrollTo(0, 0));
    await forReview(page, 'article-curation', { fullPage: true });
    await screenshots(page, 'article-curation');

    await page.getByRole('button', { name: 'Undo: removed actor Port Authority' }).click();
    await page.getByText('Undone: removed actor Port Authority.').waitFor();
    await page
      .locator('.chips[aria-label="Actors named"]', { hasText: 'Port Authority' })
      .waitFor();
    await history.getByText('added actor Port Authority').waitFor();

    await page.getByRole('button', { name: 'Undo: outlet: Harbour Gazette → Bay Herald' }).click();
    await page.locator('.article-meta .outlet', { hasText: 'Harbour Gazette' }).waitFor();
  });

  it('shows librarians the provenance path, readers only the file name', async () => {
    await page.goto(`${world.url}/articles/harbour-strike-gazette`);
    await page.locator('.curation').waitFor();
    expect(await page.locator('.provenance').innerText()).toContain(
      '/srv/newsroom/imports/e2e-fixtures.json',
    );
  });

  it('merges actors selected across searches, after a confirm, and undoes the merge', async () => {
    await page.goto(`${world.url}/librarian/actors`);
    const find = page.getByLabel('Find by name or alias');
    await find.fill('L. Ortiz');
    await expect.poll(() => page.locator('.registry-row').count()).toBe(1);
    expect(await page.locator('.registry-row').innerText()).toContain('1 article');
    expect(await page.locator('.registry-row').innerText()).not.toContain('1 articles');
    await page.getByRole('checkbox', { name: 'Select L. Ortiz for merging' }).check();

    // A new search keeps the selection.
    await find.fill('Lena');
    await page.getByRole('checkbox', { name: 'Select Lena Ortiz for merging' }).waitFor();
    await page.getByRole('button', { name: 'Unselect L. Ortiz' }).waitFor();
    await page.getByRole('checkbox', { name: 'Select Lena Ortiz for merging' }).check();
    await page.locator('.merge-bar select').selectOption('lena-ortiz');

    await page.getByRole('button', { name: 'Merge…' }).click();
    const confirm = page.locator('.merge-confirm');
    await confirm.waitFor();
    expect(await confirm.innerText()).toMatch(/Merge L\. Ortiz \(1 article\) into Lena Ortiz/);
    await forReview(page, 'actor-registry');
    // Back leaves everything as it was.
    await page.getByRole('button', { name: 'Back' }).click();
    await page.getByRole('button', { name: 'Merge…' }).click();
    await page.getByRole('button', { name: 'Confirm merge' }).click();
    await page.getByText('Merged L. Ortiz into Lena Ortiz.').waitFor();

    // A reader's old link to the merged-away actor finds the survivor's articles.
    const reader = await browser.context.newPage();
    try {
      await reader.goto(`${world.url}/?actor=l-ortiz`);
      await reader.waitForURL(/actor=lena-ortiz/);
      await settled(reader);
      expect(await reader.locator('#results .result').count()).toBeGreaterThan(1);
      expect(await reader.locator('#results').innerText()).toContain('A note on harbour tides');
    } finally {
      await reader.close();
    }

    await page.getByRole('button', { name: 'Undo merge' }).click();
    await page.getByText('Undone: L. Ortiz is separate from Lena Ortiz again.').waitFor();
    await find.fill('Ortiz');
    await expect.poll(() => page.locator('.registry-row').count()).toBe(2);
  });

  it('suggests likely duplicates: one click merges (with Undo), another dismisses for good', async () => {
    await page.goto(`${world.url}/librarian/actors`);
    const panel = page.locator('.suggestions-panel');
    await panel.getByText('L. Ortiz').waitFor();
    expect(await panel.innerText()).toContain('may be Lena Ortiz');
    await panel.getByRole('button', { name: 'Merge L. Ortiz into Lena Ortiz' }).click();
    await page.getByText('Merged L. Ortiz into Lena Ortiz.').waitFor();
    await expect.poll(() => panel.getByText('L. Ortiz').count()).toBe(0);
    await page.getByRole('button', { name: 'Undo merge' }).click();
    await page.getByText('Undone: L. Ortiz is separate from Lena Ortiz again.').waitFor();
    await panel.getByText('L. Ortiz').waitFor();

    await panel.getByRole('button', { name: 'L. Ortiz and Lena Ortiz are different' }).click();
    await expect.poll(() => panel.getByText('L. Ortiz').count()).toBe(0);
    await page.reload();
    await page.getByLabel('Find by name or alias').waitFor();
    // Gone for good (the panel may be gone with it when nothing else is suggested).
    expect(await page.locator('.suggestions-panel').getByText('L. Ortiz').count()).toBe(0);
  });

  it('clears the last count and facets while search is unavailable', async () => {
    await page.goto(`${world.url}/?q=harbour`);
    await resultsFor(page, 'harbour');
    expect(await page.locator('.result-count').innerText()).toMatch(/\d+ articles/);
    await page.route('**/api/search?**', (route) =>
      route.fulfill({
        status: 503,
        contentType: 'application/json',
        body: JSON.stringify({
          error: { code: 'engine_unavailable', message: 'the search engine did not answer' },
        }),
      }),
    );
    try {
      await page.fill('#q', 'ferry');
      await page.getByRole('alert').waitFor();
      expect((await page.locator('.result-count').innerText()).trim()).toBe('');
      expect(await page.locator('#filters input[type="checkbox"]').count()).toBe(0);
      await page.locator('#filters', { hasText: 'Filters come back with the results.' }).waitFor();
    } finally {
      await page.unroute('**/api/search?**');
    }
  });

  it('saw no script errors along the way', () => {
    expect(problems).toEqual([]);
  });
});
