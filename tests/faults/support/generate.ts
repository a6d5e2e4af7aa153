/** Deterministic generated articles for the fault tests: varied text so stories do not collapse. */

/** A small seeded PRNG (mulberry32) so every run of a test sees the same sample. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SYLLABLES = [
  'ka',
  'lo',
  'mi',
  'ren',
  'tor',
  'va',
  'shi',
  'den',
  'pol',
  'gar',
  'un',
  'bel',
  'cor',
  'fin',
  'hal',
  'jus',
  'nem',
  'ost',
  'qui',
  'zan',
];
const COMMON = [
  'the',
  'council',
  'harbour',
  'minister',
  'said',
  'on',
  'monday',
  'report',
  'city',
  'workers',
  'vote',
  'budget',
  'court',
  'police',
  'talks',
  'ceasefire',
  'election',
  'river',
  'school',
  'hospital',
];
export const OUTLETS = [
  'Harbour Times',
  'Valley Post',
  'Northern Courier',
  'Daily Ledger',
  'Coast Herald',
  'Metro Gazette',
  'Plains Tribune',
];

function word(rand: () => number): string {
  if (rand() < 0.35) return COMMON[Math.floor(rand() * COMMON.length)]!;
  const n = 2 + Math.floor(rand() * 2);
  let w = '';
  for (let i = 0; i < n; i++) w += SYLLABLES[Math.floor(rand() * SYLLABLES.length)]!;
  return w;
}

function sentence(rand: () => number, words: number): string {
  const ws = Array.from({ length: words }, () => word(rand));
  const s = ws.join(' ');
  return `${s[0]!.toUpperCase()}${s.slice(1)}.`;
}

export interface GeneratedArticle {
  url: string;
  title: string;
  body: string;
  outlet: string;
  date: string;
}

/** Article `i` of a sample: the same `i` and `seed` always give the same article. */
export function generatedArticle(i: number, seed = 1): GeneratedArticle {
  const rand = prng(seed * 1_000_003 + i);
  const paragraphs = Array.from({ length: 3 }, () =>
    Array.from({ length: 3 }, () => sentence(rand, 8 + Math.floor(rand() * 8))).join(' '),
  );
  const day = 1 + Math.floor(rand() * 28);
  const month = 1 + Math.floor(rand() * 12);
  return {
    url: `https://news.example.org/${seed}/article-${i}`,
    title: `${sentence(rand, 6).slice(0, -1)} ${i}`,
    body: paragraphs.join('\n\n'),
    outlet: OUTLETS[i % OUTLETS.length]!,
    date: `2024-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
  };
}

/** `n` generated articles as NDJSON text. */
export function ndjson(n: number, seed = 1, start = 0): string {
  const lines: string[] = [];
  for (let i = start; i < start + n; i++) lines.push(JSON.stringify(generatedArticle(i, seed)));
  return `${lines.join('\n')}\n`;
}
