import { DomainError, type Role } from '@newsarchive/core';
import type { MiddlewareHandler } from 'hono';
import type { AppEnv, Caller } from '../context.ts';

const READER: Caller = { role: 'reader', token: null };

/**
 * Works out who is calling. No Authorization header means a reader; a header that is malformed,
 * unknown or revoked is refused outright rather than quietly downgraded, so a librarian with a
 * stale token learns it instead of seeing a reader's (hidden-free) view.
 */
export function authenticate(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const header = c.req.header('authorization');
    if (header === undefined) {
      c.set('caller', READER);
      return next();
    }
    const match = /^Bearer[ \t]+([^\s]+)[ \t]*$/i.exec(header);
    if (!match?.[1])
      throw new DomainError('unauthorized', 'expected "Authorization: Bearer <token>"');
    const token = c.get('archive').tokens.verify(match[1]);
    if (!token) throw new DomainError('unauthorized', 'invalid or revoked token');
    c.set('caller', { role: token.role, token });
    return next();
  };
}

/** Lets the request through only for a token with one of `roles` (401 without one, 403 otherwise). */
export function requireRole(...roles: Role[]): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const caller = c.get('caller');
    if (caller.role === 'reader')
      throw new DomainError('unauthorized', `a ${roles.join(' or ')} token is required`);
    if (!roles.includes(caller.role)) {
      throw new DomainError(
        'forbidden',
        `this needs the ${roles.join(' or ')} role; the token has ${caller.role}`,
      );
    }
    return next();
  };
}

/** True when the caller may see hidden articles. */
export function seesHidden(caller: Caller): boolean {
  return caller.role === 'librarian';
}
