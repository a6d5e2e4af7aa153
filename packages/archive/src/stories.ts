import { randomBytes } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import {
  COVERAGE_THRESHOLD,
  COVERAGE_WINDOW_DAYS,
  coverageKeys,
  coverageScore,
  type CoverageProfile,
} from '@newsarchive/core';
import { cached } from './journal.ts';

/**
 * Stories: the same event reported by different outlets on nearby days, in their own words.
 *
 * Two articles are linked when their coverage profiles score at least COVERAGE_THRESHOLD
 * (packages/core/src/coverage.ts), when one is the other's closest copy (copies.ts), or when a
 * librarian joined them; a story is a connected set of links. Links are stored both ways in
 * story_links, so a story depends only on which articles the archive holds, not on the order
 * they came in, and an update or a correction re-draws just the stories it touches.
 *
 * - Candidates come from story_terms: each dated article is filed under its heaviest
 *   COVERAGE_KEY_TERMS terms and its day; a new one looks up its own terms over the window.
 * - A hidden article belongs to the story of what it links to but never connects two articles:
 *   whether a reader sees two reports as one story must not depend on an article they cannot see.
 * - A split article (story_corrections) has no links but a librarian's joins; a join is a link
 *   kept by article id, so it outlives re-ingest and regrouping.
 */

/** A new story's id: random, so it names none of its articles (hiding one must not show it). */
export function newStoryId(): string {
  return `st_${randomBytes(8).toString('hex')}`;
}

/** Beyond this many articles a story is not walked further (a bound, not a rule). */
const MAX_WALK = 5000;
/** Stored articles looked up per key term; the window rarely holds more that share one. */
const MAX_TERM_CANDIDATES = 100;
/** Stored articles scored per new article at most. */
const MAX_SCORED = 50;
/** Links kept per article: its strongest matches. */
const MAX_LINKS = 20;

export interface StoryInput {
  id: string;
  ref: number;
  coverage: CoverageProfile | null;
  /** The profile stored before this version: its story_terms entries are removed. */
  previous: CoverageProfile | null;
  /** The story_ref of the article's closest copy, if any. */
  copyRef: number | null;
  hidden: boolean;
}

export interface StoryAssignment {
  storyId: string;
  /** Other articles whose story changed (merged in or split off): they need re-indexing. */
  moved: string[];
}

/**
 * A stored profile. The archive wrote it from a validated article, so it is read without another
 * validation: a new article compares itself with dozens of stored profiles.
 */
/**
 * Parsed profiles of stored articles by story_ref, per connection: a new article compares itself
 * with up to hundreds of stored ones, and the next article mostly with the same. Cleared past
 * PROFILE_CACHE entries; an article's entry goes whenever its profile is written.
 */
const PROFILE_CACHE = 20_000;
const profileCache = new WeakMap<Database, Map<number, CoverageProfile | null>>();
function storedProfile(
  db: Database,
  ref: number,
  json: () => string | null,
): CoverageProfile | null {
  let cache = profileCache.get(db);
  if (!cache) profileCache.set(db, (cache = new Map()));
  if (cache.has(ref)) return cache.get(ref)!;
  if (cache.size >= PROFILE_CACHE) cache.clear();
  const p = parseCoverage(json());
  cache.set(ref, p);
  return p;
}
function forgetProfile(db: Database, ref: number): void {
  profileCache.get(db)?.delete(ref);
}

export function parseCoverage(json: string | null): CoverageProfile | null {
  if (!json) return null;
  try {
    return JSON.parse(json) as CoverageProfile;
  } catch {
    return null;
  }
}

function neighbours(db: Database, ref: number): number[] {
  return cached(db, 'SELECT other_ref FROM story_links WHERE article_ref = ?', true).all(
    ref,
  ) as number[];
}

function link(db: Database, a: number, b: number): void {
  if (a === b) return;
  const put = cached(
    db,
    'INSERT OR IGNORE INTO story_links (article_ref, other_ref) VALUES (?, ?), (?, ?)',
  );
  put.run(a, b, b, a);
}

function unlinkAll(db: Database, ref: number): number[] {
  const old = neighbours(db, ref);
  const drop = cached(db, 'DELETE FROM story_links WHERE article_ref = ? AND other_ref = ?');
  for (const n of old) {
    drop.run(n, ref);
    drop.run(ref, n);
  }
  return old;
}

function isSplit(db: Database, id: string): boolean {
  return (
    cached(db, "SELECT 1 FROM story_corrections WHERE article_id = ? AND kind = 'split'", true).get(
      id,
    ) !== undefined
  );
}

function refOf(db: Database, id: string): number | undefined {
  return cached(db, 'SELECT story_ref FROM articles WHERE id = ?', true).get(id) as
    number | undefined;
}

/** The articles a librarian joined this one to, by ref. */
function joinedRefs(db: Database, id: string): number[] {
  const others = cached(
    db,
    `SELECT other_id FROM story_corrections WHERE article_id = ? AND kind = 'join'
     UNION SELECT article_id FROM story_corrections WHERE other_id = ? AND kind = 'join'`,
    true,
  ).all(id, id) as string[];
  return others.map((o) => refOf(db, o)).filter((r): r is number => r !== undefined);
}

