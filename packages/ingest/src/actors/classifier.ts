import type { ActorMention } from '@newsarchive/core';
import { NEWS_ORGANIZATIONS } from './gazetteer.ts';
import type { Lexicon } from './lexicon.ts';
import {
  GENERIC_ORG_WORDS,
  MEDIA_TAIL,
  NAME_CONNECTORS,
  NAMED_THING_HEAD,
  ORG_HEAD,
  ORG_TAIL,
  THING_TAIL,
} from './rules.ts';
import { keyOf, type Token } from './tokenize.ts';

export const ORG_NOUN =
  '(?:company|companies|firm|group|organization|organisation|nonprofit|non-profit|charity|party|label|band|service|agency|club|union|network|broadcaster|bank|think tank|startup|start-up|maker|manufacturer|producer|supplier|retailer|lender|insurer|conglomerate|coalition|trade group|lobby|lobbying group|advocacy group|watchdog|foundation|chain|airline|automaker|carrier|contractor|developer|platform|operator|giant)';
export const ORG_CONTEXT_BEFORE = new RegExp(`\\b${ORG_NOUN},?\\s+(?:called\\s+|named\\s+)?$`, 'i');
export const ORG_CONTEXT_AFTER = new RegExp(
  `^,\\s+(?:a|an|the)\\s+(?:[\\p{L}-]+\\s+){0,4}?${ORG_NOUN}\\b`,
  'iu',
);
// "shares of Vantorix", "shares in Kelvaro": only a company has shares traded under its name.
export const SHARES_BEFORE = /\bshares\s+(?:of|in)\s+$/i;

/** Words that say an apposition is about a person ("X, an opposition candidate for ..."). */
const PERSON_ROLE =
  '(?:candidate|leader|spokesman|spokeswoman|spokesperson|minister|official|activist|lawyer|attorney|politician|president|chairman|chairwoman|chief|director|head|member|founder|co-founder|executive|ceo|coach|captain|player|striker|singer|musician|actor|actress|writer|author|novelist|poet|economist|analyst|professor|lecturer|researcher|scientist|doctor|physician|surgeon|nurse|teacher|student|mother|father|wife|husband|son|daughter|sister|brother|widow|resident|farmer|opponent|rival|adviser|advisor|aide|envoy|ambassador|diplomat|governor|mayor|senator|lawmaker|legislator|deputy|secretary|commander|officer|soldier|priest|pastor|bishop|rabbi|imam|cleric|judge|prosecutor|businessman|businesswoman|entrepreneur|billionaire|investor|campaigner|survivor|veteran|pilot|manager|owner|athlete|footballer|cricketer|boxer)';
/** After a name: an apposition with a person's role, or an age ("X, 22, said"). */
export const PERSON_CONTEXT_AFTER = new RegExp(
  `^,\\s+(?:(?:a|an|the|his|her|their|its)\\s+(?:[\\p{L}'’-]+\\s+){0,4}?${PERSON_ROLE}s?\\b|\\d{1,3},)`,
  'iu',
);
/** Before a name: an age ("22-year-old Rangoli Patil"). */
export const PERSON_CONTEXT_BEFORE = /\b\d{1,3}-year-old\s+$/i;

/**
 * Initials, with or without dots ("J.", "D.K.", "B" in "B Shiva Parvathi"); a lone "A", "I" or
 * "O" is a word.
 */
const INITIAL =
  /^(?!(?:U\.S\.|U\.K\.|U\.N\.|E\.U\.|D\.C\.|U\.S\.A\.)$)(?:(?:\p{Lu}\.)+|(?![AIO])\p{Lu})$/u;
const MINOR = new Set(['of', 'the', 'for', 'and', 'on']);
const REGION_HEAD =
  /^(?:north|south|east|west|central|eastern|western|northern|southern|middle|far|sub-saharan|latin|southeast|northeast|southwest|northwest)$/;
const REGION_TAIL =
  /^(?:europe|asia|africa|america|americas|east|west|pacific|atlantic|mediterranean)$/;

/** An age or an apposition with a person's role says what a title would have said. */
export function personCued(before: string, after: string): boolean {
  return PERSON_CONTEXT_BEFORE.test(before.slice(-20)) || PERSON_CONTEXT_AFTER.test(after);
}

/**
 * Context that makes a name a company: "the Ukrainian gas company, Burisma", "Innotech, an
 * Australian pharmaceuticals company", "shares of Vantorix" (not of a place).
 */
