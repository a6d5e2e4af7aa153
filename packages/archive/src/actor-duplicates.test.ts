import { describe, expect, it } from 'vitest';
import { findDuplicates } from './actor-duplicates.ts';
import type { ActorRow } from './actors.ts';

const row = (name: string, articles: number, type: ActorRow['type'] = 'person'): ActorRow => ({
  id: name.toLowerCase().replace(/[^a-z]+/g, '-'),
  name,
  type,
  articles,
});
const pairs = (rows: ActorRow[]) =>
  findDuplicates(rows).map((p) => `${p.a.name} -> ${p.b.name} (${p.reason})`);

describe('findDuplicates', () => {
  it('pairs a spelling with the actor it likely is; the better-known one survives', () => {
    expect(pairs([row('Antony Blinken', 40), row('Antony J. Blinken', 3)])).toEqual([
      'Antony J. Blinken -> Antony Blinken (middle-initial)',
    ]);
    expect(pairs([row('Antony Blinken', 2), row('Antony J. Blinken', 30)])).toEqual([
      'Antony Blinken -> Antony J. Blinken (middle-initial)',
    ]);
  });

  it('sends a part of a name to the full name, whatever the counts', () => {
    expect(pairs([row('Samer Abu Daqqa', 1), row('Abu Daqqa', 9)])).toEqual([
      'Abu Daqqa -> Samer Abu Daqqa (part-of-name)',
    ]);
  });

  it('does not guess between two candidates, nor across persons and bodies', () => {
    expect(pairs([row('Maria Lopez', 5), row('Mark Lopez', 5), row('M. Lopez', 1)])).toEqual([]);
    expect(
      pairs([row('Jordan', 50, 'state'), row('Jim Jordan', 10)]).filter((p) => p.includes('state')),
    ).toEqual([]);
    expect(
      pairs([row('Al Qassam Brigades', 4, 'group'), row('Qassam Brigades', 2, 'group')]),
    ).toEqual(['Qassam Brigades -> Al Qassam Brigades (article)']);
  });
});
