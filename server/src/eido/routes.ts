// HTTP route exporting an incident as an EIDO document.
import { apiRoutes } from '../openapi/route-doc.ts';
import { z } from 'zod';
import { Router } from 'express';
import { requireRole } from '../auth/middleware.ts';
import { findCall } from '../calls/repository.ts';
import type { AppContext } from '../context.ts';
import { parseId } from '../http/validate.ts';
import { loadIncident } from '../incidents/service.ts';
import { eidoDocument } from './document.ts';

export function eidoRoutes(ctx: AppContext) {
  const router = Router();
  router.get('/incidents/:id/eido', requireRole('dispatcher', 'supervisor', 'admin'), async (req, res) => {
    const incident = await loadIncident(ctx.db, parseId(req.params.id));
    const calls = (await Promise.all(incident.callIds.map((id) => findCall(ctx.db, id)))).filter(
      (c) => c !== undefined,
    );
    res.type('application/json').json(eidoDocument(incident, calls, ctx.clock()));
  });
  return router;
}

/** These routes in the OpenAPI document (docs/api.md, "Adding a route"). */
export const eidoApi = apiRoutes([
  {
    method: 'get',
    path: '/incidents/:id/eido',
    summary: 'The incident as a NENA EIDO JSON document',
    access: ['dispatcher', 'supervisor', 'admin'],
    response: z.looseObject({}).meta({ description: 'NENA EIDO (Emergency Incident Data Object)' }),
  },
]);
