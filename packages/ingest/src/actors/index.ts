import type { ActorMention } from '@newsarchive/core';

/** A known spelling of a registry actor (see @newsarchive/archive ActorRegistry.dictionary()). */
export interface DictionaryEntry {
  alias: string;
  id: string;
  name: string;
  type: ActorMention['type'];
}

export interface ActorInput {
  title: string;
  body: string;
  byline: string | null;
}

export type ActorExtractor = (input: ActorInput) => ActorMention[];

/** Placeholder until the actors work lands: finds nothing. */
export function createActorExtractor(_dictionary: DictionaryEntry[] = []): ActorExtractor {
  return () => [];
}
