import type { Actor, SearchHit } from '@newsarchive/core';
import { cleanup, fireEvent, render } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { EMPTY_SEARCH } from '../url-state.ts';
import { bySalience } from './actor-salience.ts';
import { ResultList } from './result-list.tsx';

afterEach(cleanup);

const actor = (name: string, type: Actor['type'] = 'person'): Actor => ({
  id: name.toLowerCase().replace(/\W+/g, '-'),
  name,
  type,
});
const text = (t: string) => [{ text: t, match: false }];

// Alphabetical, as the API sends them.
const ACTORS = [
  actor('Anna Abbott'),
  actor('Bo Berg'),
  actor('Carla Cruz'),
  actor('Dan Diaz'),
  actor('Eve Evans'),
  actor('Fay Fox'),
  actor('Harbour Dockers Union', 'organization'),
  actor('Lena Ortiz'),
];

const hit = (over: Partial<SearchHit> = {}): SearchHit => ({
  id: 'a1',
  url: null,
  title: text('Ortiz says the Harbour Dockers Union will strike'),
  snippet: text('Talks with Fay Fox broke down; the mayor, Mr. Cruz, said little.'),
  outlet: { id: 'gazette', name: 'Gazette' },
  byline: 'A Very Long Byline, Another Reporter and a Third',
  publishedAt: '2024-02-03',
  actors: ACTORS,
  storyId: 's1',
  storySize: 1,
  storyOutlets: 1,
  copyId: 'cp_fixture',
  copies: 1,
  ...over,
});

describe('bySalience', () => {
  it('puts actors named in the title first, then the snippet, then the rest (API order)', () => {
    const names = bySalience(ACTORS, hit()).map((a) => a.name);
    expect(names).toEqual([
      'Harbour Dockers Union', // full name in the title
      'Lena Ortiz', // surname in the title
      'Fay Fox', // full name in the snippet
      'Carla Cruz', // surname in the snippet
      'Anna Abbott',
      'Bo Berg',
      'Dan Diaz',
      'Eve Evans',
    ]);
  });

  it('matches whole words, ignoring case and accents', () => {
    const a = [actor('Bo Berg'), actor('José Ruiz')];
    expect(
      bySalience(a, { title: text('Bergen and RUIZ'), snippet: text('') }).map((x) => x.name),
    ).toEqual(['José Ruiz', 'Bo Berg']);
    // A later whole-word mention counts even after one inside a longer word.
    expect(
      bySalience(a, { title: text('Bergen, then Bo Berg'), snippet: text('') }).map((x) => x.name),
    ).toEqual(['Bo Berg', 'José Ruiz']);
  });

  it('puts the actors the reader filters by before all others', () => {
    const names = bySalience(ACTORS, hit(), ['eve-evans']).map((a) => a.name);
    expect(names.slice(0, 2)).toEqual(['Eve Evans', 'Harbour Dockers Union']);
  });
});

describe('actor chips', () => {
  const chips = (c: HTMLElement) =>
    [...c.querySelectorAll('.chips a.chip')].map((a) => a.textContent);

  it('shows the five most salient and a "+N" button that expands the rest in place', () => {
    const { container, getByRole } = render(
      <ResultList hits={[hit()]} state={EMPTY_SEARCH} start={1} />,
    );
    expect(chips(container)).toEqual([
      'Harbour Dockers Union',
      'Lena Ortiz',
      'Fay Fox',
      'Carla Cruz',
      'Anna Abbott',
    ]);
    const more = getByRole('button', { name: '+3 more actors' });
    expect(more.textContent).toBe('+3');
    expect(more.getAttribute('aria-expanded')).toBe('false');
    expect(document.getElementById(more.getAttribute('aria-controls')!)).toBe(
      container.querySelector('.chips'),
    );

    fireEvent.click(more);
    expect(more.getAttribute('aria-expanded')).toBe('true');
    expect(chips(container)).toHaveLength(8);
    expect(chips(container).slice(5)).toEqual(['Bo Berg', 'Dan Diaz', 'Eve Evans']);
    // The same button folds them away again and keeps focus where it was.
    expect(more.textContent).toBe('Fewer');
    fireEvent.click(more);
    expect(chips(container)).toHaveLength(5);
    expect(more.getAttribute('aria-expanded')).toBe('false');
  });

  it('has no button when every actor fits', () => {
    const { container, queryByRole } = render(
      <ResultList hits={[hit({ actors: ACTORS.slice(0, 5) })]} state={EMPTY_SEARCH} start={1} />,
    );
    expect(chips(container)).toHaveLength(5);
    expect(queryByRole('button')).toBeNull();
  });
});

describe('result coverage line', () => {
  it('says how many outlets covered the story, linking to its coverage, and counts copies', () => {
    const { getByRole, container } = render(
      <ResultList
        hits={[hit({ storyId: 'st_1', storySize: 5, storyOutlets: 4, copies: 2 })]}
        state={{ ...EMPTY_SEARCH, q: 'bridge' }}
        start={1}
      />,
    );
    const link = getByRole('link', { name: 'Covered by 4 outlets' });
    expect(link.getAttribute('href')).toBe('/stories/st_1?q=bridge');
    expect(container.querySelector('.copies')?.textContent).toBe('2 copies');
  });

  it('says nothing of a story with one article', () => {
    const { container } = render(<ResultList hits={[hit()]} state={EMPTY_SEARCH} start={1} />);
    expect(container.querySelector('.story-size')).toBeNull();
    expect(container.querySelector('.copies')).toBeNull();
  });
});

describe('result meta line', () => {
  it('keeps each separator with the item before it and outside the hidden badge', () => {
    const { container } = render(
      <ResultList hits={[hit({ hidden: true, storySize: 2 })]} state={EMPTY_SEARCH} start={1} />,
    );
    const items = [...container.querySelectorAll('.meta > .meta-item')];
    expect(items.map((i) => i.textContent)).toEqual([
      'Gazette·',
      expect.stringMatching(/2024·$/),
      'A Very Long Byline, Another Reporter and a Third·',
      'hidden·',
      '2 reports of this story',
    ]);
    const badge = container.querySelector('.badge')!;
    expect(badge.textContent).toBe('hidden');
    expect(badge.nextElementSibling?.className).toBe('meta-sep');
    // No item starts with a separator.
    for (const i of items) expect(i.firstElementChild?.className).not.toBe('meta-sep');
  });
});
