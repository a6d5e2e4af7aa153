import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDate } from '../dates.ts';
import type { RawArticle, ReadResult } from '../types.ts';
import { readHtml } from './documents.ts';

/** Invented for the tests: two documents and a third cut mid-text. */
const fixture = readFileSync(
  join(import.meta.dirname, '..', '..', 'test', 'fixtures', 'europresse', 'export-cut.html'),
  'utf8',
);
const articles = (results: ReadResult[]): RawArticle[] =>
  results.flatMap((r) => (r.kind === 'article' ? [r.raw] : []));

describe('Europresse HTML download', () => {
  it('reads each document: outlet without its issue number, header, title, author, text', () => {
    const [quay, ferry] = articles(readHtml(fixture, 'ep.html'));
    expect(quay).toMatchObject({
      origin: 'ep.html#1',
      outlet: 'La Gazette du Port',
      title: 'Le conseil portuaire approuve le nouveau quai',
      byline: 'Mira Okafor',
      // The link to the outlet's own page is the article's address, not its text.
      url: 'https://www.example.org/port/nouveau-quai',
      body: "Le conseil portuaire de Port Ellery a voté mardi la construction d'un nouveau quai sur la jetée nord.\n\nSon président, Tomas Reyes, a précisé que les travaux dureraient deux ans.",
      metadata: {
        section: 'France',
        length: '412 mots',
        page: '12',
        highlight: 'Les travaux commenceront au printemps',
        accessionNumber: 'news·20231018·GP·1234a5678',
        copyright: '© 2023 La Gazette du Port (inventé pour les tests). Tous droits réservés.',
      },
    });
    expect(parseDate(quay!.published)).toBe('2023-10-18');
    expect(ferry).toMatchObject({
      origin: 'ep.html#2',
      outlet: 'Ellery Soir (site web)',
      byline: null,
      url: null,
      metadata: { section: 'Actualité ; Société', length: '98 mots' },
    });
    expect(parseDate(ferry!.published)).toBe('2023-10-19');
  });

  it('a download cut mid-document: the others stored, the cut one an error naming it', () => {
    const results = readHtml(fixture, 'ep.html');
    expect(articles(results)).toHaveLength(2);
    expect(results.filter((r) => r.kind === 'error')).toEqual([
      {
        kind: 'error',
        error: {
          source: 'ep.html#3',
          line: 3,
          reason: expect.stringMatching(/^Europresse document 3: cut short/),
        },
      },
    ]);
  });
});
