import type {
  ActorMerge,
  ActorPatch,
  Article,
  ArticlePatch,
  AuditEntry,
  Curator,
  ExtractedArticle,
  IndexTarget,
  IngestSummary,
  RegistryActor,
  Role,
  SearchDocument,
  UpsertOutcome,
} from '@newsarchive/core';

export interface ArchiveOptions {
  /** Path of the SQLite file; ':memory:' for a throwaway archive. */
  path: string;
  readonly?: boolean;
}

export interface UpsertResult {
  id: string;
  outcome: UpsertOutcome;
}

/** One version of a story, as listed on an article page. */
export interface StoryVersion {
  id: string;
  title: string;
  outlet: Article['outlet'];
  publishedAt: string | null;
  status: Article['status'];
}

export interface ReadOptions {
  /** Librarians only: include hidden articles. */
  includeHidden?: boolean;
}

export interface TokenRecord {
  id: string;
  name: string;
  role: Role;
  createdAt: string;
  revokedAt: string | null;
  lastUsedAt: string | null;
}

export interface IngestRunInfo {
  id: number;
  startedAt: string;
  finishedAt: string | null;
  args: unknown;
  summary: Omit<IngestSummary, 'errors'> | null;
}

/** What the actor extractor needs from the registry: every known spelling and its actor. */
export interface ActorDictionaryEntry {
  alias: string;
  id: string;
  name: string;
  type: RegistryActor['type'];
}

export interface ActorRegistry {
  list(options?: { q?: string; type?: RegistryActor['type']; limit?: number; offset?: number }): RegistryActor[];
  get(id: string): RegistryActor | null;
  update(id: string, patch: ActorPatch, who: Curator): RegistryActor;
  merge(merge: ActorMerge, who: Curator): RegistryActor;
  delete(id: string, who: Curator): void;
  dictionary(): ActorDictionaryEntry[];
}

export interface TokenStore {
  /** Returns the secret once; only its hash is stored. */
  create(role: Role, name: string): { id: string; token: string; role: Role; name: string };
  list(): TokenRecord[];
  revoke(id: string): boolean;
  /** The token's record when it is valid and not revoked, else null. */
  verify(token: string): TokenRecord | null;
}
