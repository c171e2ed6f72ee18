// HTTP routes for call-takers: everyone's state for supervisors, one's own, ready / not ready, ending one's
// wrap-up, and the centre's wrap-up setting.
import { apiRoutes } from '../openapi/route-doc.ts';
import { z } from 'zod';
import { CallTakerStatus, SetReadyRequest, SetWrapUpRequest, WrapUpSetting } from '@hcm112/shared';
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

/** These routes in the OpenAPI document (docs/api.md, "Adding a route"). */
export const callTakerApi = apiRoutes([
  {
    method: 'get',
    path: '/calltakers',
    summary: "Every active call-taker with the ACD's state",
    access: ['supervisor', 'admin'],
    response: z.object({ callTakers: z.array(CallTakerStatus) }),
  },
  {
    method: 'get',
    path: '/calltakers/me',
    summary: "One's own ACD state",
    access: ['call-taker'],
    response: z.object({ callTaker: CallTakerStatus }),
  },
  {
    method: 'post',
    path: '/calltakers/me/ready',
    summary: 'Ready or not ready for calls (applied by call control)',
    access: ['call-taker'],
    body: SetReadyRequest,
    response: z.object({ callTaker: CallTakerStatus }),
    errors: [409],
  },
  {
    method: 'post',
    path: '/calltakers/me/wrap-up/end',
    summary: "End one's wrap-up early",
    access: ['call-taker'],
    response: z.object({ callTaker: CallTakerStatus }),
    errors: [409],
  },
  {
    method: 'get',
    path: '/acd/wrap-up',
    summary: "The centre's wrap-up seconds in force",
    access: ['call-taker', 'supervisor', 'admin'],
    response: z.object({ wrapUp: WrapUpSetting }),
  },
  {
    method: 'put',
    path: '/acd/wrap-up',
    summary: "Set the centre's wrap-up seconds (null: call control's default)",
    access: ['supervisor'],
    body: SetWrapUpRequest,
    response: z.object({ wrapUp: WrapUpSetting }),
  },
]);
