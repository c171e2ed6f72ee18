// HTTP route listing the stations units are based at.
import { apiRoutes } from '../openapi/route-doc.ts';
import { z } from 'zod';
import { Station } from '@hcm112/shared';
import { Router } from 'express';
import { requireRole } from '../auth/middleware.ts';
import type { AppContext } from '../context.ts';
import { listStations } from './repository.ts';

export function stationRoutes(ctx: AppContext) {
  const router = Router();
  router.get(
    '/stations',
    requireRole('dispatcher', 'supervisor', 'call-taker', 'admin'),
    async (_req, res) => {
      res.json({ stations: await listStations(ctx.db) });
    },
  );
  return router;
}

/** These routes in the OpenAPI document (docs/api.md, "Adding a route"). */
export const stationApi = apiRoutes([
  {
    method: 'get',
    path: '/stations',
    summary: 'The stations units are based at, each with its 2025 `ward`',
    access: ['dispatcher', 'supervisor', 'call-taker', 'admin'],
    response: z.object({ stations: z.array(Station) }),
  },
]);
