import { describe, expect, it } from 'vitest';
import { openArchive } from '@newsarchive/archive';
import type { SearchDocument } from '@newsarchive/core';
import { createEmbeddedEngine } from '@newsarchive/search/embedded';
import { evalSearchQuality, summarise } from './search-quality.ts';
import { all, compound, not, phrase, word } from './truth.ts';

// Articles written for this test: the corpus is never copied into the repository.
const texts: [string, string][] = [
  ['Ports reopen', 'The trade war between the two countries eased as ports reopened.'],
  ['Clinic costs', 'Health-care costs rose again; the clinic blamed the trade deficit.'],
  ['Budget vote', 'Lawmakers argued over healthcare spending and a war on waste.'],
  ['Harbour strike', 'Dockers struck for a day; trade resumed on Friday.'],
];
const docs: SearchDocument[] = texts.map(([title, body], i) => ({
  id: `doc-${i}`,
  url: null,
  title,
  body,
  outlet: { id: 'test', name: 'Test' },
  byline: null,
  publishedAt: '2020-01-01',
  actors: [],
  storyId: `doc-${i}`,
  storySize: 1,
  storyOutlets: 1,
  copyId: 'cp_fixture',
  copies: 1,
  status: 'visible',
  hiddenReason: null,
  collections: [],
}));

describe('evalSearchQuality', () => {
  it('compares hit counts and top hits with each truth and summarises them', async () => {
    const archive = openArchive({ path: ':memory:' });
    const engine = createEmbeddedEngine({ db: archive.db });
    await engine.rebuild([docs]);
    const lines: string[] = [];
    const results = await evalSearchQuality({
      engine,
      docs,
      out: (l) => lines.push(l),
      queries: [
        { construct: 'phrase', q: '"trade war"', truth: phrase('trade', 'war') },
        { construct: 'compound', q: 'healthcare', truth: compound('health', 'care') },
        {
          construct: 'exclude',
          q: 'trade -war',
          truth: all(word('trade'), not(word('war'))),
        },
        // A deliberately wrong truth, so a miss shows in the figures.
        { construct: 'word', q: 'ports', truth: word('nowhere') },
      ],
    });
    await engine.close();
    archive.close();
    expect(results.map((r) => [r.query.q, r.found, r.truth])).toEqual([
      ['"trade war"', 1, 1],
      ['healthcare', 2, 2],
      ['trade -war', 2, 2],
      ['ports', 1, 0],
    ]);
    expect(results[3]!.topWrong).toEqual(['doc-0']);
    const summary = summarise(results, 'embedded').join('\n');
    expect(summary).toMatch(/4 queries: 3 within 5%/);
    expect(summary).toMatch(/worst: ports \(found 1, true 0/);
    expect(summary).toMatch(/first 20 hits satisfying their query: 5\/6/);
  });
});
