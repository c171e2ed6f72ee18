// Puts the logged-in user on the request and enforces roles on every route.
import type { Role, User } from '@hcm112/shared';
import type { Request, RequestHandler } from 'express';
import type { Actor } from '../audit/repository.ts';
import { Forbidden, Unauthenticated } from '../errors.ts';
import type { AuthService } from './service.ts';

export const SESSION_COOKIE = 'e112_session';

declare global {
  namespace Express {
    interface Request {
      user?: User;
      sessionToken?: string;
    }
  }
}

/** The session token from the cookie, or from `Authorization: Bearer` for scripts and tests. */
export function sessionTokenOf(
  headers: { cookie?: string; authorization?: string },
  cookies?: Record<string, string>,
): string | undefined {
  const bearer = headers.authorization?.match(/^Bearer (.+)$/)?.[1];
  if (bearer) return bearer;
  if (cookies?.[SESSION_COOKIE]) return cookies[SESSION_COOKIE];
  const raw = headers.cookie
    ?.split(';')
    .map((c) => c.trim())
    .find((c) => c.startsWith(`${SESSION_COOKIE}=`));
  return raw ? decodeURIComponent(raw.slice(SESSION_COOKIE.length + 1)) : undefined;
}

export function authenticate(auth: AuthService): RequestHandler {
  return async (req, _res, next) => {
    const token = sessionTokenOf(req.headers, req.cookies as Record<string, string> | undefined);
    const user = await auth.authenticate(token);
    if (user) {
      req.user = user;
      req.sessionToken = token;
    }
    next();
  };
}

/** Allows the listed roles only; 401 without a session, 403 with the wrong role. */
export function requireRole(...roles: Role[]): RequestHandler {
  return (req, _res, next) => {
    if (!req.user) throw new Unauthenticated();
    if (!roles.includes(req.user.role)) throw new Forbidden(`requires role ${roles.join(' or ')}`);
    next();
  };
}

export function actorOf(req: Request): Actor {
  if (!req.user) throw new Unauthenticated();
  return { id: req.user.id, name: req.user.username };
}

export const ALL_ROLES: Role[] = ['call-taker', 'dispatcher', 'supervisor', 'admin'];
