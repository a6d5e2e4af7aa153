import type { Actor, Segment } from '@newsarchive/core';

/** Lower case without accents, so "José" in a title matches the actor "Jose". */
function fold(s: string): string {
  return s.normalize('NFKD').replace(/\p{M}/gu, '').toLocaleLowerCase();
}

const WORD_CHAR = /[\p{L}\p{N}]/u;
const isWordChar = (c: string | undefined) => c !== undefined && WORD_CHAR.test(c);

/**
 * Does `text` (already folded) name `words` as whole words? A scan with indexOf: a RegExp built
 * per actor and hit (Unicode lookbehind, compiled each time) cost ~100 ms per result page at
 * 16k articles, most of the time from keystroke to results.
 */
function names(text: string, words: string): boolean {
  if (!words) return false;
  for (let at = text.indexOf(words); at >= 0; at = text.indexOf(words, at + 1)) {
    if (!isWordChar(text[at - 1]) && !isWordChar(text[at + words.length])) return true;
  }
  return false;
}

/** A person's surname (the last word of the name), which articles often use on its own. */
function surname(actor: Actor): string | null {
  if (actor.type !== 'person') return null;
  const parts = fold(actor.name)
    .split(/[\s.]+/)
    .filter(Boolean);
  const last = parts[parts.length - 1];
  return parts.length > 1 && last && last.length >= 3 ? last : null;
}

/**
 * A hit's actors, most salient first. The API lists them alphabetically, which puts a passing
 * mention before the article's main people; the hit carries its title and snippet, so rank:
 * actors the reader filters by, then those named in the title (full name, then a person's
 * surname alone), then in the snippet, then the rest. Ties keep the API's order.
 */
export function bySalience(
  actors: readonly Actor[],
  hit: { title: readonly Segment[]; snippet: readonly Segment[] },
  chosen: readonly string[] = [],
): Actor[] {
  const title = fold(hit.title.map((s) => s.text).join(''));
  const snippet = fold(hit.snippet.map((s) => s.text).join(''));
  const rank = (a: Actor): number => {
    if (chosen.includes(a.id)) return 0;
    const full = fold(a.name);
    const last = surname(a);
    if (names(title, full)) return 1;
    if (last && names(title, last)) return 2;
    if (names(snippet, full)) return 3;
    if (last && names(snippet, last)) return 4;
    return 5;
  };
  return actors
    .map((a, i) => ({ a, i, r: rank(a) }))
    .sort((x, y) => x.r - y.r || x.i - y.i)
    .map((x) => x.a);
}
