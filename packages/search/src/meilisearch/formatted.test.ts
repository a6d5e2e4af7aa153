import { describe, expect, it } from 'vitest';
import { createTags, formattedToSegments, leadSegments } from './formatted.ts';

describe('formattedToSegments', () => {
  const tags = createTags('n0nce');
  const f = (s: string) => s.replaceAll('[', tags.pre).replaceAll(']', tags.post);

  it('turns tagged matches into segments', () => {
    expect(formattedToSegments(f('The [ceasefire] held, [talks] go on'), tags)).toEqual([
      { text: 'The ', match: false },
      { text: 'ceasefire', match: true },
      { text: ' held, ', match: false },
      { text: 'talks', match: true },
      { text: ' go on', match: false },
    ]);
  });

  it('marks the words of a phrase one by one', () => {
    expect(formattedToSegments(f('[Health care] costs'), tags)).toEqual([
      { text: 'Health', match: true },
      { text: ' ', match: false },
      { text: 'care', match: true },
      { text: ' costs', match: false },
    ]);
  });

  it('keeps markup as plain text and drops stray tags', () => {
    expect(formattedToSegments(f("<script>alert('x')</script> [a]"), tags)).toEqual([
      { text: "<script>alert('x')</script> ", match: false },
      { text: 'a', match: true },
    ]);
    expect(formattedToSegments(f('open [only'), tags)).toEqual([
      { text: 'open only', match: false },
    ]);
    expect(formattedToSegments('', tags)).toEqual([]);
  });
});

describe('leadSegments', () => {
  it('cuts after the last word, as Meilisearch crops an unmatched body', () => {
    expect(leadSegments('(CNN) One two, three.\n\nFour five', 3)).toEqual([
      { text: '(CNN) One two…', match: false },
    ]);
    expect(leadSegments('the entire U.S.-Mexico border, Breitbart reported', 6)).toEqual([
      { text: 'the entire U.S.-Mexico border…', match: false },
    ]);
  });

  it('keeps a text of few words whole', () => {
    expect(leadSegments('Short body.', 30)).toEqual([{ text: 'Short body.', match: false }]);
    expect(leadSegments('', 30)).toEqual([]);
  });
});
