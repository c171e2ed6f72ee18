// HTTP route for the wallboard's figures by 2025 ward: today's (since local midnight, UTC+7) calls and incidents.
import { apiRoutes } from '../openapi/route-doc.ts';
import { WardStats } from '@hcm112/shared';
import { Router } from 'express';
import { requireRole } from '../auth/middleware.ts';
import type { AppContext } from '../context.ts';
import { wardLoads } from './repository.ts';

const HCMC_OFFSET_MS = 7 * 3600_000;

/** Midnight in Ho Chi Minh City (UTC+7, no daylight saving) before `now`. */
export function hcmcMidnight(now: Date): Date {
  const local = now.getTime() + HCMC_OFFSET_MS;
  return new Date(local - (local % 86_400_000) - HCMC_OFFSET_MS);
}

export function wardStatsRoutes(ctx: AppContext) {
  const router = Router();
  router.get('/stats/wards', requireRole('supervisor', 'dispatcher', 'admin'), async (_req, res) => {
    const since = hcmcMidnight(ctx.clock());
    res.json({ since: since.toISOString(), wards: await wardLoads(ctx.db, since) });
  });
  return router;
}

/** These routes in the OpenAPI document (docs/api.md, "Adding a route"). */
export const wardStatsApi = apiRoutes([
  {
    method: 'get',
    path: '/stats/wards',
    summary: "Today's calls and incidents by 2025 ward",
    description:
      '-> WardStats `{ since, wards: [{ ward, openIncidents, incidentsToday, callsToday }] }`, since midnight in HCMC',
    access: ['supervisor', 'dispatcher', 'admin'],
    response: WardStats,
  },
]);
