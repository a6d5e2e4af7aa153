import { describe, expect, it } from 'vitest';
import { FIXTURE, searchDocument } from '../contract/fixtures.ts';
import { actorsOf, outletsOf, parseActorKey, parseOutletKey, toMeili } from './documents.ts';

describe('what Meilisearch stores per article', () => {
  it('keys facets by name first and reads ids back from the end, even with | in a name', () => {
    const doc = toMeili(
      searchDocument({
        id: 'a1',
        title: 'S&P falls',
        body: 'The S&P 500 fell.',
        outlet: { id: 'pipe-post', name: 'Pipe | Post' },
        actors: [{ ...FIXTURE.actors.hamas, name: 'Ha|mas' }],
        publishedAt: '2024-03-07',
      }),
    );
    expect(doc.outletKey).toBe('Pipe | Post|pipe-post');
    expect(parseOutletKey(doc.outletKey!)).toEqual({ id: 'pipe-post', name: 'Pipe | Post' });
    expect(parseActorKey(doc.actorKeys[0]!)).toEqual({
      id: 'hamas',
      type: 'group',
      name: 'Ha|mas',
    });
    expect(doc).toMatchObject({
      date: 20240307,
      day: '2024-03-07',
      month: '2024-03',
      year: '2024',
    });
    expect(doc.units).toContain('s&p');
  });

  it('leaves the date fields out of an undated article, so range filters drop it', () => {
    const doc = toMeili(searchDocument({ id: 'u', title: 't', body: 'b' }));
    expect('date' in doc || 'day' in doc || 'month' in doc || 'year' in doc).toBe(false);
    expect(doc.outletKey).toBeNull();
  });

  it('lists facet counts by count, then name', () => {
    expect(outletsOf({ 'B|b': 2, 'A|a': 2, 'C|c': 5 }).map((o) => o.id)).toEqual(['c', 'a', 'b']);
    expect(actorsOf({ 'Zed|person|z': 1, 'Amy|person|a': 3 })).toEqual([
      { id: 'a', type: 'person', name: 'Amy', count: 3 },
      { id: 'z', type: 'person', name: 'Zed', count: 1 },
    ]);
    expect(outletsOf(undefined)).toEqual([]);
  });
});
