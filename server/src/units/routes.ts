// HTTP routes for units: the list, one unit, and status changes along the state machine.
import { apiRoutes } from '../openapi/route-doc.ts';
import { z } from 'zod';
import { Unit, UnitStatusChange } from '@hcm112/shared';
import { Router } from 'express';
import { actorOf, requireRole } from '../auth/middleware.ts';
import type { AppContext } from '../context.ts';
import { changeUnitStatus } from '../dispatch/service.ts';
import { NotFound } from '../errors.ts';
import { parseBody, parseId } from '../http/validate.ts';
import { findUnit, listUnits } from './repository.ts';

export function unitRoutes(ctx: AppContext) {
  const router = Router();
  const read = requireRole('dispatcher', 'supervisor', 'call-taker', 'admin');

  router.get('/units', read, async (_req, res) => {
    res.json({ units: await listUnits(ctx.db, ctx.clock(), ctx.config.AVL_STALE_SECONDS) });
  });

  router.get('/units/:id', read, async (req, res) => {
    const unit = await findUnit(ctx.db, parseId(req.params.id), ctx.clock(), ctx.config.AVL_STALE_SECONDS);
    if (!unit) throw new NotFound('unit');
    res.json({ unit });
  });

  router.post('/units/:id/status', requireRole('dispatcher'), async (req, res) => {
    const id = parseId(req.params.id);
    const { status } = parseBody(UnitStatusChange, req.body);
    res.json({ unit: await changeUnitStatus(ctx, actorOf(req), id, status, String(req.id)) });
  });

  return router;
}

/** These routes in the OpenAPI document (docs/api.md, "Adding a route"). */
export const unitApi = apiRoutes([
  {
    method: 'get',
    path: '/units',
    summary: 'Every unit',
    description:
      "each unit's `ward` is the 2025 ward of its position (of its station when it has none; null outside every ward)",
    access: ['dispatcher', 'supervisor', 'call-taker', 'admin'],
    response: z.object({ units: z.array(Unit) }),
  },
  {
    method: 'get',
    path: '/units/:id',
    summary: 'One unit',
    access: ['dispatcher', 'supervisor', 'call-taker', 'admin'],
    response: z.object({ unit: Unit }),
  },
  {
    method: 'post',
    path: '/units/:id/status',
    summary: "Change a unit's status along the state machine",
    description: 'UnitStatusChange -> `{ unit }`; 409 on an illegal transition',
    access: ['dispatcher'],
    body: UnitStatusChange,
    response: z.object({ unit: Unit }),
    errors: [409],
  },
]);
