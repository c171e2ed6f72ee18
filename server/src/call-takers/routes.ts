// HTTP routes for call-takers: everyone's state for supervisors, one's own, and ready / not ready.
import { SetReadyRequest } from '@hcm112/shared';
import { Router } from 'express';
import { requireRole } from '../auth/middleware.ts';
import type { AppContext } from '../context.ts';
import { parseBody } from '../http/validate.ts';
import * as callTakers from './service.ts';

export function callTakerRoutes(ctx: AppContext) {
  const router = Router();
  const callTaker = requireRole('call-taker');

  router.get('/calltakers', requireRole('supervisor', 'admin'), async (_req, res) => {
    res.json({ callTakers: await callTakers.callTakerStatuses(ctx) });
  });

  router.get('/calltakers/me', callTaker, async (req, res) => {
    res.json({ callTaker: await callTakers.callTakerStatus(ctx, req.user!) });
  });

  router.post('/calltakers/me/ready', callTaker, async (req, res) => {
    const { ready } = parseBody(SetReadyRequest, req.body);
    res.json({ callTaker: await callTakers.setReady(ctx, req.user!, ready, String(req.id)) });
  });

  return router;
}
