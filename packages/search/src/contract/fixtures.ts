import type { SearchDocument } from '@newsarchive/core';

const outlets = {
  alpha: { id: 'alpha-post', name: 'Alpha Post' },
  beta: { id: 'beta-times', name: 'Beta Times' },
  gamma: { id: 'gamma-news', name: 'Gamma News' },
};
const actors = {
  netanyahu: { id: 'benjamin-netanyahu', name: 'Benjamin Netanyahu', type: 'person' as const },
  hamas: { id: 'hamas', name: 'Hamas', type: 'group' as const },
  biden: { id: 'joe-biden', name: 'Joe Biden', type: 'person' as const },
  un: { id: 'united-nations', name: 'United Nations', type: 'organization' as const },
};
export const FIXTURE = { outlets, actors };

/** A search document with every field a test does not care about filled in. */
export function searchDocument(
  d: Partial<SearchDocument> & Pick<SearchDocument, 'id' | 'title' | 'body'>,
): SearchDocument {
  return {
    url: `https://example.org/${d.id}`,
    outlet: null,
    byline: null,
    publishedAt: null,
    actors: [],
    storyId: d.id,
    storySize: 1,
    storyOutlets: 1,
    copyId: `cp_${d.id}`,
    copies: 1,
    status: 'visible',
    hiddenReason: null,
    collections: [],
    ...d,
  };
}

/** A small archive whose every answer the contract tests know by heart. */
export function contractDocuments(): SearchDocument[] {
  const weather = Array.from({ length: 12 }, (_, i) =>
    searchDocument({
      id: `weather-${String(i + 1).padStart(2, '0')}`,
      title: `Weather bulletin number ${i + 1}`,
      body: `Forecasters expect mild conditions on day ${i + 1} of the season with light winds.`,
      outlet: outlets.gamma,
      publishedAt: `2021-01-${String(i + 1).padStart(2, '0')}`,
    }),
  );
  return [
    searchDocument({
      id: 'cairo-talks',
      title: 'Ceasefire talks resume in Cairo',
      body: 'Negotiators met on Monday as the ceasefire talks resumed in Cairo.\n\nBenjamin Netanyahu said his government would send a delegation, while Hamas asked for guarantees.',
      outlet: outlets.alpha,
      byline: 'Ada Reporter',
      publishedAt: '2024-01-05',
      actors: [actors.netanyahu, actors.hamas],
      storyId: 'story-ceasefire',
      storySize: 2,
      storyOutlets: 2,
    }),
    searchDocument({
      id: 'ceasefire-holds',
      title: 'Ceasefire holds for a second day',
      body: 'The ceasefire held for a second day on Saturday, officials said, as Hamas released a statement.',
      outlet: outlets.beta,
      publishedAt: '2024-01-06',
      actors: [actors.hamas],
      storyId: 'story-ceasefire',
      storySize: 2,
      storyOutlets: 2,
    }),
    searchDocument({
      id: 'knesset-speech',
      title: 'Netanyahu addresses parliament',
      body: 'In a long speech to lawmakers, the prime minister defended the conduct of the war and promised new elections later.',
      outlet: outlets.gamma,
      publishedAt: '2024-02-10',
      actors: [actors.netanyahu],
    }),
    searchDocument({
      id: 'phone-call',
      title: 'Biden and Netanyahu speak by phone',
      body: 'Joe Biden and Benjamin Netanyahu spoke by phone about hostages and humanitarian aid deliveries.',
      outlet: outlets.alpha,
      publishedAt: '2024-03-15',
      actors: [actors.biden, actors.netanyahu],
    }),
    searchDocument({
      id: 'un-vote',
      title: 'United Nations vote on aid',
      body: 'Members of the United Nations voted on a resolution about humanitarian aid corridors.',
      outlet: outlets.beta,
      publishedAt: '2023-12-20',
      actors: [actors.un],
    }),
    searchDocument({
      id: 'harbour-strike',
      title: 'Harbour strike ends',
      body: 'Dock workers agreed a ceasefire with the port owners after a week of pickets.',
      outlet: outlets.gamma,
      publishedAt: null,
    }),
    searchDocument({
      id: 'hidden-report',
      title: 'Withdrawn ceasefire dossier',
      body: 'This dossier about the ceasefire was withdrawn by the librarians.',
      outlet: outlets.alpha,
      publishedAt: '2024-01-07',
      actors: [actors.hamas],
      status: 'hidden',
      hiddenReason: 'duplicate',
    }),
    searchDocument({
      id: 'script-body',
      title: 'Markup <b>survives</b> as text',
      body: "Before the tag <script>alert('x')</script> comes a ceasefire mention & an ampersand.",
      outlet: outlets.beta,
      publishedAt: '2022-06-01',
    }),
    searchDocument({
      id: 'aid-convoy',
      title: 'Aid convoy reaches Gaza',
      body: 'A convoy organised by the United Nations reached Gaza; Hamas officials watched.',
      outlet: null,
      publishedAt: '2024-01-20',
      actors: [actors.un, actors.hamas],
    }),
    ...weather,
  ];
}

/** User text that must never break a search: FTS5 and filter syntax, odd characters, sizes. */
export const HOSTILE_QUERIES = [
  '"',
  '""',
  '"unbalanced',
  "it's",
  '\\',
  'back\\slash\\"',
  'OR',
  'AND',
  'NOT',
  'ceasefire OR',
  'NOT ceasefire',
  'a AND b OR NOT c',
  '(',
  ')',
  '((ceasefire)',
  'NEAR(',
  'NEAR(ceasefire talks, 2)',
  '*',
  'cease*',
  '^ceasefire',
  'title:ceasefire',
  '{title}: ceasefire',
  '-ceasefire',
  '+ceasefire',
  'ceasefire; DROP TABLE articles; --',
  "' OR 1=1 --",
  '😀',
  'ceasefire 🕊️ talks',
  'وقف إطلاق النار',
  'הפסקת אש',
  '\u202eceasefire',
  '\u0000',
  '   ',
  'x'.repeat(10_000),
  'ceasefire '.repeat(1_000),
];
