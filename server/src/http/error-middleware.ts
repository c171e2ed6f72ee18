// Maps thrown errors to the API error body; clients never see a stack trace.
import type { ApiError } from '@hcm112/shared';
import type { ErrorRequestHandler, RequestHandler } from 'express';
import { isDatabaseUnavailable, isStatementTimeout } from '../db/database.ts';
import { DomainError, Invalid, TooManyRequests } from '../errors.ts';
import type { Logger } from '../logger.ts';

interface BodyParserError {
  type?: string;
  status?: number;
  limit?: number;
}

function bodyParserError(err: unknown): ApiError['error'] | null {
  const e = err as BodyParserError;
  if (e?.type === 'entity.too.large')
    return { code: 'too-large', message: `body larger than ${e.limit} bytes` };
  if (e?.type === 'entity.parse.failed')
    return { code: 'invalid', message: 'body is not valid JSON', fields: { body: 'invalid JSON' } };
  if (e?.type === 'encoding.unsupported' || e?.type === 'charset.unsupported')
    return { code: 'invalid', message: 'unsupported body encoding' };
  return null;
}

/** Express's own refusals of a malformed request, e.g. a path parameter that is not valid percent-encoding. */
function isMalformedRequest(err: unknown): boolean {
  const status = (err as BodyParserError)?.status;
  return !(err instanceof DomainError) && typeof status === 'number' && status >= 400 && status < 500;
}

export function errorMiddleware(log: Logger): ErrorRequestHandler {
  return (err, req, res, _next) => {
    const parsed = bodyParserError(err);
    if (parsed) {
      res.status(parsed.code === 'too-large' ? 413 : 400).json({ error: parsed } satisfies ApiError);
      return;
    }
    if (err instanceof DomainError) {
      const error: ApiError['error'] = { code: err.code, message: err.message };
      if (err instanceof Invalid) error.fields = err.fields;
      if (err.details) error.details = err.details;
      if (err instanceof TooManyRequests) res.setHeader('Retry-After', String(err.retryAfterSeconds));
      res.status(err.status).json({ error } satisfies ApiError);
      return;
    }
    if (isMalformedRequest(err)) {
      res.status(400).json({ error: { code: 'invalid', message: 'malformed request' } } satisfies ApiError);
      return;
    }
    if (isStatementTimeout(err)) {
      log.warn({ err, requestId: req.id }, 'query over the HTTP statement timeout');
      res
        .status(503)
        .json({ error: { code: 'unavailable', message: 'the database is busy, retry shortly' } });
      return;
    }
    if (isDatabaseUnavailable(err)) {
      log.warn({ err, requestId: req.id }, 'database unavailable');
      res
        .status(503)
        .json({ error: { code: 'unavailable', message: 'database unavailable, retry shortly' } });
      return;
    }
    log.error({ err, requestId: req.id }, 'unhandled error');
    res.status(500).json({ error: { code: 'internal', message: 'internal error' } } satisfies ApiError);
  };
}

export const notFoundHandler: RequestHandler = (_req, res) => {
  res.status(404).json({ error: { code: 'not-found', message: 'no such route' } } satisfies ApiError);
};
