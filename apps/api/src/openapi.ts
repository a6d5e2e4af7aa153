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
