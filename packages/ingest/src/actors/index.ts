import type { ActorDictionaryEntry, ActorMention } from '@newsarchive/core';
import { slugify } from '@newsarchive/core';
import { AGENCY_GROUP } from '../credits.ts';
import { GAZETTEER, NEWS_ORGANIZATIONS } from './gazetteer.ts';
import { loadLexicon, type Lexicon } from './lexicon.ts';
import { keyOf, tokenize, type Token } from './tokenize.ts';

export { GAZETTEER, NEWS_ORGANIZATIONS, type GazetteerEntry } from './gazetteer.ts';

/** A known spelling of a registry actor (one home: ActorDictionaryEntry in @newsarchive/core). */
export type DictionaryEntry = ActorDictionaryEntry;

export interface ActorInput {
  title: string;
  body: string;
  byline: string | null;
}

export type ActorExtractor = (input: ActorInput) => ActorMention[];

/** What a dictionary spelling stands for: an actor, a news organisation, or nothing at all. */
interface Target {
  id: string;
  name: string;
  type: ActorMention['type'];
  /** News organisations and photo agencies: never actors here. */
  news?: boolean;
  /** Place names that contain an actor's name ("New Mexico", "Latin America"): match, emit nothing. */
  block?: boolean;
}

interface Alias {
  keys: string[];
  texts: string[];
  /** ALL-CAPS and dotted spellings must match case exactly ("US" is not "us"). */
  exact: boolean;
  target: Target;
}

// Places and phrases that contain an actor's spelling but do not name that actor.
const BLOCKED = `New Mexico|Mexico City|New England|New Jersey|New York|New Delhi|Latin America|Latin American|Latin Americans
North America|North American|South America|Central America|Central American|Central Americans|African American|African Americans
Native American|Native Americans|Arab American|Arab Americans|Asian American|Asian Americans|Mexican American|Mexican Americans
American Indian|American Indians|Indian Ocean|Voice of America|Make America Great Again|Captain America
Indian Country|Georgia|West Virginia|Virginia|Turkey Day|French Quarter|Jordan River|Jordan Valley|Chinese New Year
New South Wales|Dutch Harbor|Irish Sea|Irish Republican Army|British Columbia|South China Sea|East China Sea
Korean Peninsula|Korean War|Vietnam War|Gulf War|Iraq War|Afghan War|America First|Amazon rainforest|Red Sea|Persian Gulf
Oval Office|Rose Garden|West Wing|Gaza Strip|West Bank|Golan Heights|Middle East|Tel Aviv|Supreme Leader|Capitol Hill|Capitol
American Samoa|Palestinian Territories|Palestinian territories|Occupied Palestinian Territories|Palestinian Territory`;

// Orgs named after a state that are that state's organs: the mention is the state itself.
const STATE_ORGANS = new Set(
  `government|military|army|navy|air|armed|force|forces|embassy|ministry|foreign|defense|defence|interior|cabinet|parliament|authorities|coast|guard|officials|police|troops|intelligence|administration|regime|security|health|justice|finance|prime|minister|president`.split(
    '|',
  ),
);

const ORG_TAIL = new Set(
  `party|ministry|department|agency|council|committee|court|university|institute|institution|association|foundation|bank|commission|corporation|corp|inc|company|group|forces|army|brigade|brigades|front|movement|organization|organisation|union|center|centre|office|service|services|administration|authority|board|bureau|church|college|school|network|corps|guard|police|society|trust|fund|club|federation|league|alliance|coalition|caucus|agency|project|campaign|survey|foods|industries|enterprises|holdings|partners|airlines|airways|motors|systems|technologies|labs|laboratories|hospital|clinic|academy|conference|assembly|parliament|senate|congress|cabinet|government|secretariat|tribunal|fbi|police|navy|command|patrol|reserve|exchange|inc.|llc|ltd|plc|gmbh|foundation|institute|initiative|endowment|watch|international|trust|register|times|post|journal|news|tribune|herald|gazette|magazine|press|radio|television|tv|channel`.split(
    '|',
  ),
);
const MEDIA_TAIL = new Set(
  `times|post|journal|news|tribune|herald|gazette|magazine|press|radio|television|tv|channel|daily|weekly|review|reporter|examiner|observer|telegraph|chronicle|mail|globe|standard|monitor|independent`.split(
    '|',
  ),
);
// Last words of names of things and places named after people.
const THING_TAIL = new Set(
  `prize|award|awards|medal|act|bill|law|rule|base|hall|street|avenue|boulevard|road|park|bridge|airport|station|stadium|arena|memorial|museum|library|square|building|tower|center|centre|fellowship|scholarship|lecture|trophy|cup|river|lake|mountain|island|county|city|bay|beach|day|plan|doctrine|amendment|report|dossier|memo|case|trial|syndrome|disease|effect`.split(
    '|',
  ),
);
// Words after a person's name that make a phrase about the person, not a new actor.
const PERSON_ENTOURAGE = new Set([
  'administration',
  'campaign',
  'presidency',
  'team',
  'allies',
  'family',
  'era',
  'white',
  'transition',
  'organization',
  'tower',
  'doctrine',
  'supporters',
  'voters',
]);
// Words before a name that are never part of it ("Interim Police Chief", "former Ambassador").
const NEVER_LEADING = new Set([
  'interim',
  'acting',
  'former',
  'then',
  'ex',
  'late',
  'embattled',
  'disgraced',
  'outgoing',
  'incoming',
]);
// Title words that only qualify a title ("Foreign" in "Foreign Minister"): no person follows them by themselves.
const TITLE_MODIFIERS = new Set(
  `interim|vice|prime|foreign|defense|defence|interior|finance|treasury|health|national|security|special|senior|assistant|press|white|house|democratic|republican|independent|first|state|homeland|economic|trade|labor|energy|education|agriculture|commerce|transportation|intelligence|cia|fbi|u.s.|us|majority|minority|former|acting|deputy|crown|executive|associate|staff|lady|ex|incumbent`.split(
    '|',
  ),
);
const PLACE_BEFORE =
  /\b(?:(?:town|city|village|district|province|region|camp|port|area|suburb|neighbou?rhood) of|in|near|outside|around|towards?|from|at)\s+(?:the\s+)?$/i;