export function orgCued(before: string, after: string, name: string, lex: Lexicon): boolean {
  return (
    ORG_CONTEXT_BEFORE.test(before) ||
    ORG_CONTEXT_AFTER.test(after) ||
    (SHARES_BEFORE.test(before) && !lex.places.has(keyOf(name)))
  );
}

export const NEWS_KEYS = new Set(NEWS_ORGANIZATIONS.map((n) => keyOf(n)));

export function classify(
  toks: Token[],
  name: string,
  titled: boolean,
  after: string,
  lex: Lexicon,
): { name: string; type: ActorMention['type'] } | 'single' | null {
  const key = keyOf(name);
  if (lex.places.has(key) || NEWS_KEYS.has(key)) return null;
  if (toks.length === 1) {
    if (lex.organizations.has(key) && !lex.firstNames.has(key) && !lex.lastNames.has(key))
      return { name, type: 'organization' };
    return 'single';
  }
  if (toks.length > 7) return null;
  const keys = toks.map((t) => t.key.replace(/\.$/, ''));
  const last = keys.at(-1)!;
  // "Central Europe", "the Middle East", "Southeast Asia": regions, even after a title.
  if (REGION_HEAD.test(keys[0]!) && (lex.places.has(last) || REGION_TAIL.test(last))) return null;
  const first = keys[0]!;
  if (lex.people.has(key)) return { name, type: 'person' };
  if (lex.organizations.has(key)) return { name, type: 'organization' };
  const hasOrgConnector = keys.some(
    (k) => k === 'of' || k === 'for' || k === 'the' || k === 'and' || k === 'on',
  );
  const innerOrg = keys.some(
    (k, i) => i < keys.length - 2 && ORG_TAIL.has(k) && keys[i + 1] === 'of',
  );
  if (ORG_TAIL.has(last) || (ORG_HEAD.has(first) && hasOrgConnector) || innerOrg) {
    if (MEDIA_TAIL.has(last)) return null;
    // "Health Ministry", "the Justice Department": generic on their own. Three words or more
    // in title case name an institution ("General Services Administration").
    if (keys.every((k) => GENERIC_ORG_WORDS.has(k)) && keys.filter((k) => !MINOR.has(k)).length < 3)
      return null;
    return { name, type: 'organization' };
  }
  // "Hurricane Lorenzo", "Storm Ciarán", "Typhoon Haiyan": weather, named like people.
  if (NAMED_THING_HEAD.test(first)) return null;
  // Names with particles run long ("Luiz Inácio Lula da Silva", "Rebecca Nyandeng De Mabior").
  const particles = keys.filter((k) => NAME_CONNECTORS.has(k)).length;
  if (hasOrgConnector || toks.length - particles > 4 || toks.length > 6) return null;
  const speaks = /^,?\s*(?:said|says|told|added|wrote|argued|explained|noted|who|, who)\b/i.test(
    after,
  );
  if (
    keys.some((k) => lex.places.has(k) && !lex.firstNames.has(k) && !lex.lastNames.has(k)) &&
    !titled &&
    // "Alex Greenwich, who drafted the bill": a first name, then a place's name as surname.
    !(speaks && lex.firstNames.has(first) && !lex.places.has(first) && toks.length <= 3)
  )
    return null;
  if (toks.every((t) => t.text.replace(/\.$/, '').length === 1)) return null;
  const nameLike = toks.every((t, i) => {
    const k = keys[i]!;
    return (
      NAME_CONNECTORS.has(k) ||
      INITIAL.test(t.text) ||
      (/^\p{Lu}[\p{Ll}'’]/u.test(t.text) && !lex.common.has(k) && !lex.titles.has(k))
    );
  });
  if (!nameLike) return null;
  // "George Polya Prize", "O'Higgins Base": named after a person, but a thing or a place.
  if (THING_TAIL.has(last)) return null;
  // "East Room", "World Cup": without a first name, a run ending in a common noun is no person.
  if (lex.nouns.has(last) && !lex.firstNames.has(first)) return null;
  if (lex.firstNames.has(first) || INITIAL.test(toks[0]!.text)) return { name, type: 'person' };
  if (titled) return { name, type: 'person' };
  if (lex.lastNames.has(last) && toks.length <= 3) return { name, type: 'person' };
  if (/^,?\s*(?:said|says|told|added|wrote|argued|explained|noted|who|, who)/i.test(after))
    return { name, type: 'person' };
  return null;
}
