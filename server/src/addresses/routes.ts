// HTTP routes for address search and reverse geocoding.
import { apiRoutes } from '../openapi/route-doc.ts';
import { z } from 'zod';
import { AddressMatch, GeocodeQuery, ReverseGeocodeQuery } from '@hcm112/shared';
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

/** These routes in the OpenAPI document (docs/api.md, "Adding a route"). */
export const addressApi = apiRoutes([
  {
    method: 'get',
    path: '/addresses/search',
    summary: 'Search the gazetteer (addresses, wards, old district names, landmarks)',
    access: ['call-taker', 'dispatcher', 'supervisor'],
    query: GeocodeQuery,
    response: z.object({ matches: z.array(AddressMatch) }),
  },
  {
    method: 'get',
    path: '/addresses/landmarks',
    summary: "The city's landmarks and hospitals by name",
    description:
      "-> `{ landmarks: AddressMatch[] }` the city's landmarks and hospitals by name, to pick a location from",
    access: ['call-taker', 'dispatcher', 'supervisor'],
    response: z.object({ landmarks: z.array(AddressMatch) }),
  },
  {
    method: 'get',
    path: '/addresses/reverse',
    summary: 'The address nearest a point',
    access: ['call-taker', 'dispatcher', 'supervisor'],
    query: ReverseGeocodeQuery,
    response: z.object({ match: AddressMatch.nullable() }),
  },
]);
