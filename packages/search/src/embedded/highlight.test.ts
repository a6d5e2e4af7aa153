import { describe, expect, it } from 'vitest';
import { createTermMatcher, highlightText, snippetText } from './highlight.ts';

const text = (s: { text: string }[]) => s.map((x) => x.text).join('');

describe('highlights', () => {
  it('marks matching words in a title and keeps the text intact', () => {
    const m = createTermMatcher(['ceasefire'], ['tal']);
    expect(highlightText('Ceasefire talks, again', m)).toEqual([
      { text: 'Ceasefire', match: true },
      { text: ' ', match: false },
      { text: 'talks', match: true },
      { text: ', again', match: false },
    ]);
  });

  it('folds diacritics when matching', () => {
    const m = createTermMatcher(['cafe'], []);
    expect(highlightText('Le Café', m)).toEqual([
      { text: 'Le ', match: false },
      { text: 'Café', match: true },
    ]);
  });

  it('cuts a snippet around the best passage with ellipses', () => {
    const filler = Array.from({ length: 80 }, (_, i) => `w${i}`).join(' ');
    const body = `${filler} the ceasefire held and the talks resumed ${filler}`;
    const s = snippetText(body, createTermMatcher(['ceasefire', 'talks'], []), 20);
    expect(s[0]!.text.startsWith('…')).toBe(true);
    expect(s.at(-1)!.text.endsWith('…')).toBe(true);
    expect(s.filter((x) => x.match).map((x) => x.text)).toEqual(['ceasefire', 'talks']);
  });

  it('finds the densest passage of a long body', () => {
    const filler = (n: number) => Array.from({ length: n }, (_, i) => `filler${i}`).join(' ');
    const body = `${filler(300)} a lone ceasefire here. ${filler(300)} the ceasefire talks went on, talks and more talks. ${filler(300)}`;
    const s = snippetText(body, createTermMatcher(['ceasefire', 'talks'], []), 20);
    expect(s[0]!.text.startsWith('…')).toBe(true);
    expect(s.at(-1)!.text.endsWith('…')).toBe(true);
    expect(s.filter((x) => x.match).map((x) => x.text)).toEqual([
      'ceasefire',
      'talks',
      'talks',
      'talks',
    ]);
    expect(body).toContain(text(s).replaceAll('…', ''));
    // Not found by indexOf (accents): still a snippet from the start.
    const accented = snippetText(`${filler(300)} Café`, createTermMatcher(['cafe'], []), 20);
    expect(accented.some((x) => x.match && x.text === 'Café')).toBe(true);
  });

  it('keeps markup as text', () => {
    const body = "Before <script>alert('x')</script> a ceasefire.";
    expect(text(snippetText(body, createTermMatcher(['ceasefire'], [])))).toBe(body);
    expect(text(snippetText(body, null))).toBe(body);
  });

  it('handles emoji and right-to-left text', () => {
    const body = 'وقف إطلاق النار 🕊️ ceasefire';
    const s = snippetText(body, createTermMatcher(['النار', 'ceasefire'], []));
    expect(text(s)).toBe(body);
    expect(s.filter((x) => x.match).map((x) => x.text)).toEqual(['النار', 'ceasefire']);
  });
});
