// HTTP routes for address search and reverse geocoding.
import { GeocodeQuery, ReverseGeocodeQuery } from '@hcm112/shared';
import { Router } from 'express';
import { requireRole } from '../auth/middleware.ts';
import type { AppContext } from '../context.ts';
import { parseQuery } from '../http/validate.ts';

export function addressRoutes(ctx: AppContext) {
  const router = Router();
  const roles = requireRole('call-taker', 'dispatcher', 'supervisor');

  router.get('/addresses/search', roles, async (req, res) => {
    const { q, limit } = parseQuery(GeocodeQuery, req.query);
    res.json({ matches: await ctx.addresses.search(q, limit) });
  });

  router.get('/addresses/landmarks', roles, async (_req, res) => {
    res.json({ landmarks: await ctx.addresses.landmarks() });
  });

  router.get('/addresses/reverse', roles, async (req, res) => {
    const { lat, lon } = parseQuery(ReverseGeocodeQuery, req.query);
    res.json({ match: await ctx.addresses.reverse({ lat, lon }) });
  });

  return router;
}
