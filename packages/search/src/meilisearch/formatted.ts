import type { Segment } from '@newsarchive/core';

/** Highlight tags nobody types: private-use characters around a per-process nonce. */
export function createTags(nonce: string = Math.random().toString(36).slice(2, 10)) {
  return { pre: `\uE000${nonce}\uE001`, post: `\uE002${nonce}\uE003` };
}

/**
 * Meilisearch's `_formatted` text (matches wrapped in our pre/post tags) as Segment[]. The text
 * is never interpreted as HTML: a `<script>` in a body stays characters in a segment.
 */
export function formattedToSegments(
  formatted: string,
  tags: { pre: string; post: string },
): Segment[] {
  const out: Segment[] = [];
  const push = (text: string, match: boolean) => {
    if (!text) return;
    const last = out.at(-1);
    if (last && last.match === match) last.text += text;
    else out.push({ text, match });
  };
  let pos = 0;
  while (pos < formatted.length) {
    const open = formatted.indexOf(tags.pre, pos);
    if (open < 0) break;
    const close = formatted.indexOf(tags.post, open + tags.pre.length);
    if (close < 0) break;
    push(formatted.slice(pos, open), false);
    // A phrase comes back as one span (`[health care]`); its words are marked one by one, as
    // the embedded engine marks them, with the space between them plain.
    for (const part of formatted.slice(open + tags.pre.length, close).split(/(\s+)/u)) {
      push(part, !/^\s+$/u.test(part));
    }
    pos = close + tags.post.length;
  }
  // Anything left, stray tags included, is plain text without the tags.
  push(formatted.slice(pos).replaceAll(tags.pre, '').replaceAll(tags.post, ''), false);
  return out;
}

const WORD = /[\p{L}\p{N}\p{M}]+/gu;

/**
 * The opening `words` words of `text` as one plain segment, `…` where it was cut: what
 * Meilisearch's crop gives when nothing matches (browsing), made here because Meilisearch
 * tokenises the whole body to find no match, ~0.5 ms per hit.
 */
export function leadSegments(text: string, words: number): Segment[] {
  let end = 0;
  let n = 0;
  for (const m of text.matchAll(WORD)) {
    if (n === words) {
      return [{ text: `${text.slice(0, end)}…`, match: false }];
    }
    end = m.index + m[0].length;
    n++;
  }
  return text ? [{ text, match: false }] : [];
}
