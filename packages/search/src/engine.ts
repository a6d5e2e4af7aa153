import type {
  EngineName,
  FacetSearchRequest,
  FacetSearchResponse,
  IndexTarget,
  SearchDocument,
  SearchRequest,
  SearchResponse,
} from '@newsarchive/core';
import { DomainError } from '@newsarchive/core';

/**
 * What an engine does differently from another, for callers that must adapt: they ask this
 * rather than the engine's name, so a new engine states its traits instead of being guessed at.
 */
export interface EngineCapabilities {
  /**
   * Runs in this process: an unexpected failure is a bug (a 500), not the engine being away. A
   * remote engine's unexpected failure (a reset connection) means it is not answering (a 503).
   */
  readonly inProcess: boolean;
  /**
   * A write is searchable once `index` / `remove` resolve, so a writer may wait for it; a queued
   * engine's writes are waited for only with `flush` (scripts and tests).
   */
  readonly writesSearchableOnReturn: boolean;
  /** Loads its search structures on first use: worth one search before serving readers. */
  readonly warmsUp: boolean;
  /** Offers `SerialisedSearch` (answers as JSON bytes made off the caller's thread). */
  readonly serialisedSearch: boolean;
}

/** The contract every search engine adapter passes (see src/contract). */
export interface SearchEngine extends IndexTarget {
  readonly name: EngineName;
  readonly capabilities: EngineCapabilities;
  search(request: SearchRequest): Promise<SearchResponse>;
  searchFacet(request: FacetSearchRequest): Promise<FacetSearchResponse>;
  stats(): Promise<{ documents: number }>;
  /**
   * Build a fresh index from every document and swap it in; searches keep answering from the
   * old index until the swap (zero downtime).
   */
  rebuild(
    batches: AsyncIterable<SearchDocument[]> | Iterable<SearchDocument[]>,
    onProgress?: (indexed: number) => void,
  ): Promise<{ documents: number }>;
  /**
   * Waits until every write accepted so far is searchable. For scripts and tests only: request
   * handlers never wait on the engine's queue. Engines that write synchronously omit it.
   */
  flush?(): Promise<void>;
  /** True when the engine answers. Never throws. */
  healthy(): Promise<boolean>;
  close(): Promise<void>;
}

/** The engine cannot be reached or did not answer in time. */
export class EngineUnavailableError extends DomainError {
  override name = 'EngineUnavailableError';
  constructor(message: string, options?: { cause?: unknown }) {
    super('engine_unavailable', message, options);
  }
}

/** The engine answered but refused or failed an operation. */
export class EngineError extends DomainError {
  override name = 'EngineError';
  constructor(message: string, options?: { cause?: unknown }) {
    super('internal', message, options);
  }
}

/**
 * A transport detail beside the contract, not part of it: the answer of `search` already
 * serialised as UTF-8 JSON, made off the caller's thread (the embedded engine on search threads),
 * so the HTTP API sends the bytes as they are rather than serialising on the thread that serves
 * every request.
 */
export interface SerialisedSearch {
  searchJson(request: SearchRequest): Promise<Uint8Array>;
  /**
   * Hands back bytes from `searchJson` once they are written and nothing refers to them, for the
   * engine to fill again. Bytes never given back are garbage collected.
   */
  recycle(bytes: Uint8Array): void;
}

/** The engine's serialised search when its capabilities say it has one, else null. */
export function serialisedSearchOf(engine: SearchEngine): (SearchEngine & SerialisedSearch) | null {
  if (!engine.capabilities.serialisedSearch) return null;
  const e = engine as SearchEngine & Partial<SerialisedSearch>;
  return typeof e.searchJson === 'function' && typeof e.recycle === 'function'
    ? (e as SearchEngine & SerialisedSearch)
    : null;
}
