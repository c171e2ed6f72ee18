// HTTP routes for login, logout, the current user, and user administration.
import { apiRoutes } from '../openapi/route-doc.ts';
import { z } from 'zod';
import {
  ChangePasswordRequest,
  CreateUserRequest,
  LoginRequest,
  ResetPasswordRequest,
  SetUserActiveRequest,
  User,
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

/** These routes in the OpenAPI document (docs/api.md, "Adding a route"). */
export const authApi = apiRoutes([
  {
    method: 'post',
    path: '/auth/login',
    summary: 'Log in: the session cookie, and the token for scripts',
    description:
      'LoginRequest -> `{ user, token }` + cookie (`Secure` in production); after 5 failures of one username from one client address each next try waits twice as long (1 s, 2 s, ... 15 min): 429 with `Retry-After` for that client only, the user logs in from elsewhere; 30 failures from one address in 5 min: 429 for the address; an unknown username answers exactly like a wrong password; 403 when posted from a page of another Origin',
    access: 'anyone',
    body: LoginRequest,
    response: z.object({ user: User, token: z.string() }),
    errors: [401, 403, 429],
  },
  {
    method: 'post',
    path: '/auth/logout',
    summary: 'End the session; its websockets close with 4001',
    description: "-> 204; the session's websockets close (code 4001) on every server instance",
    access: ALL_ROLES,
    status: 204,
  },
  {
    method: 'get',
    path: '/auth/me',
    summary: 'The logged-in user',
    access: ALL_ROLES,
    response: z.object({ user: User }),
  },
  {
    method: 'get',
    path: '/users',
    summary: 'Every user',
    access: ['admin', 'supervisor'],
    response: z.object({ users: z.array(User) }),
  },
  {
    method: 'post',
    path: '/users',
    summary: 'Create a user',
    access: ['admin'],
    body: CreateUserRequest,
    status: 201,
    response: z.object({ user: User }),
    errors: [409],
  },
  {
    method: 'post',
    path: '/auth/password',
    summary: "Change one's own password; one's other sessions end",
    description:
      "ChangePasswordRequest `{ currentPassword, newPassword }` -> 204; 403 wrong current password; the user's other sessions end (their websockets close); audited `user.password-change`",
    access: ALL_ROLES,
    body: ChangePasswordRequest,
    status: 204,
  },
  {
    method: 'put',
    path: '/users/:id/active',
    summary: 'Deactivate or reactivate a user',
    description:
      "SetUserActiveRequest `{ active }` -> `{ user }`; deactivating ends every session and closes the user's websockets at once, the login is refused until reactivated; 409 for oneself; audited `user.deactivate` / `user.activate`",
    access: ['admin'],
    body: SetUserActiveRequest,
    response: z.object({ user: User }),
    errors: [409],
  },
  {
    method: 'put',
    path: '/users/:id/password',
    summary: "Reset a user's password; every session of the user ends",
    description:
      'ResetPasswordRequest `{ password }` -> 204; every session of the user ends; audited `user.password-reset` (without the password)',
    access: ['admin'],
    body: ResetPasswordRequest,
    status: 204,
  },
  {
    method: 'delete',
    path: '/users/:id/sessions',
    summary: 'End every session of a user',
    description:
      '-> `{ sessionsEnded }` ends every session of the user and closes their websockets; audited `user.sessions-revoke`',
    access: ['admin'],
    response: z.object({ sessionsEnded: z.number().int() }),
  },
]);
