// HTTP routes for call-takers: everyone's state for supervisors, one's own, ready / not ready, ending one's
// wrap-up, and the centre's wrap-up setting.
import { SetReadyRequest, SetWrapUpRequest } from '@hcm112/shared';
import { Router } from 'express';
import { requireRole } from '../auth/middleware.ts';
import type { AppContext } from '../context.ts';
import { parseBody } from '../http/validate.ts';
import * as callTakers from './service.ts';
import { setWrapUp, wrapUpSetting } from './wrap-up-setting.ts';

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

  router.post('/calltakers/me/wrap-up/end', callTaker, async (req, res) => {
    res.json({ callTaker: await callTakers.endWrapUp(ctx, req.user!, String(req.id)) });
  });

  router.get('/acd/wrap-up', requireRole('call-taker', 'supervisor', 'admin'), async (_req, res) => {
    res.json({ wrapUp: await wrapUpSetting(ctx) });
  });

  router.put('/acd/wrap-up', requireRole('supervisor'), async (req, res) => {
    const { seconds } = parseBody(SetWrapUpRequest, req.body);
    res.json({ wrapUp: await setWrapUp(ctx, req.user!, seconds, String(req.id)) });
  });

  return router;
}
