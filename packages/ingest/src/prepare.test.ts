import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ExtractedArticle } from '@newsarchive/core';
import { deriveTitle, looksLikePerson, prepareArticle, prepareItems } from './prepare.ts';
import { readTxt } from './readers/documents.ts';
import type { RawArticle } from './types.ts';

const seedsDir = join(import.meta.dirname, '..', 'test', 'fixtures', 'seeds');
const seedFiles = readdirSync(seedsDir).sort();
const noActors = () => [];

function seed(i: number) {
  const file = seedFiles[i]!;
  const text = readFileSync(join(seedsDir, file), 'utf8');
  const r = readTxt(text, `seeds/${file}`)[0]!;
  if (r.kind !== 'article') throw new Error('expected an article');
  const p = prepareArticle(r.raw, { extractActors: noActors });
  if (!p.ok) throw new Error(p.error.reason);
  return { text, article: p.article };
}

/** Lines of a seed that are site chrome, not article text. */
const CHROME: Record<number, RegExp[]> = {
  0: [
    /^Peace Talks in Cairo: Approaching Critical Point, CIA Involved$/,
    /^by Sededin Dedovic$/,
    /©/,
  ],
  1: [],
  2: [
    /^Asian News Makers$/,
    /^Insight$/,
    /^Israel-Hamas Ceasefire Talks in Cairo Conclude Without Agreement$/,
    /^Related posts$/,
  ],
  3: [],
  4: [],
};

describe('the five seed articles', () => {
  it('are five fixtures', () => expect(seedFiles).toHaveLength(5));

  it('000: title from the headline line, byline from "by", credits gone', () => {
    const { article } = seed(0);
    expect(article.title).toBe('Peace Talks in Cairo: Approaching Critical Point, CIA Involved');
    expect(article.titleDerived).toBe(false);
    expect(article.byline).toBe('Sededin Dedovic');
    expect(article.outlet).toBeNull();
    expect(article.publishedAt).toBeNull();
    expect(article.body).not.toMatch(/©|Getty Images|Hasaballah|Amir Levy|by Sededin/);
    // The standfirst is a sentence of the article: kept, as the first paragraph.
    expect(article.body.startsWith('According to Hamas officials, they are considering')).toBe(
      true,
    );
    // The repeated headline is not in the body.
    expect(article.body).not.toContain('Approaching Critical Point');
  });

  it('002: site header is the outlet, section line and "Related posts" footer dropped', () => {
    const { article } = seed(2);
    expect(article.title).toBe('Israel-Hamas Ceasefire Talks in Cairo Conclude Without Agreement');
    expect(article.titleDerived).toBe(false);
    expect(article.outlet).toEqual({ id: 'asian-news-makers', name: 'Asian News Makers' });
    expect(article.byline).toBeNull();
    expect(article.publishedAt).toBeNull();
    expect(article.body).not.toMatch(/Related posts|Asian News Makers|^Insight$/m);
    expect(article.body.startsWith('A crucial round of high-level talks in Cairo')).toBe(true);
    // Subheads inside the article stay.
    expect(article.body).toContain('\n\nHezbollah-Israel Tensions Flare Amid Talks\n\n');
  });

  it.each([1, 3, 4])('%i: no headline in the text, so the title is derived from the lead', (i) => {
    const { article, text } = seed(i);
    expect(article.titleDerived).toBe(true);
    const lead = text.split('\n')[0]!;
    const firstWords = article.title.replace(/…$/, '').split(' ').slice(0, 6).join(' ');
    expect(lead.startsWith(firstWords)).toBe(true);
    expect(article.title.split(' ').length).toBeLessThanOrEqual(14);
    expect(article.outlet).toBeNull();
    expect(article.byline).toBeNull();
    expect(article.publishedAt).toBeNull();
  });

  it.each([0, 1, 2, 3, 4])('%i: keeps every line of article text, in paragraphs', (i) => {
    const { article, text } = seed(i);
    const lines = text
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l && !CHROME[i]!.some((re) => re.test(l)));
    const paragraphs = article.body.split('\n\n');
    for (const line of lines) expect(paragraphs).toContain(line.normalize('NFC'));
    expect(paragraphs).toHaveLength(lines.length);
  });

  it('each passes ExtractedArticle.parse with a stable id and a content hash', () => {
    for (let i = 0; i < 5; i++) {
      const a = seed(i).article;
      expect(() => ExtractedArticle.parse(a)).not.toThrow();
      expect(a.id).toMatch(/^[0-9a-f]{16}$/);
      expect(seed(i).article.id).toBe(a.id);
      expect(a.fingerprint.contentHash).toMatch(/^[0-9a-f]{64}$/);
      expect(a.source).toEqual({ format: 'txt', origin: `seeds/${seedFiles[i]}`, line: null });
    }
    expect(new Set([0, 1, 2, 3, 4].map((i) => seed(i).article.id)).size).toBe(5);
  });
});

