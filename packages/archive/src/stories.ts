import type { Database } from 'better-sqlite3';

export interface StoryCandidate {
  id: string;
  publishedAt: string | null;
  minhash: number[];
}

/**
 * Chooses the story an article belongs to and records its fingerprint bands. Returns the
 * storyId. Placeholder until story grouping lands: every article is a story of its own.
 */
export function assignStory(_db: Database, article: StoryCandidate, currentStoryId: string | null): string {
  return currentStoryId ?? article.id;
}

/** Forget an article's fingerprint bands (when it is re-fingerprinted). */
export function clearStoryBands(db: Database, articleId: string): void {
  db.prepare('DELETE FROM story_bands WHERE article_id = ?').run(articleId);
}
