// HTTP route exporting an incident as an EIDO document.
import { apiRoutes } from '../openapi/route-doc.ts';
import { z } from 'zod';
import { Router } from 'express';
import { requireRole } from '../auth/middleware.ts';
import { incidentLocationHistory } from '../call-locations/service.ts';
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
    const locations = await incidentLocationHistory(ctx.db, incident.id);
    res.type('application/json').json(eidoDocument(incident, calls, ctx.clock(), locations));
  });
  return router;
}

/** These routes in the OpenAPI document (docs/api.md, "Adding a route"). */
export const eidoApi = apiRoutes([
  {
    method: 'get',
    path: '/incidents/:id/eido',
    summary: 'The incident as a NENA EIDO JSON document',
    description:
      "Beside the incident's own location, `locationComponent` holds every location its calls had (`callReference`, `locationSourceText`, `locationMethodText`, `locationTimeStamp`, `locationReceivedTimeStamp`, `locationUncertaintyRadiusMeters`, `locationShapeText`, `locationByValue.geoLocation` the shape as sent, `locationInUse` with `locationInUseReasonText`, an unusable one with `locationProblemText`), each call listing its own in `locationReference`",
    access: ['dispatcher', 'supervisor', 'admin'],
    response: z.looseObject({}).meta({ description: 'NENA EIDO (Emergency Incident Data Object)' }),
  },
]);