function raw(fields: Partial<RawArticle>): RawArticle {
  return {
    format: 'json',
    origin: 'test.json',
    line: null,
    title: null,
    body: null,
    bodyFormat: 'text',
    url: null,
    outlet: null,
    sourceLabel: null,
    sourceUrl: null,
    published: null,
    byline: null,
    ...fields,
  };
}

describe('prepareArticle', () => {
  const body =
    'The harbour works went on through the night, the mayor said on Tuesday.\n\nA second paragraph follows here.';

  it('rejects an article with no body, saying so', () => {
    const p = prepareArticle(raw({ title: 'Only a title' }), { extractActors: noActors });
    expect(p).toEqual({
      ok: false,
      error: { source: 'test.json', reason: expect.stringMatching(/^no body/) },
    });
    const chromeOnly = prepareArticle(
      raw({ title: 'T', body: 'Advertisement\n\nShare this article' }),
      { extractActors: noActors },
    );
    expect(chromeOnly.ok).toBe(false);
    if (!chromeOnly.ok) expect(chromeOnly.error.reason).toMatch(/only site chrome/);
  });

  it('maps a known domain to a readable outlet, and prefers it to a person in "source"', () => {
    const p = prepareArticle(
      raw({
        title: 'T',
        body,
        sourceLabel: 'Guest Writer - Right',
        sourceUrl: 'www.nationalreview.com',
      }),
      { extractActors: noActors },
    );
    expect(p.ok && p.article.outlet).toEqual({ id: 'national-review', name: 'National Review' });
    const columnist = prepareArticle(
      raw({ title: 'T', body, sourceLabel: 'Ben Shapiro', sourceUrl: 'www.unknown-site.com' }),
      {
        extractActors: noActors,
      },
    );
    expect(columnist.ok && columnist.article.outlet).toEqual({
      id: 'unknown-site-com',
      name: 'unknown-site.com',
    });
  });

  it('lets metadata win over --outlet, and --outlet win over a header line', () => {
    const withMeta = prepareArticle(raw({ title: 'T', body, outlet: 'Harbour Gazette' }), {
      outlet: 'Cli Outlet',
      extractActors: noActors,
    });
    expect(withMeta.ok && withMeta.article.outlet?.name).toBe('Harbour Gazette');
    const text = 'Harbour Gazette\nCity\nWorks Go On Through The Night\n\n' + body;
    const header = prepareArticle(raw({ format: 'txt', body: text }), { extractActors: noActors });
    expect(header.ok && header.article.outlet?.name).toBe('Harbour Gazette');
    expect(header.ok && header.article.title).toBe('Works Go On Through The Night');
    const cli = prepareArticle(raw({ format: 'txt', body: text }), {
      outlet: 'Cli Outlet',
      extractActors: noActors,
    });
    expect(cli.ok && cli.article.outlet).toEqual({ id: 'cli-outlet', name: 'Cli Outlet' });
  });

  it('parses the date from metadata, else a dateline, never the ingest time', () => {
    const meta = prepareArticle(raw({ title: 'T', body, published: '1/21/18' }), {
      extractActors: noActors,
    });
    expect(meta.ok && meta.article.publishedAt).toBe('2018-01-21');
    const line = prepareArticle(
      raw({ format: 'txt', body: `Works Go On\nFriday, January 4, 2019\n\n${body}` }),
      { extractActors: noActors },
    );
    expect(line.ok && line.article.publishedAt).toBe('2019-01-04');
    expect(line.ok && line.article.body).not.toContain('January 4');
    const none = prepareArticle(raw({ title: 'T', body }), { extractActors: noActors });
    expect(none.ok && none.article.publishedAt).toBeNull();
    const garbage = prepareArticle(raw({ title: 'T', body, published: 'not a date' }), {
      extractActors: noActors,
    });
    expect(garbage.ok && garbage.article.publishedAt).toBeNull();
  });

  it('cleans the byline: prefix, photographers, roles, joins', () => {
    const p = prepareArticle(
      raw({
        title: 'T',
        body,
        byline: 'By Brian Resnick, Illustrations Javier Zarracina, Beth Baumann',
      }),
      {
        extractActors: noActors,
      },
    );
    expect(p.ok && p.article.byline).toBe('Brian Resnick and Beth Baumann');
  });

  it('ids by canonical URL: tracking, www, fragment and trailing slash do not matter', () => {
    const a = prepareArticle(
      raw({ title: 'T', body, url: 'https://www.Example.com/a/story/?utm_source=x&fbclid=1#top' }),
      { extractActors: noActors },
    );
    const b = prepareArticle(
      raw({ title: 'Other', body: `${body} Changed.`, url: 'https://example.com/a/story' }),
      { extractActors: noActors },
    );
    expect(a.ok && b.ok && a.article.id === b.article.id).toBe(true);
    expect(
      a.ok && b.ok && a.article.fingerprint.contentHash !== b.article.fingerprint.contentHash,
    ).toBe(true);
  });

  it('without a URL, ids by normalised content', () => {
    const a = prepareArticle(raw({ title: 'T', body }), { extractActors: noActors });
    const b = prepareArticle(raw({ title: 't', body: body.replace(/ /g, '  ').toUpperCase() }), {
      extractActors: noActors,
    });
    const c = prepareArticle(raw({ title: 'T', body: `${body} More.` }), {
      extractActors: noActors,
    });
    expect(a.ok && b.ok && a.article.id === b.article.id).toBe(true);
    expect(a.ok && c.ok && a.article.id !== c.article.id).toBe(true);
  });

  it('passes title, body and byline to the actor extractor it is given', () => {
    const seen: unknown[] = [];
    const p = prepareArticle(raw({ title: 'T', body, byline: 'Jane Roe' }), {
      extractActors: (input) => {
        seen.push(input);
        return [{ name: 'Jane Roe', type: 'person' }];
      },
    });
    expect(seen).toEqual([
      { title: 'T', body: expect.stringContaining('harbour'), byline: 'Jane Roe' },
    ]);
    expect(p.ok && p.article.actors).toEqual([{ name: 'Jane Roe', type: 'person' }]);
  });

  it('keeps the article when the actor extractor throws', () => {
    const p = prepareArticle(raw({ title: 'T', body }), {
      extractActors: () => {
        throw new Error('boom');
      },
    });
    expect(p.ok && p.article.actors).toEqual([]);
  });
});

