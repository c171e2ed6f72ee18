// HTTP routes of an incident's cameras: the surfaced list, and pinning or hiding one camera.
import { apiRoutes } from '../openapi/route-doc.ts';
import { z } from 'zod';
import { SetIncidentCameraRequest, SurfacedCamera } from '@hcm112/shared';
import { Router } from 'express';
import { actorOf, requireRole } from '../auth/middleware.ts';
import type { AppContext } from '../context.ts';
import { parseBody, parseId } from '../http/validate.ts';
import * as service from './service.ts';

export function incidentCameraRoutes(ctx: AppContext) {
  const router = Router();

  router.get('/incidents/:id/cameras', requireRole('dispatcher', 'supervisor', 'admin'), async (req, res) => {
    res.json({ cameras: await service.incidentCameras(ctx, parseId(req.params.id)) });
  });

  router.post('/incidents/:id/cameras/:cameraId', requireRole('dispatcher'), async (req, res) => {
    const ids = { incidentId: parseId(req.params.id), cameraId: parseId(req.params.cameraId, 'cameraId') };
    const flags = parseBody(SetIncidentCameraRequest, req.body);
    res.json({ cameras: await service.setIncidentCamera(ctx, actorOf(req), ids, flags, String(req.id)) });
  });

  return router;
}

/** These routes in the OpenAPI document (docs/api.md, "Adding a route"). */
export const incidentCameraApi = apiRoutes([
  {
    method: 'get',
    path: '/incidents/:id/cameras',
    summary: 'The cameras that can see the incident',
    description:
      '-> `{ cameras: SurfacedCamera[] }`, computed first if missing or computed for an older location',
    access: ['dispatcher', 'supervisor', 'admin'],
    response: z.object({ cameras: z.array(SurfacedCamera) }),
  },
  {
    method: 'post',
    path: '/incidents/:id/cameras/:cameraId',
    summary: "Pin or hide a camera in the incident's list",
    description: 'SetIncidentCameraRequest `{ pinned?, hidden? }` -> `{ cameras }`; 409 on a closed incident',
    access: ['dispatcher'],
    body: SetIncidentCameraRequest,
    response: z.object({ cameras: z.array(SurfacedCamera) }),
    errors: [409],
  },
]);