const NAMED_THING_HEAD = /^(?:hurricane|storm|typhoon|cyclone|tropical|tornado|winter|operation)$/;
const CORPORATE_FORMS = new Set([
  'inc',
  'ltd',
  'llc',
  'plc',
  'corp',
  'gmbh',
  'ag',
  'sa',
  'nv',
  'bv',
  'kft',
  'spa',
  'co',
]);
/** Letters after a name ("Durham Hall QC"): honours, not part of it. */
const POST_NOMINALS = new Set([
  'qc',
  'kc',
  'mbe',
  'obe',
  'cbe',
  'kbe',
  'dbe',
  'frs',
  'mp',
  'msp',
  'td',
]);
const MISTER = new Set(['mr', 'mrs', 'ms', 'messrs', 'dr', 'mme']);
// Titles that put a surname alone in front of the reader ("Ms. Newbold", "President Warren").
const HONORIFICS = new Set(
  `mr|mrs|ms|dr|sen|rep|gov|president|minister|senator|representative|governor|chairman|chairwoman|speaker|judge|justice|ambassador|king|queen|prince|princess|sheikh|pope|mayor|prof|professor|leader|chancellor|emir|ayatollah|congressman|congresswoman|gen|general|adm|admiral|lt|col|sgt|rev|rabbi|imam|cardinal|bishop|archbishop`.split(
    '|',
  ),
);
const ORG_HEAD = new Set(
  `department|ministry|university|bank|council|office|board|bureau|committee|commission|court|house|senate|church|institute|federation|league|union|association|school|college|academy|party|federal|national|royal|central`.split(
    '|',
  ),
);
const GENERIC_ORG_WORDS = new Set(
  `ministry|department|office|of|the|for|and|health|foreign|affairs|defense|defence|interior|justice|state|education|finance|energy|agriculture|commerce|labor|transportation|treasury|homeland|security|public|national|federal|general|committee|council|court|board|agency|police|government|house|senate|city|county|district|supreme|high|appeals|circuit|administration|commission|bureau|service|services|party|army|forces|military|university|school|college|church|news|press|times|post`.split(
    '|',
  ),
);

const WHEN = new Set(
  `monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun|christmas|easter|thanksgiving|ramadan|eid|hanukkah|passover|yom|kippur`.split(
    '|',
  ),
);
// Lowercase words that may sit inside a person's name ("Mohammed bin Salman").
const NAME_CONNECTORS = new Set([
  'de',
  'al',
  'bin',
  'ibn',
  'el',
  'van',
  'von',
  'der',
  'den',
  'la',
  'le',
  'du',
  'da',
  'dos',
  'y',
  'del',
  'di',
  'abu',
  'bint',
]);
// Inside organisation names too ("Department of Justice", "Party for Freedom").
const CONNECTORS = new Set([...NAME_CONNECTORS, 'of', 'for', 'the', 'and', 'on']);

