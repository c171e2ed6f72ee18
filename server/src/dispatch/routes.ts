// HTTP routes for recommending and assigning units, and undoing a mistaken assignment.
import { apiRoutes } from '../openapi/route-doc.ts';
import { z } from 'zod';
import { AssignUnitsRequest, Incident, IncidentRoutes, Recommendation } from '@hcm112/shared';
import { Router } from 'express';
import { actorOf, requireRole } from '../auth/middleware.ts';
import type { AppContext } from '../context.ts';
import { parseBody, parseId } from '../http/validate.ts';
import { loadIncident } from '../incidents/service.ts';
import { recommendUnits } from './recommend.ts';
import { assignUnits } from './service.ts';
import { undoAssignment } from './undo.ts';
import { routesToIncident } from './unit-routes.ts';

export function dispatchRoutes(ctx: AppContext) {
  const router = Router();

  router.get(
    '/incidents/:id/recommendations',
    requireRole('dispatcher', 'supervisor', 'admin'),
    async (req, res) => {
      const incident = await loadIncident(ctx.db, parseId(req.params.id));
      res.json({ recommendations: await recommendUnits(ctx.db, ctx.roads, incident, ctx.clock()) });
    },
  );

  // Where each unit on its way still has to drive, and when it arrives (estimated: straight line, off the streets).
  router.get('/incidents/:id/routes', requireRole('dispatcher', 'supervisor', 'admin'), async (req, res) => {
    const incident = await loadIncident(ctx.db, parseId(req.params.id));
    res.json({ routes: await routesToIncident(ctx, incident) });
  });

  router.post('/incidents/:id/assignments', requireRole('dispatcher'), async (req, res) => {
    const id = parseId(req.params.id);
    const input = parseBody(AssignUnitsRequest, req.body);
    res.json({ incident: await assignUnits(ctx, actorOf(req), id, input, String(req.id)) });
  });

  // Takes back a mistaken assignment; the server enforces the undo window and that the crew has not acknowledged.
  router.post('/incidents/:id/assignments/:unitId/undo', requireRole('dispatcher'), async (req, res) => {
    const id = parseId(req.params.id);
    const unitId = parseId(req.params.unitId, 'unitId');
    res.json({ incident: await undoAssignment(ctx, actorOf(req), id, unitId, String(req.id)) });
  });

  return router;
}

/** These routes in the OpenAPI document (docs/api.md, "Adding a route"). */
export const dispatchApi = apiRoutes([
  {
    method: 'get',
    path: '/incidents/:id/recommendations',
    summary: 'Units to send, by travel time along the streets',
    access: ['dispatcher', 'supervisor', 'admin'],
    response: z.object({ recommendations: z.array(Recommendation) }),
  },
  {
    method: 'get',
    path: '/incidents/:id/routes',
    summary: 'Where each unit on its way still has to drive, and when it arrives',
    description:
      '-> `{ routes: UnitRoute[] }`: each unit dispatched or en route to the incident, its way along the streets (`path`, [lon, lat]), `etaSeconds`, `metres`, `estimated` (true: straight line times the detour factor, off the street network)',
    access: ['dispatcher', 'supervisor', 'admin'],
    response: IncidentRoutes,
  },
  {
    method: 'post',
    path: '/incidents/:id/assignments',
    summary: 'Assign units; 409 names the incident holding a unit',
    description: 'AssignUnitsRequest -> `{ incident }`; 409 names the holder',
    access: ['dispatcher'],
    body: AssignUnitsRequest,
    response: z.object({ incident: Incident }),
    errors: [409],
  },
  {
    method: 'post',
    path: '/incidents/:id/assignments/:unitId/undo',
    summary: 'Take back a mistaken assignment within the undo window',
    description:
      '-> `{ incident }`: takes back a mistaken assignment (unit available again, note "undid dispatch of …", audited `incident.assign.undo`; an incident left with no unit goes back to `new`) only within `ASSIGNMENT_UNDO_SECONDS` (10 s) of the assignment and while the unit is still `dispatched` (the crew has not acknowledged). Otherwise 409 with `details.reason` `expired` or `acknowledged` (or the unit is not assigned there): recalling a unit then is a cancellation sent to the crew, i.e. a status change',
    access: ['dispatcher'],
    response: z.object({ incident: Incident }),
    errors: [409],
  },
]);
