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

/** The contract every search engine adapter passes (see src/contract). */
export interface SearchEngine extends IndexTarget {
  readonly name: EngineName;
  search(request: SearchRequest): Promise<SearchResponse>;
  /**
   * The same answer as `search`, already serialised as UTF-8 JSON. Offered by engines that can
   * make it off the caller's thread (the embedded engine on search threads), so the HTTP API can
   * send the bytes as they are rather than serialising on the thread that serves every request.
   */
  searchJson?(request: SearchRequest): Promise<Uint8Array>;
  /**
   * Hands back bytes from `searchJson` once they are written and nothing refers to them, for the
   * engine to fill again. Optional on both sides: bytes never given back are garbage collected.
   */
  recycle?(bytes: Uint8Array): void;
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
