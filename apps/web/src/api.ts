import type { AppType } from '@newsarchive/api/client';
import type {
  ActorMerge,
  ActorPatch,
  Article,
  ArticlePatchInput,
  AuditEntry,
  DuplicateSuggestion,
  FacetName,
  FacetSearchResponse,
  RegistryActor,
  SearchResponse,
} from '@newsarchive/core';
import { hc } from 'hono/client';
import { getSession, signOut } from './auth.ts';
import type { SearchState } from './url-state.ts';

/**
 * The one place the UI talks to the API: the typed Hono RPC client (route types imported
 * type-only from the API, so a contract change breaks `npm run typecheck` here), plus the one
 * error shape turned into ApiRequestError.
 */

/** Results per page; fixed so page URLs stay short and shareable. */
export const PER_PAGE = 20;

/** Any failed call: the API's `{error: {code, message, issues?}}`, or `network` when none came. */
export class ApiRequestError extends Error {
  override name = 'ApiRequestError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly issues?: { path: (string | number)[]; message: string }[],
  ) {
    super(message);
  }
}

// After a change, reader responses the browser cached a moment ago (max-age) would show the old
// state; for a short while every call revalidates instead.
let revalidateUntil = 0;
function markChanged(): void {
  revalidateUntil = Date.now() + 60_000;
}

const fetchWithPolicy: typeof fetch = (input, init) =>
  fetch(input, Date.now() < revalidateUntil ? { ...init, cache: 'no-cache' } : init);

const client = hc<AppType>(
  typeof window === 'undefined' ? 'http://localhost' : window.location.origin,
  {
    fetch: fetchWithPolicy,
    headers: (): Record<string, string> => {
      const session = getSession();
      return session ? { authorization: `Bearer ${session.token}` } : {};
    },
  },
);

async function fail(res: Response): Promise<never> {
  let body: unknown = null;
  try {
    body = await res.json();
  } catch {
    /* not JSON (a proxy's error page): fall through */
  }
  const error = (body as { error?: { code?: unknown; message?: unknown; issues?: unknown } } | null)
    ?.error;
  if (error && typeof error.code === 'string' && typeof error.message === 'string') {
    throw new ApiRequestError(
      res.status,
      error.code,
      error.message,
      error.issues as ApiRequestError['issues'],
    );
  }
  throw new ApiRequestError(
    res.status,
    res.status >= 500 ? 'internal' : 'invalid_request',
    `the server answered ${res.status}`,
  );
}

/** Runs a client call; a fetch that never got an answer becomes code `network`, an abort stays an AbortError. */
async function call<R extends Response>(
  send: () => Promise<R>,
  { sessionCall = true } = {},
): Promise<Extract<R, { ok: true }>> {
  try {
    const res = await send();
    if (res.status === 401 && sessionCall && getSession()) {
      // The stored token was revoked: go back to being a reader rather than failing every call.
      signOut();
      markChanged();
    }
    // Narrowed to the success responses, so `.json()` has the API's declared 2xx body type.
    return res.ok ? (res as Extract<R, { ok: true }>) : await fail(res);
  } catch (err) {
    if (
      err instanceof ApiRequestError ||
      (err instanceof DOMException && err.name === 'AbortError')
    )
      throw err;
    throw new ApiRequestError(
      0,
      'network',
      'The server could not be reached. Check your connection and try again.',
    );
  }
}

type SearchQueryInput = NonNullable<Parameters<typeof client.api.search.$get>[0]>['query'];

/** The API query for a search state (defaults left out, like the page URL). */
export function searchQuery(s: SearchState): SearchQueryInput {
  const q: SearchQueryInput = { perPage: String(PER_PAGE) };
  if (s.q.trim() !== '') q.q = s.q;
  if (s.outlet.length) q.outlet = s.outlet;
  if (s.actor.length) q.actor = s.actor;
  if (s.excludeOutlet.length) q.excludeOutlet = s.excludeOutlet;
  if (s.excludeActor.length) q.excludeActor = s.excludeActor;
  if (s.from) q.from = s.from;
  if (s.to) q.to = s.to;
  if (s.sort !== 'relevance') q.sort = s.sort;
  if (s.group) q.group = 'story';
  if (s.page > 1) q.page = String(s.page);
  return q;
}

/**
 * The actor ids the API moved a search to: an old link naming an actor a librarian has since
 * merged is redirected to the survivor's id, which the page then puts in its own address.
 */
export interface MovedActors {
  actor: string[];
  excludeActor: string[];
}

export async function search(
  state: SearchState,
  signal?: AbortSignal,
): Promise<SearchResponse & { movedActors?: MovedActors }> {
  const res = await call(() =>
    client.api.search.$get({ query: searchQuery(state) }, { init: { signal } }),
  );
  const body = await res.json();
  if (!res.redirected) return body;
  const params = new URL(res.url).searchParams;
  return {
    ...body,
    movedActors: { actor: params.getAll('actor'), excludeActor: params.getAll('excludeActor') },
  };
}

