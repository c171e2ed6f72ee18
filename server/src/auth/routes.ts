// HTTP routes for login, logout, the current user, and user administration.
import {
  ChangePasswordRequest,
  CreateUserRequest,
  LoginRequest,
  ResetPasswordRequest,
  SetUserActiveRequest,
} from '@hcm112/shared';
import { type Request, Router } from 'express';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { parseBody, parseId } from '../http/validate.ts';
import { ALL_ROLES, actorOf, requireRole, SESSION_COOKIE } from './middleware.ts';
import { listUsers } from './repository.ts';
import { type AuthService, hashToken } from './service.ts';
import { UserLifecycle } from './user-lifecycle.ts';

export function authRoutes(deps: {
  auth: AuthService;
  db: Kysely<Database>;
  cookieSecure: boolean;
  sessionTtlHours: number;
}) {
  const router = Router();
  const lifecycle = new UserLifecycle(deps.db, deps.auth);
  const userId = (req: Request) => parseId(req.params.id);

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

  router.post('/auth/password', requireRole(...ALL_ROLES), async (req, res) => {
    const input = parseBody(ChangePasswordRequest, req.body);
    const actor = { ...actorOf(req), id: req.user!.id };
    await lifecycle.changeOwnPassword(actor, hashToken(req.sessionToken!), input, String(req.id));
    res.status(204).end();
  });

  router.put('/users/:id/active', requireRole('admin'), async (req, res) => {
    const { active } = parseBody(SetUserActiveRequest, req.body);
    res.json({ user: await lifecycle.setActive(userId(req), active, actorOf(req), String(req.id)) });
  });

  router.put('/users/:id/password', requireRole('admin'), async (req, res) => {
    const { password } = parseBody(ResetPasswordRequest, req.body);
    await lifecycle.resetPassword(userId(req), password, actorOf(req), String(req.id));
    res.status(204).end();
  });

  router.delete('/users/:id/sessions', requireRole('admin'), async (req, res) => {
    const ended = await lifecycle.revokeSessions(userId(req), actorOf(req), String(req.id));
    res.json({ sessionsEnded: ended });
  });

  return router;
}
