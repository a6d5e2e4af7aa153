import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openArchive } from '@newsarchive/archive';
import type { ExtractedArticle } from '@newsarchive/core';
import { prepareArticle, readText } from '@newsarchive/ingest';
import { corpusDir } from '../bench/figures.ts';

// Issue 15: stories are "independent of ingest order". One busy month of the real corpus
// (June 2020, ~680 articles) stored forwards and backwards must form the same stories.
const hasCorpus = existsSync(corpusDir);
const missing = `${corpusDir} is absent`;
if (!hasCorpus) console.warn(`[stories order] skipped: ${missing}`);

const MONTH = /^(2020-06-|6\/\d{1,2}\/20$)/;

function month(): ExtractedArticle[] {
  const out: ExtractedArticle[] = [];
  const seen = new Set<string>();
  for (const name of readdirSync(corpusDir).sort()) {
    const text = readFileSync(join(corpusDir, name), 'utf8');
    const date = (JSON.parse(text) as { date?: string }).date ?? '';
    if (!MONTH.test(date)) continue;
    for (const r of readText(text, 'json', name)) {
      if (r.kind !== 'article') continue;
      const p = prepareArticle(r.raw, { extractActors: () => [] });
      if (p.ok && !seen.has(p.article.id)) {
        seen.add(p.article.id);
        out.push(p.article);
      }
    }
  }
  return out;
}

describe.skipIf(!hasCorpus)(
  `stories of a month of the corpus${hasCorpus ? '' : ` — skipped: ${missing}`}`,
  () => {
    const dir = mkdtempSync(join(tmpdir(), 'stories-order-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    /** The stories as sets of article ids, comparable between archives (ids are random). */
    function partition(articles: ExtractedArticle[], name: string): string[] {
      const archive = openArchive({ path: join(dir, `${name}.db`) });
      try {
        for (let i = 0; i < articles.length; i += 50)
          archive.upsertArticles(articles.slice(i, i + 50));
        const byStory = new Map<string, string[]>();
        for (const a of archive.articles({ includeHidden: true }))
          byStory.set(a.storyId, [...(byStory.get(a.storyId) ?? []), a.id]);
        return [...byStory.values()].map((ids) => ids.sort().join(' ')).sort();
      } finally {
        archive.close();
      }
    }

    it('forms the same stories whatever order the articles are stored in', () => {
      const articles = month();
      expect(articles.length).toBeGreaterThan(500);
      const forwards = partition(articles, 'forwards');
      const backwards = partition([...articles].reverse(), 'backwards');
      // Several outlets' reports of one event are grouped at all...
      expect(forwards.filter((s) => s.includes(' ')).length).toBeGreaterThan(20);
      // ...and exactly alike both ways.
      expect(backwards).toEqual(forwards);
    }, 120_000);
  },
);
