// Cross-site request refusal: a browser attaches the session cookie to any site's request, so a change made
// with the cookie must come from an allowed page (Origin) and carry JSON (which no plain HTML form can send).
// Requests authenticated otherwise (Bearer token, a device's signature) carry no ambient credential and pass.
import type { IncomingHttpHeaders } from 'node:http';
import type { RequestHandler } from 'express';
import { DomainError } from '../errors.ts';
import { SESSION_COOKIE } from '../auth/middleware.ts';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** JSON, and the camera import's files: none of them can be sent cross-site without a CORS preflight. */
const BODY_TYPES = ['application/json', 'application/geo+json', 'text/csv'];

export class CrossOriginRefused extends DomainError {
  constructor(message: string) {
    super('forbidden', 403, message);
  }
}

export class UnsupportedMediaType extends DomainError {
  constructor() {
    super('invalid', 415, 'send the body as application/json');
  }
}

/** Whether the page at `Origin` is the server's own (same Host) or one configured in ALLOWED_ORIGINS. */
export function originAllowed(headers: IncomingHttpHeaders, allowed: readonly string[]): boolean {
  const origin = headers.origin;
  if (!origin || origin === 'null') return false;
  if (allowed.includes(origin)) return true;
  try {
    return new URL(origin).host === headers.host;
  } catch {
    return false;
  }
}

export function carriesSessionCookie(headers: IncomingHttpHeaders): boolean {
  return (headers.cookie ?? '').split(';').some((c) => c.trim().startsWith(`${SESSION_COOKIE}=`));
}

function hasBody(headers: IncomingHttpHeaders): boolean {
  return headers['transfer-encoding'] !== undefined || Number(headers['content-length'] ?? 0) > 0;
}

/**
 * Changes (any method but GET/HEAD/OPTIONS) must send a body as application/json; those carrying the session
 * cookie, and every login, must come from an allowed Origin (a login from a foreign page would sign the
 * victim in as the attacker). `moreTypes` lets a path authenticated by a signature of its body, never by the
 * cookie, take another type (AML's form encoding): a form from another site can set no such signature.
 */
export function refuseCrossSiteChanges(
  allowedOrigins: readonly string[],
  moreTypes: Readonly<Record<string, readonly string[]>> = {},
): RequestHandler {
  return (req, _res, next) => {
    if (SAFE_METHODS.has(req.method)) return next();
    const types = [...BODY_TYPES, ...(moreTypes[req.path] ?? [])];
    if (hasBody(req.headers) && !req.is(types)) throw new UnsupportedMediaType();
    const cookie = carriesSessionCookie(req.headers);
    const browserLogin = req.path === '/auth/login' && req.headers.origin !== undefined;
    if ((cookie || browserLogin) && !originAllowed(req.headers, allowedOrigins))
      throw new CrossOriginRefused('this page may not change anything here (Origin not allowed)');
    next();
  };
}