/** Values of one facet whose names contain `text`, counted under the current search. */
export async function searchFacet(
  facet: FacetName,
  state: SearchState,
  text: string,
  signal?: AbortSignal,
): Promise<FacetSearchResponse> {
  const { perPage: _p, page: _g, sort: _s, ...filters } = searchQuery(state);
  const res = await call(() =>
    client.api.facets[':facet'].$get(
      { param: { facet }, query: { ...filters, facetQuery: text, limit: '50' } },
      { init: { signal } },
    ),
  );
  return await res.json();
}

/** An article page as the API's typed client returns it (its shape is the API's schema). */
export type ArticlePage = Awaited<ReturnType<typeof getArticle>>;

export async function getArticle(id: string, signal?: AbortSignal) {
  const res = await call(() =>
    client.api.articles[':id'].$get({ param: { id } }, { init: { signal } }),
  );
  return await res.json();
}

export async function patchArticle(id: string, patch: ArticlePatchInput): Promise<Article> {
  const res = await call(() =>
    client.api.articles[':id'].$patch({ param: { id }, json: patch as never }),
  );
  markChanged();
  return await res.json();
}

export async function articleHistory(id: string, signal?: AbortSignal): Promise<AuditEntry[]> {
  const res = await call(() =>
    client.api.articles[':id'].history.$get({ param: { id } }, { init: { signal } }),
  );
  return (await res.json()).entries;
}

export interface ActorPage {
  actors: RegistryActor[];
  hasMore: boolean;
}

export async function listActors(
  options: { q?: string; limit?: number; offset?: number },
  signal?: AbortSignal,
): Promise<ActorPage> {
  const query: { q?: string; limit?: string; offset?: string } = {};
  if (options.q) query.q = options.q;
  if (options.limit) query.limit = String(options.limit);
  if (options.offset) query.offset = String(options.offset);
  const res = await call(() => client.api.actors.$get({ query }, { init: { signal } }));
  return await res.json();
}

export async function patchActor(id: string, patch: ActorPatch): Promise<RegistryActor> {
  const res = await call(() => client.api.actors[':id'].$patch({ param: { id }, json: patch }));
  markChanged();
  return await res.json();
}

export async function mergeActors(merge: ActorMerge): Promise<RegistryActor> {
  const res = await call(() => client.api.actors.merge.$post({ json: merge }));
  markChanged();
  return await res.json();
}

/** Likely duplicates in the registry, for a librarian to merge or dismiss. */
export async function actorSuggestions(signal?: AbortSignal): Promise<DuplicateSuggestion[]> {
  const res = await call(() =>
    client.api.actors.suggestions.$get({ query: { limit: '20' } }, { init: { signal } }),
  );
  return (await res.json()).suggestions;
}

/** A librarian's "not the same": the pair is not suggested again. */
export async function markDistinct(a: string, b: string): Promise<void> {
  await call(() => client.api.actors.distinct.$post({ json: { a, b } }));
}

/** Undoes the merge that took actor `id` away; answers the actor, back in the registry. */
export async function unmergeActor(id: string): Promise<RegistryActor> {
  const res = await call(() => client.api.actors[':id'].unmerge.$post({ param: { id } }));
  markChanged();
  return await res.json();
}

export async function deleteActor(id: string): Promise<void> {
  await call(() => client.api.actors[':id'].$delete({ param: { id } }));
  markChanged();
}

/**
 * Checks that `token` is a librarian's without changing anything: the history of an article
 * that cannot exist answers 404 to a librarian, 403 to another role and 401 to a bad token.
 */
export async function checkLibrarianToken(
  token: string,
): Promise<'ok' | 'unauthorized' | 'forbidden'> {
  try {
    await call(
      () =>
        client.api.articles[':id'].history.$get(
          { param: { id: '_token-check_' } },
          { headers: { authorization: `Bearer ${token}` } },
        ),
      { sessionCall: false },
    );
    return 'ok';
  } catch (err) {
    if (err instanceof ApiRequestError) {
      if (err.code === 'not_found') return 'ok';
      if (err.status === 401) return 'unauthorized';
      if (err.status === 403) return 'forbidden';
    }
    throw err;
  }
}

/** Called after signing out so the reader's view does not come from a librarian-era cache. */
export function revalidateSoon(): void {
  markChanged();
}

/** A story's coverage: its articles by outlet and time, and the actors they share. */
export type StoryCoverage = Awaited<ReturnType<typeof getStory>>;

export async function getStory(id: string, signal?: AbortSignal) {
  const res = await call(() =>
    client.api.stories[':id'].$get({ param: { id } }, { init: { signal } }),
  );
  return await res.json();
}

/** A librarian takes an article out of its story; answers the article's new story. */
export async function splitStory(article: string): Promise<string> {
  const res = await call(() => client.api.stories.split.$post({ json: { article } }));
  markChanged();
  return (await res.json()).storyId;
}

/** A librarian joins the article's story with the story of `into`. */
export async function joinStories(article: string, into: string): Promise<string> {
  const res = await call(() => client.api.stories.join.$post({ json: { article, into } }));
  markChanged();
  return (await res.json()).storyId;
}

/** Removes the article's split and joins; answers its story. */
export async function undoStory(article: string): Promise<string> {
  const res = await call(() => client.api.stories.undo.$post({ json: { article } }));
  markChanged();
  return (await res.json()).storyId;
}
