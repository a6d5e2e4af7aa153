import { z } from 'zod';

export const ErrorCode = z.enum([
  'invalid_request',
  'unauthorized',
  'forbidden',
  'not_found',
  'method_not_allowed',
  'conflict',
  'payload_too_large',
  'rate_limited',
  'engine_unavailable',
  'internal',
]);
export type ErrorCode = z.infer<typeof ErrorCode>;

/** The one error shape of every API response that is not a success. */
export const ApiError = z.object({
  error: z.object({
    code: ErrorCode,
    message: z.string(),
    issues: z
      .array(z.object({ path: z.array(z.union([z.string(), z.number()])), message: z.string() }))
      .optional(),
  }),
});
export type ApiError = z.infer<typeof ApiError>;

export const HTTP_STATUS: Record<ErrorCode, number> = {
  invalid_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  payload_too_large: 413,
  rate_limited: 429,
  engine_unavailable: 503,
  internal: 500,
};

export interface IssueDetail {
  path: (string | number)[];
  message: string;
}

/** An error that knows its HTTP meaning; the API turns it into the one error shape. */
export class DomainError extends Error {
  override name = 'DomainError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    options?: { cause?: unknown; issues?: IssueDetail[] },
  ) {
    super(message, options);
    this.issues = options?.issues;
  }
  readonly issues: IssueDetail[] | undefined;
  get status(): number {
    return HTTP_STATUS[this.code];
  }
}

export class NotFoundError extends DomainError {
  override name = 'NotFoundError';
  constructor(message: string) {
    super('not_found', message);
  }
}

export class InvalidRequestError extends DomainError {
  override name = 'InvalidRequestError';
  constructor(message: string, issues?: IssueDetail[]) {
    super('invalid_request', message, { issues });
  }
}

export class ConflictError extends DomainError {
  override name = 'ConflictError';
  constructor(message: string) {
    super('conflict', message);
  }
}
