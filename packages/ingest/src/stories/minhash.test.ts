import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MIN_SHINGLES, NUM_HASHES, minhashSignature, similarity, wordHashes } from './minhash.ts';

// A wire report, a copy with an added paragraph and a changed headline sentence (what outlets do
// when they run wire copy), and a different report on the same topic from the same week.
const wire = `High-level talks aimed at securing a ceasefire and hostage release deal in Gaza ended on Sunday without a final agreement, a US official said, adding that negotiations would continue at lower levels in the coming days to resolve the remaining disagreements.
The talks in Cairo, which began on Thursday, involved CIA Director William Burns and David Barnea, the head of Israel's Mossad intelligence agency, as well as Egyptian and Qatari mediators. A Hamas delegation was briefed by the mediators but did not take part directly.
"We had constructive discussions, and all parties are working towards reaching a final and implementable agreement," the official said, speaking on condition of anonymity. Working teams will remain in Cairo to meet with mediators from the United States, Qatar and Egypt.
The talks came as Israel and Hezbollah exchanged heavy fire across the Lebanese border early on Sunday, in their most intense exchange in months, before both sides signalled they were stepping back.`;

const copy = `${wire.replace('ended on Sunday without a final agreement', 'concluded on Sunday with no final deal')}
This story has been updated with the latest statement from the mediators, who said they would keep pushing for a deal.`;

const otherEvent = `Israel's prime minister said on Tuesday that the army would press ahead with an offensive on Rafah whether or not a ceasefire deal is reached, as Hamas weighed the latest proposal for a truce and the release of hostages.
Hundreds of thousands of displaced Palestinians are sheltering in the southern city, and aid agencies warned that an assault would cause a catastrophe. The United States has said it opposes a major operation without a credible plan to protect civilians.
Hamas officials said they were studying the proposal "seriously and responsibly" but insisted any agreement must include an end to the war and the withdrawal of Israeli forces from the Gaza Strip, demands Israel has rejected.
Egyptian and Qatari mediators have spent months trying to close the gaps between the two sides, with little to show for it so far.`;

describe('minhashSignature', () => {
  it('is a stable vector of NUM_HASHES unsigned 32-bit integers', () => {
    const sig = minhashSignature(wire);
    expect(sig).toHaveLength(NUM_HASHES);
    expect(sig.every((v) => Number.isInteger(v) && v >= 0 && v <= 0xffffffff)).toBe(true);
    expect(minhashSignature(wire)).toEqual(sig);
  });

  it('gives no signature to a body too short to fingerprint', () => {
    expect(minhashSignature('Hamas said no.')).toEqual([]);
    const words = Array.from({ length: MIN_SHINGLES + 2 }, (_, i) => `word${i}`).join(' ');
    expect(minhashSignature(words)).toHaveLength(NUM_HASHES);
  });

  it('ignores case, punctuation and accents', () => {
    expect(minhashSignature(wire.toUpperCase().replace(/[.,"]/g, ''))).toEqual(
      minhashSignature(wire),
    );
  });

  it('scores a near-copy far above a different report on the same topic', () => {
    const near = similarity(minhashSignature(wire), minhashSignature(copy));
    const far = similarity(minhashSignature(wire), minhashSignature(otherEvent));
    // The archive's story threshold is 0.22 (packages/archive/src/stories.ts).
    expect(near).toBeGreaterThan(0.6);
    expect(far).toBeLessThan(0.1);
    expect(similarity([], minhashSignature(wire))).toBe(0);
  });
});

/** The definition the scanner in wordHashes must match: words are runs of \p{L} and \p{N}. */
function wordHashesByRegex(text: string): number[] {
  // eslint-disable-next-line no-control-regex
  const folded = /^[\x00-\x7f]*$/.test(text)
    ? text
    : text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
  const lower = folded.toLowerCase().replace(/['’]/g, '');
  return [...lower.matchAll(/[\p{L}\p{N}]+/gu)].map(([w]) => {
    let h = 0x811c9dc5;
    for (let i = 0; i < w.length; i++) h = Math.imul(h ^ w.charCodeAt(i), 16777619);
    return h >>> 0;
  });
}

describe('wordHashes', () => {
  it('splits words exactly as the \\p{L}\\p{N} pattern does, in any script', () => {
    for (const text of [
      'The Mayor’s office said: 42 buses, 7 trains.',
      'Zürich, São Paulo and Kraków — café au lait',
      '北京市 東京 서울 Москва القاهرة ٣٤٥ १२३',
      'math 𝐀𝐁𝐂 and emoji 😀🚀 between words',
      'lone \ud800 high and \udc00 low surrogates, end \ud83d',
      'snake_case, hy-phen, dot.ted, tab\tnew\nline',
      '',
    ]) {
      expect(wordHashes(text), text).toEqual(wordHashesByRegex(text));
    }
  });

  it('matches the pattern on random text', () => {
    const unit = fc.oneof(
      fc.constantFrom('a', 'Z', '9', ' ', "'", '’', '-', 'é', 'ß', 'İ', '中', '٣', '😀', '𝐀'),
      fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)),
    );
    fc.assert(
      fc.property(fc.array(unit, { maxLength: 60 }), (units) => {
        const text = units.join('');
        expect(wordHashes(text)).toEqual(wordHashesByRegex(text));
      }),
      { numRuns: 2000 },
    );
  });
});
