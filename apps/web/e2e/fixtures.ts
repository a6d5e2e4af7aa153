import type { ExtractedArticle } from '@newsarchive/core';
import { contentHash, coverageProfile, minhashSignature } from '@newsarchive/ingest';

interface Spec {
  id: string;
  title: string;
  body: string;
  outlet: [string, string];
  byline: string | null;
  publishedAt: string | null;
  actors: [string, string, 'person' | 'organization' | 'state' | 'group'][];
}

const specs: Spec[] = [
  {
    id: 'harbour-strike-gazette',
    title: 'Harbour strike halts ferry crossings',
    body: 'Dock workers began a harbour strike on Monday, halting ferry crossings across the bay.\n\nMayor Lena Ortiz urged the port authority and the union to return to talks.',
    outlet: ['harbour-gazette', 'Harbour Gazette'],
    byline: 'Ana Silva',
    publishedAt: '2024-01-15',
    actors: [
      ['lena-ortiz', 'Lena Ortiz', 'person'],
      ['port-authority', 'Port Authority', 'organization'],
      ['dockers-union', 'Dockers Union', 'organization'],
    ],
  },
  {
    id: 'harbour-strike-valley',
    title: 'Ferry crossings stop as harbour strike begins',
    body: 'Dock workers began a harbour strike on Monday, halting ferry crossings across the bay.\n\nMayor Lena Ortiz urged the port authority and the union to return to talks. Commuters queued for buses.',
    outlet: ['valley-times', 'Valley Times'],
    byline: 'Tom Reed',
    publishedAt: '2024-01-16',
    actors: [
      ['lena-ortiz', 'Lena Ortiz', 'person'],
      ['dockers-union', 'Dockers Union', 'organization'],
    ],
  },
  {
    id: 'ceasefire-talks-coastal',
    title: 'Ceasefire talks resume in Geneva',
    body: 'Negotiators from Northland and Southland met in Geneva to resume ceasefire talks.\n\nThe United Nations envoy said the harbour blockade would be discussed.',
    outlet: ['coastal-post', 'Coastal Post'],
    byline: 'Maya Chen',
    publishedAt: '2024-03-04',
    actors: [
      ['northland', 'Northland', 'state'],
      ['southland', 'Southland', 'state'],
      ['united-nations', 'United Nations', 'organization'],
    ],
  },
  {
    id: 'budget-vote-valley',
    title: 'Council passes harbour budget after long vote',
    body: 'The city council passed the harbour budget late on Thursday after a long vote.\n\nMayor Lena Ortiz called it a fair deal for the port.',
    outlet: ['valley-times', 'Valley Times'],
    byline: 'Tom Reed',
    publishedAt: '2024-04-20',
    actors: [
      ['lena-ortiz', 'Lena Ortiz', 'person'],
      ['city-council', 'City Council', 'organization'],
    ],
  },
  {
    id: 'markup-in-body',
    title: 'Web page with <script>alert(1)</script> in its text',
    body: 'The harbour museum page showed <script>window.pwned = true</script> and <b>bold</b> tags as plain text.\n\nNothing here should run.',
    outlet: ['coastal-post', 'Coastal Post'],
    byline: null,
    publishedAt: '2024-05-02',
    actors: [['harbour-museum', 'Harbour Museum', 'organization']],
  },
  {
    id: 'lighthouse-reopens',
    title: 'Old lighthouse reopens to visitors',
    body: 'The old lighthouse on the northern cape reopened on Saturday after repairs funded by Northland.\n\nVisitors climbed the 120 steps.',
    outlet: ['harbour-gazette', 'Harbour Gazette'],
    byline: 'Ana Silva',
    publishedAt: '2024-06-08',
    actors: [['northland', 'Northland', 'state']],
  },
  {
    id: 'undated-harbour-note',
    title: 'A note on harbour tides',
    body: 'Tide tables for the harbour are published weekly by the port authority.',
    outlet: ['coastal-post', 'Coastal Post'],
    byline: null,
    publishedAt: null,
    actors: [
      ['port-authority', 'Port Authority', 'organization'],
      ['l-ortiz', 'L. Ortiz', 'person'],
    ],
  },
];

// Enough articles of one outlet for more than two pages of results (paging, scrolling, Back).
// None names an actor or uses a word the other tests search for, so their counts stay as they were.
const places = ['Northpoint', 'Eastwick', 'Southmoor', 'Westcliff', 'Midvale', 'Highgate'];
for (let n = 1; n <= 45; n++) {
  const place = places[n % places.length]!;
  specs.push({
    id: `almanac-${String(n).padStart(2, '0')}`,
    title: `Almanac ${n}: tides at ${place}`,
    body: `Almanac entry ${n} for ${place}: high water at ${(n % 12) + 1} o'clock, low water ${n * 7} minutes later.\n\nReading ${n * 13} of the gauge, ${n % 2 ? 'rising' : 'falling'} swell, ${n % 3 ? 'calm' : 'windy'} week number ${n}.`,
    outlet: ['almanac-weekly', 'Almanac Weekly'],
    byline: null,
    publishedAt: `2023-${String((n % 12) + 1).padStart(2, '0')}-${String((n % 27) + 1).padStart(2, '0')}`,
    actors: [],
  });
}

/**
 * A few articles covering what the browser tests look at: outlets, actors, dates, markup, and one
 * story told twice (the two harbour-strike versions, copies by ingest's own MinHash fingerprints,
 * so one story from two outlets).
 */
export const fixtureArticles: ExtractedArticle[] = specs.map((s, n) => {
  const outlet = { id: s.outlet[0], name: s.outlet[1] };
  const url = `https://news.example.org/${s.id}`;
  const fields = {
    title: s.title,
    titleDerived: false,
    body: s.body,
    byline: s.byline,
    outlet,
    publishedAt: s.publishedAt,
    url,
  };
  return {
    id: s.id,
    ...fields,
    actors: s.actors.map(([id, name, type]) => ({ id, name, type })),
    collections: [],
    source: { format: 'json', origin: '/srv/newsroom/imports/e2e-fixtures.json', line: n + 1 },
    fingerprint: {
      contentHash: contentHash(fields),
      minhash: minhashSignature(s.body),
      coverage: coverageProfile({ ...fields, outletId: outlet.id }),
    },
  };
});
