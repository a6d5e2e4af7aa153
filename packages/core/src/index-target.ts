import type { SearchDocument } from './article.ts';

/**
 * The part of a search engine the archive's outbox drains into. Both operations must be
 * idempotent: the outbox delivers at least once.
 */
export interface IndexTarget {
  index(documents: SearchDocument[]): Promise<void>;
  remove(ids: string[]): Promise<void>;
}