describe('helpers', () => {
  it('derives a title from the first sentence, trimmed to about twelve words', () => {
    expect(deriveTitle('The harbour talks ended. More followed.')).toBe('The harbour talks ended');
    expect(deriveTitle('Mr. Smith went to Washington. Then home.')).toBe(
      'Mr. Smith went to Washington',
    );
    expect(
      deriveTitle(
        'The talks, which began on Thursday and continued until Sunday, involved top officials from the US.',
      ),
    ).toBe('The talks, which began on Thursday and continued until Sunday, involved top…');
  });

  it('tells a columnist from an outlet in a source label', () => {
    expect(looksLikePerson('Guest Writer - Left', null)).toBe(true);
    expect(looksLikePerson('Ben Shapiro', null)).toBe(true);
    expect(looksLikePerson('Breitbart News', null)).toBe(false);
    expect(looksLikePerson('Vox', null)).toBe(false);
    expect(looksLikePerson('Daily Kos', null)).toBe(false);
  });
});

describe('prepareItems (HTTP ingest)', () => {
  it('returns a result per item with its index and reason', () => {
    const results = prepareItems(
      [
        {
          headline: 'Works go on',
          text: 'The harbour works went on through the night.',
          link: 'https://example.com/a',
        },
        { title: 'No body here' },
        'not an object',
        { title: 42, body: 'x' },
      ],
      { extractActors: noActors, collections: ['api-test'] },
    );
    expect(results.map((r) => r.ok)).toEqual([true, false, false, false]);
    expect(results[0]!.article).toMatchObject({
      title: 'Works go on',
      url: 'https://example.com/a',
      collections: ['api-test'],
    });
    expect(results[1]).toMatchObject({
      index: 1,
      error: { line: 2, reason: expect.stringMatching(/^no body/) },
    });
    expect(results[2]!.error!.reason).toMatch(/expected an article object/);
    expect(results[3]!.error!.reason).toBe('field "title": expected text, got number');
  });
});