/** Files a profile under its key terms and links it to the stored articles it matches. */
function drawLinks(db: Database, input: StoryInput): void {
  const { ref, coverage } = input;
  if (input.previous?.day != null) {
    const drop = cached(
      db,
      'DELETE FROM story_terms WHERE term = ? AND day = ? AND article_ref = ?',
    );
    for (const t of coverageKeys(input.previous)) drop.run(t, input.previous.day, ref);
  }
  for (const r of joinedRefs(db, input.id)) link(db, ref, r);
  if (isSplit(db, input.id)) return;
  if (input.copyRef !== null) link(db, ref, input.copyRef);
  if (!coverage || coverage.day === null) return;

  // Bounded work per article: a day with thousands of near-identical items (a ticker, a
  // template series) must not make every insert compare with all of them.
  const lookup = cached(
    db,
    `SELECT article_ref FROM story_terms WHERE term = ? AND day BETWEEN ? AND ?
     LIMIT ${MAX_TERM_CANDIDATES}`,
    true,
  );
  // How many of its key terms each stored article shares: past MAX_SCORED candidates, those
  // sharing the most are scored (a day of one topic makes every article a candidate of all).
  const shares = new Map<number, number>();
  for (const t of coverageKeys(coverage))
    for (const r of lookup.all(
      t,
      coverage.day - COVERAGE_WINDOW_DAYS,
      coverage.day + COVERAGE_WINDOW_DAYS,
    ) as number[])
      if (r !== ref) shares.set(r, (shares.get(r) ?? 0) + 1);
  const candidates =
    shares.size <= MAX_SCORED
      ? [...shares.keys()]
      : [...shares]
          .sort((a, b) => b[1] - a[1] || a[0] - b[0])
          .slice(0, MAX_SCORED)
          .map(([r]) => r);
  const row = cached(db, 'SELECT coverage FROM articles WHERE story_ref = ?', true);
  const idOf = cached(db, 'SELECT id FROM articles WHERE story_ref = ?', true);
  const matches: { ref: number; score: number }[] = [];
  for (const r of candidates) {
    const profile = storedProfile(db, r, () => (row.get(r) as string | null | undefined) ?? null);
    if (!profile) continue;
    const score = coverageScore(coverage, profile);
    if (score < COVERAGE_THRESHOLD) continue;
    const id = idOf.get(r) as string | undefined;
    if (!id || isSplit(db, id)) continue;
    matches.push({ ref: r, score });
  }
  // The strongest links suffice to connect a story; more would only grow the table.
  matches.sort((a, b) => b.score - a.score || a.ref - b.ref);
  for (const m of matches.slice(0, MAX_LINKS)) link(db, ref, m.ref);
  const file = cached(
    db,
    'INSERT OR IGNORE INTO story_terms (term, day, article_ref) VALUES (?, ?, ?)',
  );
  for (const t of coverageKeys(coverage)) file.run(t, coverage.day, ref);
}

interface Node {
  id: string;
  storyId: string | null;
  hidden: boolean;
}

/**
 * Re-draws the stories of the given articles from the stored links. Each connected set keeps the
 * story id most of its articles already have (so a story's id survives growth and splits); a set
 * that split off gets a new one. `self` is the article being written, not stored yet.
 */
function relabel(
  db: Database,
  seeds: number[],
  self: { ref: number; node: Node },
): { selfStory: string; moved: string[] } {
  const row = cached(db, 'SELECT id, story_id, status FROM articles WHERE story_ref = ?');
  const nodes = new Map<number, Node>();
  const node = (ref: number): Node | null => {
    if (ref === self.ref) return self.node;
    let n = nodes.get(ref);
    if (!n) {
      const r = row.get(ref) as { id: string; story_id: string; status: string } | undefined;
      if (!r) return null;
      n = { id: r.id, storyId: r.story_id, hidden: r.status === 'hidden' };
      nodes.set(ref, n);
    }
    return n;
  };

  const seen = new Set<number>();
  const walk = (start: number): number[] => {
    const members: number[] = [];
    const queue = [start];
    seen.add(start);
    while (queue.length && members.length < MAX_WALK) {
      const ref = queue.shift()!;
      const n = node(ref);
      if (!n) continue;
      members.push(ref);
      // A hidden article joins the story it is reached from, but links nothing further.
      if (n.hidden && ref !== start) continue;
      for (const next of neighbours(db, ref)) {
        if (seen.has(next)) continue;
        const m = node(next);
        if (!m) continue;
        if (n.hidden && !m.hidden) {
          // A hidden start belongs to its first visible neighbour's story: walk from there.
          seen.delete(start);
          return walk(next);
        }
        seen.add(next);
        queue.push(next);
      }
    }
    return members;
  };

  // The other articles' sets first: when the written article leaves a story, the set it
  // leaves keeps the id.
  const order = [...new Set(seeds.filter((s) => s !== self.ref)), self.ref];
  const claimed = new Set<string>();
  const moved: string[] = [];
  let selfStory: string | null = null;
  for (const seed of order) {
    if (seen.has(seed)) continue; // already labelled with another seed's set
    const members = walk(seed);
    const counts = new Map<string, number>();
    for (const m of members) {
      const s = node(m)?.storyId;
      if (s && !claimed.has(s)) counts.set(s, (counts.get(s) ?? 0) + 1);
    }
    const best = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0];
    const storyId = best ? best[0] : newStoryId();
    claimed.add(storyId);
    const write = cached(db, 'UPDATE articles SET story_id = ? WHERE story_ref = ?');
    for (const m of members) {
      const n = node(m)!;
      if (m === self.ref) selfStory = storyId;
      else if (n.storyId !== storyId) {
        write.run(storyId, m);
        n.storyId = storyId;
        moved.push(n.id);
      }
    }
  }
  return { selfStory: selfStory ?? self.node.storyId ?? newStoryId(), moved };
}

