import { describe, expect, it } from 'vitest';
import type { CoverageProfile, ExtractedArticle } from '@newsarchive/core';
import { article, librarian, useArchive } from './test-archive.ts';

/*
 * Stories across outlets: coverage links join other outlets' reports of one event; copies stay a
 * level below. The profiles are written by hand here (ingest makes them from text, see
 * packages/ingest/src/stories/profile.ts): what matters to the archive is which pairs score
 * over the threshold.
 */

const DAY = 19_951; // 2024-08-16

/** A profile about `topic` on `day` from `outlet`: reports sharing a topic link, others do not. */
function profile(topic: string, outlet: string, day: number | null = DAY): CoverageProfile {
  const words = [`${topic}-a`, `${topic}-b`, `${topic}-c`, `${topic}-d`];
  return {
    day,
    outlet,
    terms: words.map((w) => [w, 10] as [string, number]),
    norm: 20,
    title: words.slice(0, 3),
    titleNames: [topic],
    names: [[topic, 8]],
    numbers: ['42'],
  };
}

function report(
  id: string,
  topic: string,
  outlet: string,
  extra: Partial<ExtractedArticle> = {},
  day: number | null = DAY,
): ExtractedArticle {
  return article({
    id,
    url: `https://example.org/${id}`,
    outlet: { id: outlet, name: outlet },
    publishedAt: day === null ? null : new Date(day * 86_400_000).toISOString().slice(0, 10),
    fingerprint: {
      contentHash: `h-${id}-${extra.title ?? ''}`,
      minhash: [],
      coverage: profile(topic, outlet, day),
    },
    ...extra,
  });
}

