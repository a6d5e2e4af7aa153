import { describe, expect, it } from 'vitest';
import { createTags, formattedToSegments } from './formatted.ts';

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
