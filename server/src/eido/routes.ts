// HTTP route exporting an incident as an EIDO document.
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