// A news organisation is a source, not an actor, after these words...
const CITE_BEFORE =
  /(?:\b(?:told|tells|telling|according to|reported by|reports by|report by|published by|obtained by|cited by|quoted by|first reported by|interview with|interviews with|speaking to|spoke to|speaking with|spoke with|said on|told the|appearing on|appeared on|said to|relayed to|via|wrote in|writing in|in a statement to|statement to|in an op-ed for|op-ed in|column for|column in|newspaper|daily|broadcaster|channel|outlet|agency|magazine|network|website|station|tabloid|paper|wire service|reporter for|correspondent for|editor of|editor at|host of|anchor for|columnist for|contributor to|writer for|writes for|wrote for|told local|told state)\s+(?:the\s+|israel's\s+|the\s+israeli\s+|israeli\s+|us\s+|state\s+|local\s+)?)$/i;
// ...and before these.
const CITE_AFTER =
  /^\s*(?:reported|reports|reporting|has reported|had reported|first reported|was first to report|quoted|cited|published|said in a report|reporter|correspondent|columnist|contributor|anchor|host|poll|survey|analysis found|obtained|learned)\b/i;
// Lines that are credits or a byline: nothing on them is an actor.
const CREDIT_LINE =
  /^\s*(?:file photo|by|related|read more|see also|watch|advertisement|photo|photos|photograph|photographs|image|images|credit|credits|picture|pictures|illustration|video|source|sources|written by|reporting by|editing by|additional reporting)\b[\s:]/i;

// What a closing credit line says about the people on it.
const SIGN_OFF =
  /\b(?:(?:was|were|is|are) (?:written|edited|compiled|produced|reported|reviewed|updated) by|contributed\b|contributions? (?:from|by)|reported from|writing by|compiled by|edited by|reporting by|additional reporting|with inputs from|inputs from)/i;

const HOVER_CARD =
  /(\p{Lu}[\p{L}'’-]+)(?:\s[("“]?\p{Lu}[\p{L}.'’-]*[)"”]?){1,5}?\s\1(?=[\p{Lu}\p{N}])[^]{0,800}?\bMORE\b/gu;
const AGENCY_CREDIT = new RegExp(`/\\s*${AGENCY_GROUP}\\b`, 'i');
const AGENCY_LEAD = /\b(?:REUTERS|Reuters|AP|AFP|Getty Images|EPA|Xinhua)\s*\/\s*\p{Lu}/u;
const CREDIT_NAME_TAIL = /(?:\s*\p{Lu}[\p{L}.'’-]*){1,5}\s*$/u;

/** Blanks photo credits ("© Ahmad Hasaballah / Getty Images", "(AP Photo/Jane Doe)") out of a line. */
function normalizeCredits(line: string): string {
  let s = line;
  // The Hill's hover cards: "Sen. Michael Bennet Michael Farrand BennetGOP senator: ... MORE"
  if (s.includes('MORE')) s = s.replace(HOVER_CARD, '$1');
  if (s.includes('(')) s = s.replace(/\((?:RELATED|READ MORE|SEE ALSO|WATCH|READ)\b[^)]*\)/g, ' ');
  // An embedded post's signature: "— Aaron Rupar (@atrupar) May 11, 2020".
  if (s.includes('(@'))
    s = s.replace(/[—–-]\s*[^—–()\n]{1,80}\(@\w+\)(?:\s+\p{L}+\.?\s+\d{1,2},\s+\d{4})?/gu, ' ');
  // Contributor lines are bylines: "Jane Doe and John Roe contributed to this report."
  if (/contributed|reporting by|editing by/i.test(s))
    s = s.replace(
      /[^.]*\b(?:contributed(?: reporting)? to this (?:report|story|article)|additional reporting by|reporting by|editing by)\b[^.]*\.?/gi,
      ' ',
    );
  const credit = s.search(/\bCredit\b(?:\.\.\.|…|:)/);
  if (credit >= 0) s = s.slice(0, credit);
  const copy = s.indexOf('©');
  if (copy >= 0) s = s.slice(0, copy);
  if (s.includes('('))
    s = s.replace(
      /\((?:[^()]*?\b(?:photo|photograph|image|credit|getty|ap|afp|reuters|file)\b[^()]*?)\)/gi,
      ' ',
    );
  if (/photo|image|picture|credit/i.test(s))
    s = s.replace(
      /\b(?:photo|photograph|image|picture|credit)s?\s*(?:by|:|credit:?)\s*[^.;]*[.;]?/gi,
      ' ',
    );
  if (s.includes('/')) {
    const m = AGENCY_CREDIT.exec(s);
    if (m) s = s.slice(0, m.index).replace(CREDIT_NAME_TAIL, ' ');
    const lead = AGENCY_LEAD.exec(s);
    if (lead) s = s.slice(0, lead.index);
  }
  return s;
}

interface Found {
  /** Resolved through this article only (a surname alone): not a spelling the registry should learn. */
  local?: boolean;
  /** A one-word dictionary match ("Jordan") that may be the surname of a person in the article. */
  word?: string;
  name: string;
  type: ActorMention['type'];
  id?: string;
  spelling: string;
}

/**
 * Builds the extractor. `dictionary` adds the registry's spellings to the built-in gazetteer
 * (registry entries win on a shared spelling), so librarians' aliases and merges shape what
 * extraction resolves. The extractor runs a dictionary pass over every line, proposes new
 * names from capitalised sequences with context rules, and drops the never-actors (byline,
 * credits, cited news organisations, headings, dates, bare titles).
 */
/** The British or American spelling of a name with -isation/-ization ("Organisation"), or null. */
function otherSpelling(spelling: string): string | null {
  if (/is(?:ation|ed?)\b/.test(spelling)) return spelling.replace(/is(ation|ed?)\b/g, 'iz$1');
  if (/iz(?:ation|ed?)\b/.test(spelling)) return spelling.replace(/iz(ation|ed?)\b/g, 'is$1');
  return null;
}

export function createActorExtractor(dictionary: DictionaryEntry[] = []): ActorExtractor {
  const lex = loadLexicon();
  // Keyed by first word, then by the whole spelling: a later spelling for the same words replaces
  // the earlier one (registry over gazetteer). Built in linear time: registries grow large.
  const bySpelling = new Map<string, Map<string, Alias>>();
  const add = (spelling: string, target: Target) => {
    const toks = tokenize(spelling);
    if (toks.length === 0) return;
    const keys = toks.map((t) => t.key);
    const exact =
      /^[^a-z]*$/.test(spelling) &&
      /[A-Z]/.test(spelling) &&
      spelling.replace(/[^A-Za-z]/g, '').length <= 5;
    let bucket = bySpelling.get(keys[0]!);
    if (!bucket) bySpelling.set(keys[0]!, (bucket = new Map()));
    bucket.set(`${keys.join(' ')}|${exact}|${toks[0]!.text[0]}`, {
      keys,
      texts: toks.map((t) => t.text),
      exact,
      target,
    });
  };
  for (const line of BLOCKED.split(/[|\n]/))
    add(line.trim(), { id: '', name: line.trim(), type: 'organization', block: true });
  for (const n of NEWS_ORGANIZATIONS)
    add(n, { id: slugify(n), name: n, type: 'organization', news: true });
  for (const g of GAZETTEER) {
    const target: Target = { id: slugify(g.name), name: g.name, type: g.type };
    for (const spelling of [g.name, ...g.aliases]) {
      add(spelling, target);
      // "World Health Organisation" is the same body as "...Organization".
      const other = otherSpelling(spelling);
      if (other) add(other, target);
    }
  }
  for (const d of dictionary) add(d.alias, { id: d.id, name: d.name, type: d.type });
  // Longest spelling first, so "Palestinian Islamic Jihad" wins over "Palestinian".
  const byFirst = new Map<string, Alias[]>();
  for (const [first, bucket] of bySpelling)
    byFirst.set(
      first,
      [...bucket.values()].sort((a, b) => b.keys.length - a.keys.length),
    );

  return (input) => extract(input, byFirst, lex);
}

interface Match {
  from: number;
  to: number;
  target: Target;
}

function matchDictionary(toks: Token[], byFirst: Map<string, Alias[]>): Match[] {
  const out: Match[] = [];
  for (let i = 0; i < toks.length;) {
    const t = toks[i]!;
    const list = byFirst.get(t.key);
    let hit: Match | undefined;
    if (list) {
      for (const a of list) {
        const n = a.keys.length;
        if (i + n > toks.length) continue;
        let ok = true;
        for (let j = 0; j < n && ok; j++) {
          const tj = toks[i + j]!;
          if (tj.key !== a.keys[j]) ok = false;
          else if (a.exact && tj.text !== a.texts[j]) ok = false;
          else if (j === 0 && tj.text[0] !== a.texts[0]![0]) ok = false;
          // "Trump Administration" learnt by the registry must not match "Trump administration".
          else if (j > 0 && /\p{Lu}/u.test(a.texts[j]![0]!) && !/\p{Lu}/u.test(tj.text[0]!))
            ok = false;
          else if (j > 0 && !/^[\s-]*$/.test(tj.gap)) ok = false;
          else if (j < n - 1 && tj.possessive) ok = false;
        }
        if (ok) {
          hit = { from: i, to: i + n, target: a.target };
          break;
        }
      }
    }
    if (hit) {
      out.push(hit);
      i = hit.to;
    } else i++;
  }
  return out;
}

type Kind = 'dict' | 'title' | 'conn' | 'name';
interface Part {
  kind: Kind;
  from: number;
  to: number;
  target?: Target;
}

function extract(input: ActorInput, byFirst: Map<string, Alias[]>, lex: Lexicon): ActorMention[] {
  const found: Found[] = [];
  const singles: {
    key: string;
    text: string;
    titled: boolean;
    mister?: boolean;
    surnameOnly?: boolean;
  }[] = [];
  // Name-like runs with no evidence of their own ("Lachlan Murdoch"), kept if a relative is named.
  const pending: { name: string; last: string }[] = [];
  const bylineKeys = new Set(
    (input.byline ?? '')
      .split(/[^\p{L}'’-]+/u)
      .map((w) => keyOf(w))
      .filter((w) => w.length > 1 && w !== 'and' && w !== 'by'),
  );
  const isByline = (text: string) => {
    const ks = tokenize(text)
      .map((t) => t.key.replace(/\./g, ''))
      .filter((k) => k.length > 1);
    return bylineKeys.size > 0 && ks.length > 0 && ks.every((k) => bylineKeys.has(k));
  };

  const lines: { text: string; heading: boolean; credit?: boolean }[] = [
    { text: input.title, heading: true },
  ];
  for (const raw of input.body.split(/\n+/)) {
    const text = raw.trim();
    if (!text) continue;
    // A heading: a short line (at most 14 words) that does not end a sentence.
    const heading =
      text.length <= 160 && text.split(/\s+/).length <= 14 && !/[.!?:;"”’')\]]$/.test(text);
    lines.push({ text, heading });
  }

  // The closing lines of an article credit its makers ("Associated Press writer Jim Gomez
  // contributed.", "Today's briefing was written by ... and edited by ...", "Our correspondent
  // ... reported from Cairo."): nothing on them is an actor.
  for (let k = lines.length - 1, seen = 0; k > 0 && seen < 3; k--, seen++) {
    const text = lines[k]!.text;
    if (text.split(/\s+/).length <= 40 && SIGN_OFF.test(text)) lines[k]!.credit = true;
  }

  for (const line of lines) {
    if (line.credit) continue;
    if (
      line.text.length <= 200 &&
      CREDIT_LINE.test(line.text) &&
      line.text.split(/\s+/).length <= 14
    )
      continue;
    const text = normalizeCredits(line.text);
    const toks = tokenize(text);
    if (toks.length === 0) continue;
    const matches = matchDictionary(toks, byFirst);
    const matchAt = new Map<number, Match>();
    for (const m of matches) matchAt.set(m.from, m);
    const inMatch = new Uint8Array(toks.length);
    for (const m of matches) for (let j = m.from; j < m.to; j++) inMatch[j] = 1;

    const nameish = (i: number): boolean => {
      if (inMatch[i]) return true;
      const t = toks[i]!;
      if (!t.cap) return false;
      if (WHEN.has(t.key)) return false;
      if (t.sentStart && lex.common.has(t.key)) return false;
      if (/^\p{N}/u.test(t.text)) return true;
      return true;
    };

    // Capitalised runs ("chunks") with connectors inside; punctuation and possessives end them.
    let i = 0;
    while (i < toks.length) {
      if (!nameish(i)) {
        i++;
        continue;
      }
      let j = i + 1;
      while (j < toks.length) {
        const t = toks[j]!;
        const prev = toks[j - 1]!;
        if (prev.possessive || !/^(?: |-|\s?-\s?)$/.test(t.gap)) break;
        if (inMatch[j] && !matchAt.has(j) && inMatch[j - 1]) {
          j++;
          continue;
        }
        if (nameish(j) && !(t.sentStart && !inMatch[j])) {
          j++;
          continue;
        }
        // a connector needs a capitalised word after it
        if (
          CONNECTORS.has(t.text) &&
          j + 1 < toks.length &&
          nameish(j + 1) &&
          // "Majed al-Ansari", "Amr el-Sayed": the article joined to the name by a hyphen.
          (/ /.test(toks[j + 1]!.gap) ||
            (/^-$/.test(toks[j + 1]!.gap) && NAME_CONNECTORS.has(t.text))) &&
          !prev.possessive
        ) {
          j += 2;
          continue;
        }
        break;
      }
      handleChunk(i, j);
      i = j;
    }

    function handleChunk(from: number, to: number): void {
      const blocked = new Set<string>();
      // Split into parts.
      const parts: Part[] = [];
      for (let k = from; k < to;) {
        const m = matchAt.get(k);
        if (m && m.to <= to) {
          // A place name that contains an actor's name ("New York Knicks", "New Mexico") is just a name.
          if (m.target.block) {
            for (let q = k; q < m.to; q++) parts.push({ kind: 'name', from: q, to: q + 1 });
            blocked.add(`${k}:${m.to}`);
          } else parts.push({ kind: 'dict', from: k, to: m.to, target: m.target });
          k = m.to;
          continue;
        }
        const t = toks[k]!;
        const bare = t.key.replace(/\.$/, '');
        let kind: Kind = 'name';
        if (!t.cap && CONNECTORS.has(t.text)) kind = 'conn';
        else if (lex.titles.has(bare) || lex.titles.has(t.key)) {
          // "Hunter Biden": a first name before a name is a name, not a title.
          const next = toks[k + 1];
          kind =
            lex.firstNames.has(bare) && next && k + 1 < to && !lex.titles.has(next.key)
              ? 'name'
              : 'title';
        }
        parts.push({ kind, from: k, to: k + 1 });
        k++;
      }
      // A modifier ("Health", "National") is part of a title only next to a head title
      // ("Secretary of State", "National Security Adviser"); otherwise it is part of a name
      // ("Bloomberg School of Public Health").
      for (let p = parts.length - 1; p >= 0; p--) {
        const part = parts[p]!;
        if (part.kind !== 'title' || !TITLE_MODIFIERS.has(toks[part.from]!.key.replace(/\.$/, '')))
          continue;
        const next = parts[p + 1];
        const prev = parts[p - 1]?.kind === 'conn' ? parts[p - 2] : parts[p - 1];
        const prevHead =
          prev?.kind === 'title' && !TITLE_MODIFIERS.has(toks[prev.from]!.key.replace(/\.$/, ''));
        if (next?.kind !== 'title' && !prevHead) part.kind = 'name';
      }
      // Group consecutive name parts (with connectors) into runs; absorb one-word dictionary
      // matches glued to a name ("Jim Jordan", "American Enterprise Institute", "Ivanka Trump").
      type Run = { kind: 'dict' | 'title' | 'name'; from: number; to: number; target?: Target };
      const runs: Run[] = [];
      for (const p of parts) {
        const last = runs.at(-1);
        if (p.kind === 'conn') {
          if (last?.kind === 'name') last.to = p.to;
          continue;
        }
        if (p.kind === 'name' && last?.kind === 'name') last.to = p.to;
        else if (p.kind === 'title' && last?.kind === 'title') last.to = p.to;
        else runs.push({ kind: p.kind, from: p.from, to: p.to, target: p.target });
      }
      for (let r = 0; r < runs.length; r++) {
        const run = runs[r]!;
        if (run.kind !== 'dict' || run.to - run.from !== 1 || run.target?.block) continue;
        const prev = runs[r - 1];
        const next = runs[r + 1];
        const organs =
          next?.kind === 'name' &&
          toks
            .slice(next.from, next.to)
            .every((t) => STATE_ORGANS.has(t.key) || CONNECTORS.has(t.key));
        if (organs && run.target?.type === 'state') {
          runs.splice(r + 1, 1);
          continue;
        }
        const glueNext =
          next?.kind === 'name' &&
          next.from === run.to &&
          !toks[run.from]!.possessive &&
          !(lex.firstNames.has(toks[next.from]!.key) && next.to - next.from > 1) &&
          // "Trump Administration", "Obama campaign": the person, not a new organisation.
          !(run.target?.type === 'person' && PERSON_ENTOURAGE.has(toks[next.from]!.key));
        const gluePrev =
          prev?.kind === 'name' &&
          prev.to === run.from &&
          !toks[prev.to - 1]!.possessive &&
          (lex.firstNames.has(toks[prev.to - 1]!.key) ||
            toks[prev.to - 1]!.text.endsWith('.') ||
            !!run.target?.news ||
            glueNext ||
            // "Sarah Huckabee Sanders": a name that starts with a first name goes on through a surname.
            (run.target?.type === 'person' && lex.firstNames.has(toks[prev.from]!.key)));
        if (glueNext || gluePrev) {
          const start = gluePrev ? prev!.from : run.from;
          const end = glueNext ? next!.to : run.to;
          const merged: Run = { kind: 'name', from: start, to: end };
          runs.splice(gluePrev ? r - 1 : r, (gluePrev ? 1 : 0) + 1 + (glueNext ? 1 : 0), merged);
          r = gluePrev ? r - 1 : r;
        }
      }
      for (let r = 1; r < runs.length; r++) {
        const run = runs[r]!;
        const prev = runs[r - 1]!;
        if (
          run.kind === 'dict' &&
          run.target?.type === 'organization' &&
          !run.target.news &&
          prev.kind === 'name' &&
          lex.places.has(keyOf(text.slice(toks[prev.from]!.start, toks[prev.to - 1]!.end)))
        ) {
          runs.splice(r - 1, 2, { kind: 'name', from: prev.from, to: run.to });
          r--;
          continue;
        }
        if (
          run.kind === 'name' &&
          prev.kind === 'title' &&
          ORG_TAIL.has(toks[run.to - 1]!.key) &&
          !lex.firstNames.has(toks[run.from]!.key)
        ) {
          runs.splice(r - 1, 2, { kind: 'name', from: prev.from, to: run.to });
          r--;
        }
      }
      const before = text.slice(Math.max(0, toks[from]!.start - 60), toks[from]!.start);
      const after = text.slice(
        toks[to - 1]!.end + (toks[to - 1]!.possessive ? 2 : 0),
        toks[to - 1]!.end + 60,
      );
      const cited = CITE_BEFORE.test(before) || CITE_AFTER.test(after);
      const prevTok = toks[from - 1];
      const prevWord = prevTok && /^\s+$/.test(toks[from]!.gap) ? prevTok.key : '';

      for (let r = 0; r < runs.length; r++) {
        const run = runs[r]!;
        if (run.kind === 'dict') {
          const t = run.target!;
          if (t.block) continue;
          if (t.news) {
            // "Bloomberg" may be Michael Bloomberg when the article names him in full.
            if (run.to - run.from === 1)
              singles.push({
                key: toks[run.from]!.key,
                text: toks[run.from]!.text,
                titled: false,
                surnameOnly: true,
              });
            continue;
          }
          const spelling = text.slice(toks[run.from]!.start, toks[run.to - 1]!.end);
          if (t.type === 'person' && isByline(spelling)) continue;
          found.push({
            name: t.name,
            type: t.type,
            id: t.id,
            spelling,
            word: run.to - run.from === 1 ? toks[run.from]!.key : undefined,
          });
          continue;
        }
        if (run.kind !== 'name') continue;
        // A portfolio before a title ("Civil Aviation Minister Hardeep Singh Puri", "Health
        // Secretary"): the office, not a person or a body of its own.
        const nextRun = runs[r + 1];
        if (
          nextRun?.kind === 'title' &&
          nextRun.from === run.to &&
          runs[r + 2]?.kind === 'name' &&
          !lex.firstNames.has(toks[run.from]!.key)
        )
          continue;
        // Trim connectors at the edges.
        let a = run.from;
        let b = run.to;
        while (a < b && !toks[a]!.cap) a++;
        while (b > a && !toks[b - 1]!.cap) b--;
        if (a >= b) continue;
        const titleRun = runs[r - 1];
        const titled =
          (titleRun?.kind === 'title' &&
            !TITLE_MODIFIERS.has(toks[titleRun.to - 1]!.key.replace(/\.$/, ''))) ||
          (r === 0 && lex.titles.has(prevWord) && !TITLE_MODIFIERS.has(prevWord));
        const honored =
          titled &&
          titleRun?.kind === 'title' &&
          HONORIFICS.has(toks[titleRun.to - 1]!.key.replace(/\.$/, ''));
        // The Hill repeats a name as a hover card ("Michael Bennet Michael Farrand Bennet"): keep the first.
        for (let k = a + 1; k < b - 1; k++) {
          if (toks[k]!.key === toks[b - 1]!.key) {
            b = k + 1;
            break;
          }
        }
        if (line.heading) {
          if (b - a === 1) singles.push({ key: toks[a]!.key, text: toks[a]!.text, titled: false });
          // A heading that is a speaker's name ("Cory Booker") still names a person.
          else if (b - a <= 3 && lex.firstNames.has(toks[a]!.key) && toks.length === b - a) {
            const c = classify(
              toks.slice(a, b),
              text.slice(toks[a]!.start, toks[b - 1]!.end),
              false,
              '',
              lex,
            );
            if (c && c !== 'single' && c.type === 'person' && !isByline(c.name))
              found.push({ name: c.name, type: c.type, spelling: c.name });
          }
          continue;
        }
        const take = (x: number, y: number, isTitled: boolean, isHonored: boolean): void => {
          while (
            x < y &&
            (!toks[x]!.cap ||
              NEVER_LEADING.has(toks[x]!.key) ||
              /^\p{N}/u.test(toks[x]!.text) ||
              // "Considering Weinstein ...": a verb that starts a sentence is not part of a name.
              (toks[x]!.sentStart &&
                /(?:ing|ed)$/.test(toks[x]!.key) &&
                !lex.firstNames.has(toks[x]!.key)))
          )
            x++;
          while (y > x && (!toks[y - 1]!.cap || POST_NOMINALS.has(toks[y - 1]!.key))) y--;
          if (x >= y) return;
          // "Jessica Levinson of Loyola Law School": a person, then where they work.
          if (lex.firstNames.has(toks[x]!.key)) {
            for (let k = x + 2; k < Math.min(y - 1, x + 5); k++) {
              if (toks[k]!.text === 'of') {
                take(x, k, isTitled, isHonored);
                take(k + 1, y, false, false);
                return;
              }
            }
          }
          if (blocked.has(`${x}:${y}`)) return;
          // ", Inc." or ", Ltd" after a company's name is its legal form, not another company.
          if (y - x === 1 && CORPORATE_FORMS.has(toks[x]!.key.replace(/\.$/, ''))) return;
          const name = text.slice(toks[x]!.start, toks[y - 1]!.end);
          let c = classify(toks.slice(x, y), name, isTitled, y === b ? after : '', lex);
          // "the Ukrainian gas company, Burisma", "Innotech, an Australian pharmaceuticals company"
          if (
            (c === null || c === 'single') &&
            x === a &&
            y === b &&
            y - x <= 4 &&
            !NEWS_KEYS.has(keyOf(name))
          ) {
            const lead = text.slice(Math.max(0, toks[x]!.start - 40), toks[x]!.start);
            if (ORG_CONTEXT_BEFORE.test(lead) || ORG_CONTEXT_AFTER.test(after))
              c = { name, type: 'organization' };
          }
          if (c === 'single') {
            if (cited) return;
            // "the rescue service ZAKA": an acronym an organisation noun introduces.
            if (
              /^\p{Lu}{3,}$/u.test(toks[x]!.text) &&
              ORG_CONTEXT_BEFORE.test(text.slice(Math.max(0, toks[x]!.start - 40), toks[x]!.start))
            ) {
              found.push({ name, type: 'organization', spelling: name });
              return;
            }
            if (/^\p{N}/u.test(toks[x]!.text) || /^\p{Lu}+$/u.test(toks[x]!.text)) return;
            const titleKey =
              runs[r - 1]?.kind === 'title'
                ? toks[runs[r - 1]!.to - 1]!.key.replace(/\.$/, '')
                : '';
            // "near the town of Sheikh Zuwayed": an honorific in a place's name.
            const titleStart =
              runs[r - 1]?.kind === 'title' ? toks[runs[r - 1]!.from]!.start : toks[x]!.start;
            const place = PLACE_BEFORE.test(text.slice(Math.max(0, titleStart - 40), titleStart));
            singles.push({
              key: toks[x]!.key,
              text: toks[x]!.text,
              titled: isHonored && !place,
              mister: MISTER.has(titleKey),
            });
            return;
          }
          if (c) {
            // After "told" or before "reported" only a person with a first name survives: a
            // name there is usually a news organisation cited as a source.
            if (cited && !(c.type === 'person' && lex.firstNames.has(toks[x]!.key))) return;
            if (c.type === 'person' && isByline(c.name)) return;
            found.push({ name: c.name, type: c.type, spelling: c.name });
            return;
          }
          if (
            c === null &&
            y - x >= 2 &&
            y - x <= 3 &&
            toks.slice(x, y).every((t) => /^\p{Lu}\p{Ll}/u.test(t.text)) &&
            !cited
          ) {
            pending.push({
              name: text.slice(toks[x]!.start, toks[y - 1]!.end),
              last: toks[y - 1]!.key,
            });
          }
          // "Andrew Eggers of Oxford University and Jen Hainmueller": try the parts.
          for (let k = x + 1; k < y - 1; k++) {
            const w = toks[k]!.text;
            if (w === 'and' || (w === 'of' && lex.firstNames.has(toks[x]!.key))) {
              take(x, k, isTitled, isHonored);
              take(k + 1, y, false, false);
              return;
            }
          }
        };
        take(a, b, titled, honored);
      }
    }
  }

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
  return consolidate([...out.values()], (name) => {
    const toks = tokenize(name);
    const m = matchDictionary(toks, byFirst).find((x) => x.from === 0 && x.to === toks.length);
    return m && !m.target.block && !m.target.news ? m.target : undefined;
  });
}

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
function consolidate(
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

const ORG_NOUN =
  '(?:company|companies|firm|group|organization|organisation|nonprofit|non-profit|charity|party|label|band|service|agency|club|union|network|broadcaster|bank|think tank|startup|start-up|maker|manufacturer|producer|supplier|retailer|lender|insurer|conglomerate|coalition|trade group|lobby|lobbying group|advocacy group|watchdog|foundation|chain|airline|automaker|carrier|contractor|developer|platform|operator|giant)';
const ORG_CONTEXT_BEFORE = new RegExp(`\\b${ORG_NOUN},?\\s+(?:called\\s+|named\\s+)?$`, 'i');
const ORG_CONTEXT_AFTER = new RegExp(
  `^,\\s+(?:a|an|the)\\s+(?:[\\p{L}-]+\\s+){0,4}?${ORG_NOUN}\\b`,
  'iu',
);
const NEWS_KEYS = new Set(NEWS_ORGANIZATIONS.map((n) => keyOf(n)));

function classify(
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
    if (keys.every((k) => GENERIC_ORG_WORDS.has(k))) return null;
    return { name, type: 'organization' };
  }
  // "Hurricane Lorenzo", "Storm Ciarán", "Typhoon Haiyan": weather, named like people.
  if (/^(?:hurricane|storm|typhoon|cyclone|tropical|tornado|winter|operation)$/.test(first))
    return null;
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
      /^\p{Lu}\.$/u.test(t.text) ||
      (/^\p{Lu}[\p{Ll}'’]/u.test(t.text) && !lex.common.has(k) && !lex.titles.has(k))
    );
  });
  if (!nameLike) return null;
  // "George Polya Prize", "O'Higgins Base": named after a person, but a thing or a place.
  if (THING_TAIL.has(last)) return null;
  // "East Room", "World Cup": without a first name, a run ending in a common noun is no person.
  if (lex.nouns.has(last) && !lex.firstNames.has(first)) return null;
  if (lex.firstNames.has(first) || /^\p{Lu}\.$/u.test(toks[0]!.text))
    return { name, type: 'person' };
  if (titled) return { name, type: 'person' };
  if (lex.lastNames.has(last) && toks.length <= 3) return { name, type: 'person' };
  if (/^,?\s*(?:said|says|told|added|wrote|argued|explained|noted|who|, who)/i.test(after))
    return { name, type: 'person' };
  return null;
}
