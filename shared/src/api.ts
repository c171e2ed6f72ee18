// The error body every API failure returns.
import { z } from 'zod';

export const ApiErrorCode = z.enum([
  'invalid',
  'unauthenticated',
  'forbidden',
  'not-found',
  'conflict',
  'too-large',
  'too-many-requests',
  'unavailable',
  'gone',
  'internal',
]);
export type ApiErrorCode = z.infer<typeof ApiErrorCode>;

export const ApiError = z.object({
  error: z.object({
    code: ApiErrorCode,
    message: z.string(),
    /** For `invalid`: field path (dot-separated) -> problem. */
    fields: z.record(z.string(), z.string()).optional(),
    /** For `conflict`: facts that explain it, e.g. the incident currently holding a unit. */
    details: z.record(z.string(), z.unknown()).optional(),
  }),
});
export type ApiError = z.infer<typeof ApiError>;
