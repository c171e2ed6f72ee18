// HTTP routes for login, logout, the current user, and user administration.
import { CreateUserRequest, LoginRequest } from '@hcm112/shared';
import { Router } from 'express';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { parseBody } from '../http/validate.ts';
import { ALL_ROLES, actorOf, requireRole, SESSION_COOKIE } from './middleware.ts';
import { listUsers } from './repository.ts';
import type { AuthService } from './service.ts';

export function authRoutes(deps: {
  auth: AuthService;
  db: Kysely<Database>;
  cookieSecure: boolean;
  sessionTtlHours: number;
}) {
  const router = Router();

  router.post('/auth/login', async (req, res) => {
    const input = parseBody(LoginRequest, req.body);
    const { token, user } = await deps.auth.login(input, req.ip ?? 'unknown', String(req.id));
    res.cookie(SESSION_COOKIE, token, {
      httpOnly: true,
      sameSite: 'strict',
      secure: deps.cookieSecure,
      maxAge: deps.sessionTtlHours * 3600_000,
      path: '/',
    });
    res.json({ user, token });
  });

  router.post('/auth/logout', requireRole(...ALL_ROLES), async (req, res) => {
    await deps.auth.logout(req.sessionToken!, actorOf(req), String(req.id));
    res.clearCookie(SESSION_COOKIE, { path: '/' });
    res.status(204).end();
  });

  router.get('/auth/me', requireRole(...ALL_ROLES), (req, res) => {
    res.json({ user: req.user });
  });

  router.get('/users', requireRole('admin', 'supervisor'), async (_req, res) => {
    res.json({ users: await listUsers(deps.db) });
  });

  router.post('/users', requireRole('admin'), async (req, res) => {
    const input = parseBody(CreateUserRequest, req.body);
    const user = await deps.auth.createUser(input, actorOf(req), String(req.id));
    res.status(201).json({ user });
  });

  return router;
}
