import { ApiError } from '@newsarchive/core';

const json = { 'application/json': { schema: ApiError } };

/** Error responses for the OpenAPI document; the bodies all have the one ApiError shape. */
export const errors = {
  400: { content: json, description: 'Invalid request: the issues name the offending parameters' },
  401: { content: json, description: 'Missing, malformed or revoked token' },
  403: { content: json, description: 'The token has the wrong role' },
  404: { content: json, description: 'Not found (hidden articles are not found for readers)' },
  409: { content: json, description: 'Conflict' },
  413: { content: json, description: 'Body too large' },
  429: { content: json, description: 'Rate limited; see Retry-After' },
  503: { content: json, description: 'The search engine is unreachable' },
} as const;

export const bearer = [{ Bearer: [] }];

/** The query language, for the `q` parameter's description (the same on both engines). */
export const queryLanguage = [
  'The words to search for; empty browses, newest first. Every word is required, in any field.',
  'Case, accents, plurals, possessives and hyphens do not matter (café = cafe, e-mail = email);',
  'typos are forgiven in unknown words (1 from 5 letters, 2 from 9).',
  '`"exact phrase"` — the words in this order;',
  '`-word`, `-"phrase"`, `NOT word`, `-(group)` — leave out articles that match;',
  '`a OR b`, `a | b` — either; OR binds tighter than the implicit AND (`a b OR c` = a AND (b OR c));',
  '`( … )` — grouping; `word*` — words starting with it.',
  "Text without a searchable word (`***`) matches nothing. The response's `query.read` is the",
  'query as read, in this language.',
].join(' ');

/** The `query` field of a search response, described for the OpenAPI document. */
export const queryReadingDescription =
  'How the query was read: `read` is the query in the query language as the engine understood it (e.g. `harbour (strike OR vote)`; empty when nothing searchable was typed); `suggestion` is the query with unknown words replaced by their closest known spelling ("did you mean"), or null.';
