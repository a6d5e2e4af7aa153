import type { ActorMention } from '@newsarchive/core';
import { slugify } from '@newsarchive/core';
import type { Target } from './dictionary.ts';
import type { Lexicon } from './lexicon.ts';
import { NAMED_THING_HEAD } from './rules.ts';
import { tokenize } from './tokenize.ts';

/** A name the extraction pass found in the article, with how it was spelled there. */
export interface Found {
  /** Resolved through this article only (a surname alone): not a spelling the registry should learn. */
  local?: boolean;
  /** A one-word dictionary match ("Jordan") that may be the surname of a person in the article. */
  word?: string;
  name: string;
  type: ActorMention['type'];
  id?: string;
  spelling: string;
}

/** A single capitalised word that may be a surname ("Blinken", "Mr. Jean"). */
export interface Single {
  key: string;
  text: string;
  titled: boolean;
  mister?: boolean;
  surnameOnly?: boolean;
}

/** A name-like run with no evidence of its own ("Lachlan Murdoch"): kept if the article backs it. */
export interface Pending {
  name: string;
  last: string;
}

/**
 * From what the extraction pass found to one mention per actor with the spellings met: a
 * surname alone resolves to the full name in the same article, a name-like run becomes a person
 * when a relative is named or the article calls them by the surname alone, and a titled
 * surname nobody else explains is kept as written.
 */
export function resolveArticle(
  found: Found[],
  singles: Single[],
  pending: Pending[],
  lex: Lexicon,
  isByline: (text: string) => boolean,
): (ActorMention & { aliases: string[] })[] {
  // A surname alone resolves to the full name met in the same article.
  const bySurname = new Map<string, Found | null>();
  for (const f of found) {
    if (f.type !== 'person' || f.word !== undefined) continue;
    const toks = tokenize(f.name);
    if (toks.length < 2) continue;
    const named = toks.filter((t) => !/^(?:jr|sr|ii|iii|iv)\.?$/.test(t.key));
    if (named.length < 2) continue;
    const last = named.at(-1)!.key;
    const prior = bySurname.get(last);
    bySurname.set(last, prior === undefined || prior?.name === f.name ? f : null);
  }
  // A name-like run with no evidence of its own is a person when a relative is named, or when
  // the article goes on to call them by the surname alone ("Paweł Adamowicz ... Adamowicz").
  const alone = new Set(singles.map((s) => s.key));
  for (const p of pending) {
    const kin = bySurname.get(p.last);
    if (isByline(p.name)) continue;
    const words = tokenize(p.name).map((t) => t.key);
    // "Hurricane Lorenzo ... Lorenzo", "English Channel ... the Channel": things, not people.
    const thing =
      NAMED_THING_HEAD.test(words[0] ?? '') ||
      words.some((w) => lex.nouns.has(w) || lex.common.has(w) || lex.places.has(w));
    if ((kin && kin.name !== p.name) || (alone.has(p.last) && !thing)) {
      found.push({ name: p.name, type: 'person', spelling: p.name });
      if (!bySurname.has(p.last)) bySurname.set(p.last, found.at(-1)!);
    }
  }
  for (let k = 0; k < found.length; k++) {
    const f = found[k]!;
    if (f.word === undefined) continue;
    const p = bySurname.get(f.word);
    if (
      p &&
      p.name !== f.name &&
      (f.type !== 'person' || !found.some((g) => g.id === f.id && g.word === undefined))
    )
      found[k] = { ...p, spelling: f.spelling, local: true };
  }
  for (const s of singles) {
    const f = bySurname.get(s.key);
    if (f) found.push({ ...f, spelling: s.text, local: true });
    else if (
      f === undefined &&
      !s.surnameOnly &&
      s.titled &&
      // "the JUSTICE Act": a surname is not a common noun, unless "Mr." says so ("Mr. Jean").
      (s.mister || !(lex.nouns.has(s.key) && !lex.lastNames.has(s.key))) &&
      !lex.places.has(s.key) &&
      !lex.common.has(s.key) &&
      !isByline(s.text)
    )
      found.push({ name: s.text, type: 'person', spelling: s.text });
  }

  // One mention per actor, with the spellings met.
  const out = new Map<string, ActorMention & { aliases: string[] }>();
  for (const f of found) {
    const key = f.id ?? slugify(f.name);
    const m = out.get(key);
    if (m) {
      if (!f.local && f.spelling !== m.name && !m.aliases.includes(f.spelling))
        m.aliases.push(f.spelling);
    } else {
      const mention: ActorMention & { aliases: string[] } = {
        name: f.name,
        type: f.type,
        aliases: [],
      };
      if (f.id) mention.id = f.id;
      if (!f.local && f.spelling !== f.name) mention.aliases.push(f.spelling);
      out.set(key, mention);
    }
  }
  return [...out.values()];
}

const NAME_ARTICLE = /^(?:al|el|the)$/;
const nameWords = (name: string) =>
  name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .split(/[\s-]+/)
    .filter(Boolean);

const MINOR_WORDS = /^(?:of|the|and|for|on|in|de|la|du|des)$/;

/** "NBA" for "National Basketball Association": the capitals of its major words, or null. */
function initialsOf(name: string): string | null {
  const words = name.split(/[\s-]+/).filter((w) => w && !MINOR_WORDS.test(w.toLowerCase()));
  return words.length >= 2 ? words.map((w) => w[0]!.toUpperCase()).join('') : null;
}

/** Do the last words of `long` repeat `short`, with at least one word before them? */
function endsWith(short: string[], long: string[]): boolean {
  return (
    short.length < long.length && short.every((w, i) => long[long.length - short.length + i] === w)
  );
}

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
      if (withArticle) {
        into(a, withArticle);
        continue;
      }
      // "NBA" beside "National Basketball Association", "Lakers" beside "Los Angeles Lakers":
      // the initials or the last words of a body the article names in full (one candidate).
      const longer = mentions.filter(
        (b) =>
          b !== a &&
          !merged.has(b) &&
          (b.type === 'organization' || b.type === 'group') &&
          (initialsOf(b.name) === a.name || endsWith(aw, nameWords(b.name))),
      );
      if (longer.length === 1) into(a, longer[0]!);
    }
  }
  return mentions
    .filter((m) => !merged.has(m))
    .map((m) => {
      const { aliases, ...rest } = m;
      return aliases.length ? { ...rest, aliases } : { ...rest, aliases: [] };
    });
}
