import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evalActors, evalStories } from './eval.ts';

const shared = resolve(import.meta.dirname, '..', '..', '..', 'shared');
const hasShared = existsSync(resolve(shared, 'corpus')) && existsSync(resolve(shared, 'seeds'));

// The labelled articles live in ../shared, which a user's clone does not have.
const missing = `${shared}/corpus or ${shared}/seeds is absent`;
if (!hasShared) console.warn(`[eval] skipped: ${missing}`);
const suite = `npm run eval (needs ../shared/corpus and ../shared/seeds)${hasShared ? '' : ` — skipped: ${missing}`}`;

describe.skipIf(!hasShared)(suite, () => {
  it('actor extraction meets the targets on the labelled set', () => {
    const lines: string[] = [];
    const score = evalActors(false, (l) => lines.push(l));
    expect(lines.join('\n')).toMatch(/holdout/);
    expect(score.p).toBeGreaterThanOrEqual(0.9);
    expect(score.r).toBeGreaterThanOrEqual(0.85);
  });

  it('story grouping joins retellings and keeps different reports apart', () => {
    const score = evalStories(false, () => {});
    expect(score.p).toBeGreaterThanOrEqual(0.9);
    expect(score.r).toBeGreaterThanOrEqual(0.8);
  });
});
