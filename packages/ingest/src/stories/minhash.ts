/** Placeholder until the story-grouping work lands: no signature, so no grouping. */
export function minhashSignature(_text: string): number[] {
  return [];
}
