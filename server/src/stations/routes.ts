// HTTP route listing the stations units are based at.
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
