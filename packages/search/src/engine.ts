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
