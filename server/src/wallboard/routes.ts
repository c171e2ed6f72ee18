// HTTP routes of the wall display: the figures (for a wall display's cookie, or a supervisor or admin), and the
// displays a supervisor or admin creates on a wall screen's browser, lists and revokes.
import { CreateDisplayRequest, WallboardFigures, WallDisplay } from '@hcm112/shared';
import { Router } from 'express';
import { z } from 'zod';
import { actorOf, requireRole } from '../auth/middleware.ts';
import type { AppContext } from '../context.ts';
import { Forbidden, Unauthenticated } from '../errors.ts';
import { parseBody, parseId } from '../http/validate.ts';
import { apiRoutes } from '../openapi/route-doc.ts';
import { DeskPresence } from './desk-presence.ts';
import {
  createDisplay,
  DISPLAY_COOKIE,
  DISPLAY_COOKIE_PATH,
  displayOfToken,
  listDisplays,
  revokeDisplay,
} from './displays.ts';
import { wallboardFigures } from './figures.ts';

const NoBody = z.object({}).strict();

export function wallboardRoutes(ctx: AppContext) {
  const router = Router();
  const manage = requireRole('supervisor', 'admin');
  const desks = new DeskPresence(
    ctx.redis,
    ctx.config.REDIS_PREFIX,
    ctx.config.CONSOLE_HEARTBEAT_TIMEOUT_SECONDS * 1000,
  );
  const cookieSecure = ctx.config.COOKIE_SECURE || ctx.config.NODE_ENV === 'production';

  router.get('/wallboard/tv', async (req, res) => {
    const token = (req.cookies as Record<string, string> | undefined)?.[DISPLAY_COOKIE];
    const display = await displayOfToken(ctx.db, token, req.ip ?? 'unknown', ctx.clock());
    if (!display) {
      if (!req.user)
        throw new Unauthenticated(token ? 'this wall display was revoked or has expired' : undefined);
      if (req.user.role !== 'supervisor' && req.user.role !== 'admin')
        throw new Forbidden('requires role supervisor or admin, or a wall display');
    }
    res.setHeader('cache-control', 'no-store');
    res.json(
      await wallboardFigures(
        ctx,
        desks,
        display ? { name: display.name, expiresAt: display.expiresAt.toISOString() } : null,
      ),
    );
  });

  router.get('/wallboard/displays', manage, async (_req, res) => {
    res.json({ displays: await listDisplays(ctx.db) });
  });

  router.post('/wallboard/displays', manage, async (req, res) => {
    const input = parseBody(CreateDisplayRequest, req.body);
    const actor = actorOf(req);
    const { token, display } = await createDisplay(
      ctx.db,
      input,
      { id: req.user!.id, name: actor.name },
      ctx.clock(),
      String(req.id),
    );
    // The token goes only into this browser's HttpOnly cookie, sent only to the figures' route: it is never
    // shown, logged or put in a URL.
    res.cookie(DISPLAY_COOKIE, token, {
      httpOnly: true,
      sameSite: 'strict',
      secure: cookieSecure,
      maxAge: input.days * 86_400_000,
      path: DISPLAY_COOKIE_PATH,
    });
    res.status(201).json({ display });
  });

  router.post('/wallboard/displays/:id/revoke', manage, async (req, res) => {
    const id = parseId(req.params.id);
    parseBody(NoBody, req.body);
    const actor = actorOf(req);
    res.json({
      display: await revokeDisplay(
        ctx.db,
        id,
        { id: req.user!.id, name: actor.name },
        ctx.clock(),
        String(req.id),
      ),
    });
  });

  return router;
}

/** These routes in the OpenAPI document (docs/api.md, "Adding a route"). */
export const wallboardApi = apiRoutes([
  {
    method: 'get',
    path: '/wallboard/tv',
    summary: 'Every wallboard figure, for a wall display',
    description:
      "-> WallboardFigures: today's CallStats, `abandonedRate`, `waitingByService` (112/113/114/115) and `waitingCalls` (no caller number), `callsPerHour` (hour 0 to now, in `TIME_ZONE`), `people` (call-takers not offline as the ACD sees them; dispatchers and supervisors signed in, `console-open` while their console answers the heartbeat), `unitsByAgency`, `availableByWard`, `openCameraAlerts`, `unassignedIncidents` (`escalated` past the policy), `display` (null for a person's session). A display's use records its time and address. 401 when the display was revoked or expired.",
    access: 'wall-display',
    response: WallboardFigures,
    errors: [403],
  },
  {
    method: 'get',
    path: '/wallboard/displays',
    summary: 'Wall displays, newest first',
    description:
      '-> `{ displays: WallDisplay[] }` with who made each, expiry, revocation, last use and address',
    access: ['supervisor', 'admin'],
    response: z.object({ displays: z.array(WallDisplay) }),
  },
  {
    method: 'post',
    path: '/wallboard/displays',
    summary: 'Make this browser a wall display (audited `wallboard.display-created`)',
    description:
      "CreateDisplayRequest `{ name, days (1-30) }` -> 201 `{ display }` and an HttpOnly cookie `e112_display` (path /api/wallboard/tv, SameSite strict) holding the display's token, never in the body; audited `wallboard.display-created`",
    access: ['supervisor', 'admin'],
    body: CreateDisplayRequest,
    status: 201,
    response: z.object({ display: WallDisplay }),
  },
  {
    method: 'post',
    path: '/wallboard/displays/:id/revoke',
    summary: 'Revoke a wall display (audited `wallboard.display-revoked`)',
    description: "-> `{ display }`; the display's next read is refused (401); 409 already revoked; audited",
    access: ['supervisor', 'admin'],
    response: z.object({ display: WallDisplay }),
    errors: [409],
  },
]);
