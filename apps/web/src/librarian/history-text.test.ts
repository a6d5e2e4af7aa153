import type { AuditEntry } from '@newsarchive/core';
import { describe, expect, it } from 'vitest';
import { describeEntry, undoPatch } from './history-text.ts';

const entry = (over: Partial<AuditEntry>): AuditEntry => ({
  id: 7,
  at: '2026-12-03T10:00:00Z',
  who: 'ana',
  action: 'article.update',
  entityType: 'article',
  entityId: 'a1',
  before: {},
  after: {},
  reason: null,
  ...over,
});

const dem = { id: 'democratic-party', name: 'Democratic Party', type: 'organization' as const };
const gop = { id: 'republican-party', name: 'Republican Party', type: 'organization' as const };

describe('an audit entry in a librarian’s words', () => {
  it('names the actor removed or added, not a JSON array', () => {
    const e = entry({
      before: { actors: [dem, gop], curated: [] },
      after: { actors: [gop], curated: ['actors'] },
    });
    expect(describeEntry(e)).toEqual(['removed actor Democratic Party']);
    expect(describeEntry(entry({ before: { actors: [] }, after: { actors: [dem] } }))).toEqual([
      'added actor Democratic Party',
    ]);
  });

  it('shows an outlet by its name, and an empty value as (none)', () => {
    const e = entry({
      before: { outlet: { id: 'ap', name: 'AP' }, byline: null },
      after: { outlet: { id: 'reuters', name: 'Reuters' }, byline: 'T. Reed' },
    });
    expect(describeEntry(e)).toEqual(['outlet: AP → Reuters', 'byline: (none) → T. Reed']);
  });

  it('says story corrections in words, and leaves their undo to the story tools', () => {
    const split = entry({ action: 'story.split', before: { storyId: 'st_1' } });
    expect(describeEntry(split)).toEqual(['took the article out of its story']);
    expect(undoPatch(split)).toBeNull();
    const join = entry({
      action: 'story.join',
      before: { storyId: 'st_1' },
      after: { joined: 'art-9', storyId: 'st_2' },
    });
    expect(describeEntry(join)).toEqual(['joined its story with article art-9’s']);
    expect(describeEntry(entry({ action: 'story.undo' }))).toEqual([
      'undid its story corrections (split and joins)',
    ]);
  });

  it('says hide and restore in words, and keeps unknown fields readable', () => {
    expect(describeEntry(entry({ action: 'article.hide' }))).toEqual([
      'hid the article from readers',
    ]);
    expect(describeEntry(entry({ before: { section: 'A' }, after: { section: 'B' } }))).toEqual([
      'section: A → B',
    ]);
    expect(describeEntry(entry({ before: { title: 'Old' }, after: { title: 'New' } }))).toEqual([
      'title: “Old” → “New”',
    ]);
  });
});

describe('undoing an audit entry', () => {
  it('gives extraction a field back when the librarian had set it for the first time', () => {
    const e = entry({
      before: { title: 'Extracted', curated: [] },
      after: { title: 'Corrected', curated: ['title'] },
    });
    expect(undoPatch(e)).toEqual({ revert: ['title'], reason: 'Undo of change #7' });
  });

  it('puts back the earlier correction when the field was already curated', () => {
    const e = entry({
      before: { outlet: { id: 'ap', name: 'AP' } },
      after: { outlet: { id: 'reuters', name: 'Reuters' } },
    });
    expect(undoPatch(e)).toEqual({ outlet: 'AP', reason: 'Undo of change #7' });
  });

  it('adds back a removed actor and removes an added one', () => {
    const e = entry({ before: { actors: [dem] }, after: { actors: [gop] } });
    expect(undoPatch(e)?.actors).toEqual({
      add: ['democratic-party'],
      remove: ['republican-party'],
    });
  });

  it('restores a hidden article, and hides a restored one again with its old reason', () => {
    const hide = entry({
      action: 'article.hide',
      before: { status: 'visible', hiddenReason: null },
      after: { status: 'hidden', hiddenReason: 'spam' },
      reason: 'spam',
    });
    expect(undoPatch(hide)).toMatchObject({ status: 'visible' });
    const restore = entry({
      action: 'article.restore',
      before: { status: 'hidden', hiddenReason: 'spam' },
      after: { status: 'visible', hiddenReason: null },
    });
    expect(undoPatch(restore)).toEqual({ status: 'hidden', reason: 'spam' });
  });

  it('offers nothing for an entry without a change it can reverse', () => {
    expect(undoPatch(entry({}))).toBeNull();
    expect(undoPatch(entry({ entityType: 'actor' }))).toBeNull();
  });
});
