import type { Segment } from '@newsarchive/core';

/**
 * Highlighted text from Segment data: plain text nodes and <mark> elements, never HTML, so a
 * `<script>` in an article shows as the characters it is.
 */
export function Highlighted({ segments }: { segments: readonly Segment[] }) {
  return (
    <>
      {segments.map((s, i) =>
        s.match ? <mark key={i}>{s.text}</mark> : <span key={i}>{s.text}</span>,
      )}
    </>
  );
}

/** Plain text of segments (for titles in aria labels and document.title). */
export function plainText(segments: readonly Segment[]): string {
  return segments.map((s) => s.text).join('');
}
