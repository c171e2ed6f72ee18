// HTTP routes for hospitals: the map layer and admin list, the centre's edits, and an ambulance's destination.
import { apiRoutes } from '../openapi/route-doc.ts';
import { Hospital, HospitalCapability, UpdateHospitalRequest } from '@hcm112/shared';
import { Router } from 'express';
import { z } from 'zod';
import { ALL_ROLES, actorOf, requireRole } from '../auth/middleware.ts';
import type { AppContext } from '../context.ts';
import { parseBody, parseId, parseQuery } from '../http/validate.ts';
import { listHospitals } from './repository.ts';
import { roadRanking } from './road-ranking.ts';
import { destinationForIncident, editHospital } from './service.ts';

const DestinationQuery = z.object({
  incidentId: z.string().uuid(),
  lat: z.coerce.number().min(-90).max(90).optional(),
  lon: z.coerce.number().min(-180).max(180).optional(),
});

export function hospitalRoutes(ctx: AppContext) {
  const router = Router();
  router.get('/hospitals', requireRole(...ALL_ROLES), async (_req, res) => {
    res.json({ hospitals: await listHospitals(ctx.db) });
  });

  router.patch('/hospitals/:id', requireRole('supervisor', 'admin'), async (req, res) => {
    const id = parseId(req.params.id);
    const change = parseBody(UpdateHospitalRequest, req.body);
    res.json({ hospital: await editHospital(ctx, actorOf(req), id, change, String(req.id)) });
  });

  router.get('/hospitals/destination', requireRole('dispatcher', 'supervisor'), async (req, res) => {
    const q = parseQuery(DestinationQuery, req.query);
    const from = q.lat !== undefined && q.lon !== undefined ? { lat: q.lat, lon: q.lon } : null;
    res.json({
      destination: await destinationForIncident(ctx, q.incidentId, from, roadRanking(ctx.roads, ctx.clock())),
    });
  });
  return router;
}

/** These routes in the OpenAPI document (docs/api.md, "Adding a route"). */
export const hospitalApi = apiRoutes([
  {
    method: 'get',
    path: '/hospitals',
    summary: 'Every hospital (capabilities, diverting, verified)',
    access: ALL_ROLES,
    response: z.object({ hospitals: z.array(Hospital) }),
  },
  {
    method: 'patch',
    path: '/hospitals/:id',
    summary: "The centre's edit of a hospital; 409 on a stale version",
    description:
      'UpdateHospitalRequest (`capabilities`, `diverting`, `verified`, `version`) -> `{ hospital }`; 409 on a stale version; audited `hospital.update`',
    access: ['supervisor', 'admin'],
    body: UpdateHospitalRequest,
    response: z.object({ hospital: Hospital }),
    errors: [409],
  },
  {
    method: 'get',
    path: '/hospitals/destination',
    summary: "The nearest hospital not diverting that treats the incident's need",
    description:
      "-> `{ destination: { hospital, need, matched, cost } | null }`: the nearest hospital not diverting that treats the incident's need (from lat/lon, else the incident)",
    access: ['dispatcher', 'supervisor'],
    query: DestinationQuery,
    response: z.object({
      destination: z
        .object({
          hospital: Hospital,
          need: HospitalCapability,
          matched: HospitalCapability,
          cost: z.number(),
        })
        .nullable(),
    }),
    errors: [404],
  },
]);