describe('stories across outlets', () => {
  const t = useArchive();
  const storyOf = (id: string) => t.archive.getArticle(id, { includeHidden: true })!.storyId;

  it('joins other outlets’ reports of one event and keeps other events apart', () => {
    t.archive.upsertArticles([
      report('ap', 'ceasefire', 'ap'),
      report('bbc', 'ceasefire', 'bbc'),
      report('aj', 'ceasefire', 'al-jazeera', {}, DAY + 1),
      report('vote', 'election', 'bbc'),
      report('later', 'ceasefire', 'reuters', {}, DAY + 9),
      report('undated', 'ceasefire', 'reuters', {}, null),
    ]);
    expect(storyOf('bbc')).toBe(storyOf('ap'));
    expect(storyOf('aj')).toBe(storyOf('ap'));
    for (const apart of ['vote', 'later', 'undated'])
      expect(storyOf(apart)).not.toBe(storyOf('ap'));
    expect(t.archive.getArticle('ap')).toMatchObject({ storySize: 3, storyOutlets: 3, copies: 1 });
    expect(t.archive.getArticle('vote')).toMatchObject({ storySize: 1, storyOutlets: 1 });
  });

  it('forms the same stories whatever order the articles arrive in', () => {
    const batch = [
      report('x1', 'strike', 'ap'),
      report('x2', 'strike', 'bbc', {}, DAY + 2),
      report('y1', 'flood', 'ap'),
      report('x3', 'strike', 'cnn', {}, DAY + 1),
      report('y2', 'flood', 'cnn'),
    ];
    const groups = (ids: string[]) => {
      const byStory = new Map<string, string[]>();
      for (const id of ids) byStory.set(storyOf(id), [...(byStory.get(storyOf(id)) ?? []), id]);
      return [...byStory.values()].map((g) => g.sort().join(',')).sort();
    };
    for (const a of [...batch].reverse()) t.archive.upsertArticles([a]);
    const reversed = groups(batch.map((a) => a.id));
    expect(reversed).toEqual(['x1,x2,x3', 'y1,y2']);
    // Re-ingesting changes nothing; a second archive fed in order gives the same groups.
    t.archive.upsertArticles(batch);
    expect(groups(batch.map((a) => a.id))).toEqual(reversed);
  });

  it('merges two stories when a report links both, and queues every member for the engine', () => {
    // Four days apart: beyond the window, until a report two days from each arrives.
    t.archive.upsertArticles([
      report('m1', 'summit', 'ap'),
      report('m2', 'summit', 'bbc', {}, DAY + 4),
    ]);
    expect(storyOf('m1')).not.toBe(storyOf('m2'));
    t.archive.upsertArticles([report('bridge', 'summit', 'cnn', {}, DAY + 2)]);
    expect(storyOf('m1')).toBe(storyOf('m2'));
    expect(storyOf('bridge')).toBe(storyOf('m1'));
  });

  it('keeps the work per article bounded on a day of hundreds of near-identical items', () => {
    const batch = Array.from({ length: 400 }, (_, i) =>
      report(`tick-${i}`, 'ticker', `outlet-${i % 7}`),
    );
    t.archive.upsertArticles(batch);
    expect(new Set(batch.map((a) => storyOf(a.id))).size).toBe(1);
    const most = t.archive.db
      .prepare('SELECT max(n) FROM (SELECT count(*) AS n FROM story_links GROUP BY article_ref)')
      .pluck()
      .get() as number;
    // Each article keeps its 20 strongest links, plus those later articles made to it.
    expect(most).toBeLessThan(400);
  });

  it('never lets a hidden article connect two reports, nor count it for readers', () => {
    t.archive.upsertArticles([
      report('h1', 'quake', 'ap'),
      report('h2', 'quake', 'bbc', {}, DAY + 4),
    ]);
    t.archive.upsertArticles([report('hb', 'quake', 'cnn', {}, DAY + 2)]);
    expect(storyOf('h1')).toBe(storyOf('h2'));
    t.archive.patchArticle('hb', { status: 'hidden', reason: 'legal' }, librarian);
    expect(storyOf('h1')).not.toBe(storyOf('h2'));
    // Hidden, it still belongs to a story a librarian can see, but no reader count includes it.
    const story = storyOf('hb');
    expect([storyOf('h1'), storyOf('h2')]).toContain(story);
    expect(t.archive.stories.coverage(story)!.articles.map((a) => a.id)).not.toContain('hb');
    expect(
      t.archive.stories.coverage(story, { includeHidden: true })!.articles.map((a) => a.id),
    ).toContain('hb');
    expect(t.archive.getArticle('h1')!.storySize).toBe(1);
    // Restored, it joins them again.
    t.archive.patchArticle('hb', { status: 'visible' }, librarian);
    expect(storyOf('h1')).toBe(storyOf('h2'));
  });

  it('keeps a librarian’s split and join through re-ingest, audited, and undoes them', () => {
    t.archive.upsertArticles([
      report('s1', 'verdict', 'ap'),
      report('s2', 'verdict', 'bbc'),
      report('s3', 'verdict', 'cnn'),
      report('o1', 'storm', 'ap'),
    ]);
    const story = storyOf('s1');
    const alone = t.archive.stories.split('s3', librarian);
    expect(alone).not.toBe(story);
    expect(storyOf('s1')).toBe(story); // the others keep the story's id
    t.archive.upsertArticles([report('s3', 'verdict', 'cnn', { title: 'A new headline' })]);
    expect(storyOf('s3')).not.toBe(story);
    expect(storyOf('s3')).toBe(alone);

    t.archive.stories.join('o1', 's1', librarian);
    expect(storyOf('o1')).toBe(story);
    t.archive.upsertArticles([report('o1', 'storm', 'ap', { title: 'Storm, updated' })]);
    expect(storyOf('o1')).toBe(storyOf('s1'));

    const actions = t.archive.history('article', 's3').map((e) => e.action);
    expect(actions).toContain('story.split');
    expect(t.archive.history('article', 'o1').map((e) => e.action)).toContain('story.join');

    t.archive.stories.undo('s3', librarian);
    expect(storyOf('s3')).toBe(storyOf('s1'));
    t.archive.stories.undo('o1', librarian);
    expect(storyOf('o1')).not.toBe(storyOf('s1'));
    expect(() => t.archive.stories.undo('o1', librarian)).toThrow(/no story correction/);
  });

  it('lists the coverage view by time with the actors two or more reports share', () => {
    t.archive.upsertArticles([
      report(
        'c2',
        'talks',
        'bbc',
        { actors: [{ id: 'egypt', name: 'Egypt', type: 'state' }] },
        DAY + 1,
      ),
      report('c1', 'talks', 'ap', {
        actors: [
          { id: 'egypt', name: 'Egypt', type: 'state' },
          { id: 'qatar', name: 'Qatar', type: 'state' },
        ],
      }),
    ]);
    const view = t.archive.stories.coverage(storyOf('c1'))!;
    expect(view.articles.map((a) => a.id)).toEqual(['c1', 'c2']);
    expect(view.story).toMatchObject({ size: 2, outlets: 2, copies: 2 });
    expect(view.story.from).toBe('2024-08-16');
    expect(view.actors.map((a) => a.id)).toEqual(['egypt']);
    expect(t.archive.stories.coverage('st_missing')).toBeNull();
  });
});
