import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM, type Browser } from './browser.ts';
import { forReview, openSession, resultsFor, signIn as signInAs } from './pages.ts';
import type { World } from './world.ts';

// Stories across outlets in real Chromium: four outlets' reports of one (invented) bridge
// closure, two of them one wire text, ingested through the API as a script would send them.
const noChromium = existsSync(CHROMIUM)
  ? null
  : `${CHROMIUM} is absent (apt-get install -y chromium; .ci/run installs it)`;
if (noChromium) console.warn(`[web e2e] coverage view skipped: ${noChromium}`);
const suite = `the coverage view in Chromium against the real API${noChromium ? ` — skipped: ${noChromium}` : ''}`;

const REPORTS = readFileSync(
  resolve(import.meta.dirname, '../../../packages/ingest/test/fixtures/stories/reports.ndjson'),
  'utf8',
);

describe.skipIf(noChromium !== null)(suite, () => {
  let world: World;
  let browser: Browser;
  let page: Page;
  const problems: string[] = [];

  beforeAll(async () => {
    ({ world, browser, page } = await openSession(problems));
    const res = await fetch(`${world.url}/api/ingest`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-ndjson',
        authorization: `Bearer ${world.librarianToken}`,
      },
      body: REPORTS,
    });
    expect(res.status).toBe(200);
    // The server indexes what was stored within its index interval.
    for (let tries = 0; tries < 100; tries++) {
      const r = await fetch(`${world.url}/api/search?q=Tamsin`);
      if (((await r.json()) as { totalHits: number }).totalHits === 4) break;
      await new Promise((done) => setTimeout(done, 100));
    }
  });
  afterAll(async () => {
    await browser?.close();
    await world?.close();
  });

  const signIn = (p: Page) => signInAs(p, world.librarianToken);

  it('says on each result how many outlets covered it and opens the coverage by outlet', async () => {
    await page.goto(`${world.url}/?q=Tamsin`);
    await resultsFor(page, 'Tamsin');
    const lines = await page.locator('#results .story-size').allInnerTexts();
    expect(lines).toEqual(Array(4).fill('Covered by 4 outlets'));
    expect(await page.locator('#results .copies').allInnerTexts()).toEqual([
      '2 copies',
      '2 copies',
    ]);

    await page.locator('#results .story-size').first().click();
    await page.waitForURL(/\/stories\/st_/);
    await page.locator('#coverage-title').waitFor();
    const meta = await page.locator('.article-meta').innerText();
    expect(meta).toContain('4 articles');
    expect(meta).toContain('4 outlets');
    expect(meta).toContain('3 distinct texts');
    const outlets = await page.locator('.coverage-outlet h3').allInnerTexts();
    expect(outlets.sort()).toEqual([
      'Bay Herald',
      'Coast Chronicle',
      'Coast Wire',
      'Harbour Gazette',
    ]);
    await page
      .locator('.coverage-outlet .badge', { hasText: '2 copies of one text' })
      .first()
      .waitFor();
    // The actors several reports name, each a way into the archive.
    await page.getByRole('link', { name: 'Elena Voss' }).waitFor();
    // The other events of the town those days are not part of it.
    expect(await page.getByText('Lighthouse festival').count()).toBe(0);
    await forReview(page, 'coverage', { fullPage: true });

    await page.goBack();
    await resultsFor(page, 'Tamsin');
  });

  it("lists the story's other reports and copies on the article page", async () => {
    await page.goto(`${world.url}/?q=Tamsin`);
    await resultsFor(page, 'Tamsin');
    await page.getByRole('link', { name: /two weeks as inspectors check every girder/ }).click();
    await page.locator('.article-body').waitFor();
    const versions = page.locator('section[aria-labelledby="versions-title"]');
    expect(await versions.locator('.versions li').count()).toBe(3);
    await versions.getByRole('link', { name: 'See the coverage by 4 outlets →' }).click();
    await page.waitForURL(/\/stories\//);
    await page.locator('#coverage-title').waitFor();
  });

  it('lets a librarian split a report out of the story and undo it', async () => {
    await page.goto(`${world.url}/?q=Tamsin`);
    await resultsFor(page, 'Tamsin');
    await signIn(page);
    await page.locator('#results .story-size').first().click();
    await page.locator('#coverage-title').waitFor();
    await page.getByRole('button', { name: /Split “Tamsin Reef Bridge to stay shut/ }).click();
    await page.getByText(/out of this story\./).waitFor();
    await expect.poll(() => page.locator('.coverage-outlet').count()).toBe(3);
    // Readers' results say so too, once the index has it.
    await expect
      .poll(
        async () =>
          (
            (await (await fetch(`${world.url}/api/search?q=Tamsin&group=story`)).json()) as {
              totalHits: number;
            }
          ).totalHits,
      )
      .toBe(2);
    await page.getByRole('button', { name: 'Undo', exact: true }).click();
    await page.getByText(/Undone/).waitFor();
    await expect.poll(() => page.locator('.coverage-outlet').count()).toBe(4);
  });

  it('lets a librarian join an article to a story by pasting its address, and undo it', async () => {
    // Signed in by the test before.
    const bridge = `${world.url}/articles/${await firstId('Tamsin')}`;
    await page.goto(`${world.url}/articles/${await firstId('Lighthouse')}`);
    const tools = page.locator('.story-tools');
    await tools.waitFor();
    await tools.getByLabel('Join with the story of (article id or address)').fill(bridge);
    await tools.getByRole('button', { name: 'Join stories' }).click();
    await tools.getByText(/Joined to the story of/).waitFor();
    await page.getByRole('link', { name: /See the coverage by 4 outlets/ }).waitFor();
    await tools.getByRole('button', { name: 'Undo', exact: true }).click();
    await tools.getByText(/Undone/).waitFor();
    await page.getByText('No other outlet reports this story in the archive.').waitFor();
  });

  async function firstId(q: string): Promise<string> {
    const r = await fetch(`${world.url}/api/search?q=${q}`);
    return ((await r.json()) as { hits: { id: string }[] }).hits[0]!.id;
  }

  it('saw no script errors and no Content-Security-Policy refusals along the way', () => {
    expect(problems).toEqual([]);
  });
});
