import { z } from 'zod';

export const ErrorCode = z.enum([
  'invalid_request',
  'unauthorized',
  'forbidden',
  'not_found',
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
  conflict: 409,
  payload_too_large: 413,
  rate_limited: 429,
  engine_unavailable: 503,
  internal: 500,
};
