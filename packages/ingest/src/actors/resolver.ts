import type { ActorMention } from '@newsarchive/core';
import type { Target } from './dictionary.ts';

const NAME_ARTICLE = /^(?:al|el|the)$/;
const nameWords = (name: string) =>
  name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .split(/[\s-]+/)
    .filter(Boolean);

/** Does `short` run, word for word, at the start or the end of `long`? */
function startsOrEnds(short: string[], long: string[]): boolean {
  if (short.length >= long.length) return false;
  const at = (o: number) => short.every((w, i) => long[o + i] === w);
  return at(0) || at(long.length - short.length);
}

/**
 * One entry per actor within an article. Extraction meets one actor under several spellings:
 * a middle initial ("Antony J. Blinken"), part of the full name later on ("Abu Daqqa" after
 * "Samer Abu Daqqa", "Hamad Al Thani" after "Sheikh Tamim bin Hamad Al Thani", "Adamowicz"),
 * with or without an article ("Qassam Brigades" and "Al Qassam Brigades"). Each becomes a
 * spelling of the fullest name. An actor the gazetteer or registry knows by id is never folded
 * into another: "Jordan" the state stays apart from a "Jim Jordan".
 */
export function consolidate(
  mentions: (ActorMention & { aliases: string[] })[],
  known: (name: string) => Target | undefined,
): ActorMention[] {
  for (const m of mentions) {
    if (m.type !== 'person' || m.id) continue;
    const words = m.name.split(/\s+/);
    const kept = words.filter(
      (w, i) => i === 0 || i === words.length - 1 || !/^\p{Lu}\.?$/u.test(w),
    );
    if (kept.length === words.length || kept.length < 2 || !kept.every((w) => w.length > 2))
      continue;
    // Without the initial, the registry may know the person ("Antony Blinken"); or the
    // article names them so too. Otherwise the name stays as written.
    const reduced = kept.join(' ');
    const target = known(reduced);
    if (target?.type === 'person') {
      m.aliases.push(m.name);
      m.name = target.name;
      m.id = target.id;
    } else if (mentions.some((o) => o !== m && o.name === reduced)) {
      m.aliases.push(m.name);
      m.name = reduced;
    }
  }
  const merged = new Set<ActorMention>();
  const into = (
    from: ActorMention & { aliases: string[] },
    to: ActorMention & { aliases: string[] },
  ) => {
    merged.add(from);
    for (const spelling of [from.name, ...from.aliases])
      if (spelling !== to.name && !to.aliases.includes(spelling)) to.aliases.push(spelling);
  };
  const people = mentions.filter((m) => m.type === 'person');
  for (const a of mentions) {
    // The same name twice (an initial dropped above): one entry.
    const twin = mentions.find(
      (b) => b !== a && !merged.has(b) && b.type === a.type && b.name === a.name,
    );
    if (twin && mentions.indexOf(twin) < mentions.indexOf(a)) {
      into(a, twin);
      if (a.id && !twin.id) twin.id = a.id;
      continue;
    }
    if (a.id) continue;
    const aw = nameWords(a.name);
    if (a.type === 'person' || aw.length === 1) {
      // Part of a person's fuller name: the same person (one candidate only).
      const fuller = people.filter(
        (b) => b !== a && !merged.has(b) && startsOrEnds(aw, nameWords(b.name)),
      );
      const single = aw.length === 1;
      const same = single ? fuller.filter((b) => nameWords(b.name).at(-1) === aw[0]) : fuller;
      if (same.length === 1) {
        into(a, same[0]!);
        continue;
      }
    }
    if (a.type === 'organization' || a.type === 'group') {
      // "Qassam Brigades" and "Al Qassam Brigades": one body, named with its article.
      const bare = aw.filter((w, i) => i > 0 || !NAME_ARTICLE.test(w)).join(' ');
      const withArticle = mentions.find(
        (b) =>
          b !== a &&
          !merged.has(b) &&
          (b.type === 'organization' || b.type === 'group') &&
          nameWords(b.name).length === aw.length + 1 &&
          NAME_ARTICLE.test(nameWords(b.name)[0]!) &&
          nameWords(b.name).slice(1).join(' ') === bare,
      );
      if (withArticle) into(a, withArticle);
    }
  }
  return mentions
    .filter((m) => !merged.has(m))
    .map((m) => {
      const { aliases, ...rest } = m;
      return aliases.length ? { ...rest, aliases } : { ...rest, aliases: [] };
    });
}
