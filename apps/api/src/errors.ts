import {
  DomainError,
  HTTP_STATUS,
  type ApiError,
  type ErrorCode,
  type IssueDetail,
} from '@newsarchive/core';
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { z } from '@hono/zod-openapi';
import type { AppEnv } from './context.ts';

const CODE_BY_STATUS: Record<number, ErrorCode> = {
  400: 'invalid_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  409: 'conflict',
  413: 'payload_too_large',
  415: 'invalid_request',
  429: 'rate_limited',
  503: 'engine_unavailable',
};

/** The one error body every failing response carries. */
export function errorBody(code: ErrorCode, message: string, issues?: IssueDetail[]): ApiError {
  return { error: issues && issues.length > 0 ? { code, message, issues } : { code, message } };
}

/** zod issues reduced to what a client needs: where and what, nothing internal. */
export function toIssueDetails(issues: readonly z.core.$ZodIssue[]): IssueDetail[] {
  return issues.flatMap((i) => {
    const path = i.path.filter(
      (p): p is string | number => typeof p === 'string' || typeof p === 'number',
    );
    // An unknown field is named by its own path, so the message can say which one.
    if (i.code === 'unrecognized_keys') {
      return i.keys.map((key) => ({ path: [...path, key], message: 'unknown field' }));
    }
    return [{ path, message: i.message }];
  });
}

/** "outlet, page" — the parameters a list of issues is about, for the message. */
function namedParameters(issues: IssueDetail[]): string {
  const names = [...new Set(issues.map((i) => (i.path.length > 0 ? String(i.path[0]) : '(body)')))];
  return names.join(', ');
}

export function validationError(
  c: Context,
  issues: IssueDetail[],
  where: 'query' | 'body' | 'path',
): Response {
  const subject = where === 'query' ? 'parameter' : where === 'path' ? 'path parameter' : 'field';
  const names = namedParameters(issues);
  const message = names ? `invalid ${subject}: ${names}` : `invalid ${where}`;
  return c.json(errorBody('invalid_request', message, issues), 400);
}

export function errorResponse(
  c: Context,
  code: ErrorCode,
  message: string,
  issues?: IssueDetail[],
): Response {
  return c.json(errorBody(code, message, issues), HTTP_STATUS[code] as ContentfulStatusCode);
}

/**
 * Every thrown error becomes the one JSON shape. Domain errors keep their code and message;
 * anything else is logged with its stack and answered with a bare 500 — messages of unknown
 * errors may carry SQL or keys, so they never leave the server.
 */
export function handleError(err: unknown, c: Context<AppEnv>): Response {
  if (err instanceof DomainError) {
    if (err.code === 'internal' || err.code === 'engine_unavailable') {
      c.get('logger')?.warn({ err, requestId: c.get('requestId') }, err.message);
    }
    const message = err.code === 'internal' ? 'internal error' : err.message;
    return errorResponse(c, err.code, message, err.issues);
  }
  if (err instanceof HTTPException) {
    const status = err.status;
    const code = CODE_BY_STATUS[status] ?? (status >= 500 ? 'internal' : 'invalid_request');
    const message =
      status === 415
        ? 'expected a JSON body (Content-Type: application/json)'
        : status >= 500
          ? 'internal error'
          : err.message || code;
    return errorResponse(c, code, message);
  }
  c.get('logger')?.error({ err, requestId: c.get('requestId') }, 'unhandled error');
  return errorResponse(c, 'internal', 'internal error');
}
