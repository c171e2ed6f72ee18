// HTTP route for AVL position reports from unit devices (authenticated by unit token, not by a user login).
import { apiRoutes } from '../openapi/route-doc.ts';
import { PositionReport } from '@hcm112/shared';
import { Router } from 'express';
import type { AppContext } from '../context.ts';
import { parseBody, parseId } from '../http/validate.ts';
import { reportPosition } from './service.ts';

export function avlRoutes(ctx: AppContext) {
  const router = Router();
  router.post('/avl/units/:id/positions', async (req, res) => {
    const id = parseId(req.params.id);
    const report = parseBody(PositionReport, req.body);
    await reportPosition(ctx, id, req.header('x-unit-token'), report);
    res.status(202).end();
  });
  return router;
}

/** These routes in the OpenAPI document (docs/api.md, "Adding a route"). */
export const avlApi = apiRoutes([
  {
    method: 'post',
    path: '/avl/units/:id/positions',
    summary: "A vehicle tracker reports its unit's position",
    description:
      'The unit moves on every console (`unit.position`) when the report is its newest; 400 for a time in the future.',
    access: 'unit-token',
    body: PositionReport,
    status: 202,
  },
]);
