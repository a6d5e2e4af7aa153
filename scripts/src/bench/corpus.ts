import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { slugify, type SearchDocument } from '@newsarchive/core';
import { corpusDir } from './figures.ts';

interface CorpusArticle {
  ID: string;
  title: string;
  content_original: string;
  source: string;
  source_url?: string;
  url?: string;
  date?: string;
  authors?: string;
}

const NOT_NAMES = new Set([
  'The',
  'A',
  'An',
  'In',
  'On',
  'But',
  'And',
  'It',
  'He',
  'She',
  'They',
  'We',
  'This',
  'That',
  'I',
  'If',
  'As',
  'At',
  'For',
  'Mr',
  'Mrs',
  'Ms',
]);

/** Stand-in actors: the capitalised phrases of two or three words an article repeats most. */
function standInActors(text: string): SearchDocument['actors'] {
  const counts = new Map<string, number>();
  for (const m of text.slice(0, 6000).matchAll(/\b([A-Z][a-z]+(?: [A-Z][a-z]+){1,2})\b/g)) {
    const name = m[1]!;
    if (NOT_NAMES.has(name.split(' ')[0]!)) continue;
    counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 12)
    .map(([name]) => ({ id: slugify(name), name, type: 'person' as const }));
}

/** The corpus's dates (`2019-05-30`, `5/30/19`) as ISO days. */
export function normaliseDate(raw: string | undefined): string | null {
  if (!raw) return null;
  if (/^\d{4}-\d{2}-\d{2}/.test(raw)) return raw.slice(0, 10);
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{2})$/.exec(raw);
  if (m) return `20${m[3]}-${m[1]!.padStart(2, '0')}-${m[2]!.padStart(2, '0')}`;
  return null;
}

/**
 * The allsides corpus as search documents, one per article with a title and a body, as the
 * benchmarks and the search-quality evaluation index it.
 */
export function corpusDocuments(): SearchDocument[] {
  const docs: SearchDocument[] = [];
  for (const name of readdirSync(corpusDir)) {
    if (!name.endsWith('.json')) continue;
    const a = JSON.parse(readFileSync(join(corpusDir, name), 'utf8')) as CorpusArticle;
    const body = a.content_original.trim();
    if (!a.title || !body) continue;
    const outletName =
      a.source_url?.replace(/^https?:\/\/(www\.)?/, '').replace(/\/.*$/, '') || a.source;
    docs.push({
      id: slugify(a.ID).slice(0, 60),
      url: a.url ?? null,
      title: a.title,
      body,
      outlet: { id: slugify(outletName), name: outletName },
      byline: a.authors?.trim() || null,
      publishedAt: normaliseDate(a.date),
      actors: standInActors(`${a.title}\n${body}`),
      storyId: slugify(a.ID).slice(0, 60),
      storySize: 1,
      storyOutlets: 1,
      copyId: 'cp_fixture',
      copies: 1,
      status: 'visible',
      hiddenReason: null,
      collections: ['allsides'],
    });
  }
  return docs;
}
