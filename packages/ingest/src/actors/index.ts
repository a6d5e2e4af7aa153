import type { ActorDictionaryEntry, ActorMention } from '@newsarchive/core';
import { classify, NEWS_KEYS, ORG_CONTEXT_BEFORE, orgCued, personCued } from './classifier.ts';
import {
  buildDictionary,
  matchDictionary,
  type Alias,
  type Match,
  type Target,
} from './dictionary.ts';
import { loadLexicon, type Lexicon } from './lexicon.ts';
import { consolidate, resolveArticle, type Found, type Pending, type Single } from './resolver.ts';
import {
  CITE_AFTER,
  CITE_BEFORE,
  CONNECTORS,
  CORPORATE_FORMS,
  CREDIT_LINE,
  HONORIFICS,
  MISTER,
  NAME_CONNECTORS,
  NEVER_LEADING,
  normalizeCredits,
  ORG_TAIL,
  PERSON_ENTOURAGE,
  PLACE_BEFORE,
  POST_NOMINALS,
  SIGN_OFF,
  STATE_ORGANS,
  TITLE_MODIFIERS,
  WHEN,
} from './rules.ts';
import { keyOf, tokenize } from './tokenize.ts';

export { GAZETTEER, NEWS_ORGANIZATIONS, type GazetteerEntry } from './gazetteer.ts';

/** A known spelling of a registry actor (one home: ActorDictionaryEntry in @newsarchive/core). */
export type DictionaryEntry = ActorDictionaryEntry;

export interface ActorInput {
  title: string;
  body: string;
  byline: string | null;
}

export type ActorExtractor = (input: ActorInput) => ActorMention[];

/**
 * Builds the extractor. `dictionary` adds the registry's spellings to the built-in gazetteer
 * (registry entries win on a shared spelling), so librarians' aliases and merges shape what
 * extraction resolves. The extractor runs a dictionary pass over every line, proposes new
 * names from capitalised sequences with context rules, and drops the never-actors (byline,
 * credits, cited news organisations, headings, dates, bare titles).
 */
export function createActorExtractor(dictionary: DictionaryEntry[] = []): ActorExtractor {
  const lex = loadLexicon();
  const byFirst = buildDictionary(dictionary);
  return (input) => extract(input, byFirst, lex);
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
  const singles: Single[] = [];
  // Name-like runs with no evidence of their own ("Lachlan Murdoch"), kept if a relative is named.
  const pending: Pending[] = [];
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
          // An age or an apposition with a person's role says what a title would have said.
          const before = text.slice(Math.max(0, toks[x]!.start - 40), toks[x]!.start);
          const cued = y - x >= 2 && personCued(before, y === b ? after : '');
          let c = classify(toks.slice(x, y), name, isTitled || cued, y === b ? after : '', lex);
          if (
            (c === null || c === 'single') &&
            x === a &&
            y === b &&
            y - x <= 4 &&
            !NEWS_KEYS.has(keyOf(name)) &&
            orgCued(before, after, name, lex)
          )
            c = { name, type: 'organization' };
          if (c === 'single') {
            if (cited) return;
            // "the rescue service ZAKA": an acronym an organisation noun introduces.
            if (/^\p{Lu}{3,}$/u.test(toks[x]!.text) && ORG_CONTEXT_BEFORE.test(before)) {
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

  const mentions = resolveArticle(found, singles, pending, lex, isByline);
  return consolidate(mentions, (name) => {
    const toks = tokenize(name);
    const m = matchDictionary(toks, byFirst).find((x) => x.from === 0 && x.to === toks.length);
    return m && !m.target.block && !m.target.news ? m.target : undefined;
  });
}
