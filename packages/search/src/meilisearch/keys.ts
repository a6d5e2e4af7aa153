import { createHash } from 'node:crypto';
import { Meilisearch, MeilisearchApiError } from 'meilisearch';
import { translate } from './tasks.ts';

/** Clients with the keys derived for one index. */
export interface Clients {
  search: Meilisearch;
  admin: Meilisearch;
  /** The key `search` uses, for the search transport (none when the server has no key). */
  searchKey: string | undefined;
}

/** A UUID v4-shaped uid derived from the index and purpose, so every process finds the same key. */
export function keyUid(index: string, purpose: string): string {
  const h = createHash('sha256').update(`newsarchive:${index}:${purpose}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** What the admin key may do: everything the engine writes or waits on, on its indexes only. */
export const ADMIN_ACTIONS = [
  'search',
  'documents.*',
  'indexes.*',
  'settings.*',
  'tasks.get',
  'stats.get',
];

/**
 * Every client asks for uncompressed responses. Node's fetch asks for gzip by default;
 * Meilisearch then streams the body in chunks, and on a kept-alive connection each response
 * waits ~40 ms for the client's delayed ACK (Nagle on the server side): 45 of the 85 ms p50
 * we measured. Search responses are a few KB, so compression saves nothing worth that.
 */
export function makeClient(host: string, apiKey: string | undefined, ms: number): Meilisearch {
  return new Meilisearch({
    host,
    ...(apiKey ? { apiKey } : {}),
    timeout: ms,
    requestInit: { headers: { 'Accept-Encoding': 'identity' } },
  });
}

/**
 * Clients with keys derived from the master key (search-only for queries, admin for writes),
 * made on first use so a server that is down at start only delays; a failure is retried on the
 * next call.
 */
export function createClients(options: {
  host: string;
  masterKey: string | undefined;
  indexUid: string;
  timeoutMs: number;
}): { get(): Promise<Clients>; reset(): void } {
  const { host, masterKey: master, indexUid, timeoutMs: timeout } = options;
  let clients: Promise<Clients> | null = null;

  async function derive(): Promise<Clients> {
    if (!master) {
      return {
        search: makeClient(host, undefined, timeout),
        admin: makeClient(host, undefined, timeout * 5),
        searchKey: undefined,
      };
    }
    const root = makeClient(host, master, timeout);
    const ensureKey = async (purpose: string, actions: string[], indexes: string[]) => {
      const uid = keyUid(indexUid, purpose);
      try {
        return (await root.getKey(uid)).key;
      } catch (err) {
        if (!(err instanceof MeilisearchApiError && err.response.status === 404)) throw err;
      }
      return (
        await root.createKey({
          uid,
          name: `newsarchive ${purpose} (${indexUid})`,
          description: `Derived by newsarchive for the ${indexUid} index`,
          actions,
          indexes,
          expiresAt: null,
        })
      ).key;
    };
    const patterns = [indexUid, `${indexUid}__*`];
    let searchKey: string;
    try {
      searchKey = await ensureKey('search', ['search'], patterns);
    } catch (err) {
      // Given an API key rather than the master key: it cannot manage keys, so use it as is.
      if (err instanceof MeilisearchApiError && err.response.status === 403) {
        return { search: root, admin: makeClient(host, master, timeout * 5), searchKey: master };
      }
      throw err;
    }
    const adminKey = await ensureKey('admin', ADMIN_ACTIONS, patterns);
    return {
      search: makeClient(host, searchKey, timeout),
      admin: makeClient(host, adminKey, timeout * 5),
      searchKey,
    };
  }

  return {
    get() {
      clients ??= derive().catch((err) => {
        clients = null;
        throw translate(err, 'creating keys');
      });
      return clients;
    },
    reset() {
      clients = null;
    },
  };
}