/**
 * Chooses the story of an article being written (new or changed) and re-draws the stories it
 * joins or leaves. Call inside the upsert's transaction, before the article row is written.
 */
export function assignStory(
  db: Database,
  input: StoryInput,
  currentStoryId: string | null,
): StoryAssignment {
  // The article's profile is being (re)written: a cached copy of the old one must not serve.
  forgetProfile(db, input.ref);
  const old = unlinkAll(db, input.ref);
  drawLinks(db, input);
  // A new article only adds links, so stories can only merge: their ids already say which
  // articles each holds, and no walk is needed. A changed one may also split a story.
  if (old.length === 0) return merge(db, input, currentStoryId);
  const { selfStory, moved } = relabel(db, [input.ref, ...old], {
    ref: input.ref,
    node: { id: input.id, storyId: currentStoryId, hidden: input.hidden },
  });
  return { storyId: selfStory, moved };
}

/** Joins the stories of an article's visible neighbours into the largest of them. */
function merge(db: Database, input: StoryInput, currentStoryId: string | null): StoryAssignment {
  const row = cached(db, 'SELECT story_id, status FROM articles WHERE story_ref = ?');
  const stories = new Set<string>();
  for (const n of neighbours(db, input.ref).sort((a, b) => a - b)) {
    const r = row.get(n) as { story_id: string; status: string } | undefined;
    if (r && r.status !== 'hidden') stories.add(r.story_id);
    // A hidden article joins its first visible neighbour's story and connects nothing.
    if (input.hidden && stories.size > 0) break;
  }
  if (stories.size === 0) return { storyId: currentStoryId ?? newStoryId(), moved: [] };
  const size = cached(db, 'SELECT count(*) FROM articles WHERE story_id = ?', true);
  const ranked = [...stories]
    .map((id) => ({ id, n: size.get(id) as number }))
    .sort((a, b) => b.n - a.n || (a.id < b.id ? -1 : 1));
  const storyId = ranked[0]!.id;
  const moved: string[] = [];
  const members = cached(db, 'SELECT id FROM articles WHERE story_id = ?', true);
  const rename = cached(db, 'UPDATE articles SET story_id = ? WHERE story_id = ?');
  for (const { id } of ranked.slice(1)) {
    moved.push(...(members.all(id) as string[]));
    rename.run(storyId, id);
  }
  return { storyId, moved };
}

/**
 * Re-draws a stored article's links and stories (after a correction, a change of status, or with
 * a new profile). Returns every article whose story changed, the article itself included.
 */
export function regroupArticle(db: Database, id: string, newCoverage?: CoverageProfile): string[] {
  const r = cached(
    db,
    'SELECT story_ref, story_id, copy_id, coverage, status FROM articles WHERE id = ?',
  ).get(id) as
    | {
        story_ref: number;
        story_id: string;
        copy_id: string | null;
        coverage: string | null;
        status: string;
      }
    | undefined;
  if (!r) return [];
  const previous = parseCoverage(r.coverage);
  const coverage = newCoverage ?? previous;
  if (newCoverage)
    cached(db, 'UPDATE articles SET coverage = ? WHERE id = ?').run(
      JSON.stringify(newCoverage),
      id,
    );
  // Its closest copy is not stored; any other member of its copy group keeps it connected.
  const copyRef = r.copy_id
    ? ((cached(
        db,
        'SELECT min(story_ref) FROM articles WHERE copy_id = ? AND story_ref != ?',
        true,
      ).get(r.copy_id, r.story_ref) as number | null) ?? null)
    : null;
  const { storyId, moved } = assignStory(
    db,
    { id, ref: r.story_ref, coverage, previous, copyRef, hidden: r.status === 'hidden' },
    r.story_id,
  );
  const changed = [...moved];
  if (storyId !== r.story_id) {
    cached(db, 'UPDATE articles SET story_id = ? WHERE id = ?').run(storyId, id);
    changed.push(id);
  }
  return changed;
}
