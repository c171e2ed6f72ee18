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
    description:
      "-> `{ callTakers: CallTakerStatus[] }` every active call-taker with the ACD's state and `reason`, why the ACD last changed it itself (`registered-elsewhere`: another device took over their extension)",
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
    description:
      'SetReadyRequest -> `{ callTaker }` applied by call control; 409 without a phone extension, 503 call control away',
    access: ['call-taker'],
    body: SetReadyRequest,
    response: z.object({ callTaker: CallTakerStatus }),
    errors: [409],
  },
  {
    method: 'post',
    path: '/calltakers/me/wrap-up/end',
    summary: "End one's wrap-up early",
    description:
      '`{}` -> `{ callTaker }` ends their wrap-up early, audited `calltaker.wrap-up-ended`; 409 when not in wrap-up, 503 call control away',
    access: ['call-taker'],
    response: z.object({ callTaker: CallTakerStatus }),
    errors: [409],
  },
  {
    method: 'get',
    path: '/acd/wrap-up',
    summary: "The centre's wrap-up seconds in force",
    description:
      "-> `{ wrapUp: WrapUpSetting }` the centre's wrap-up seconds in force, call control's default and break wait, who set it",
    access: ['call-taker', 'supervisor', 'admin'],
    response: z.object({ wrapUp: WrapUpSetting }),
  },
  {
    method: 'put',
    path: '/acd/wrap-up',
    summary: "Set the centre's wrap-up seconds (null: call control's default)",
    description:
      'SetWrapUpRequest `{ seconds: 0..600 | null }` -> `{ wrapUp }`; null goes back to the default; applies from the next call that ends; audited `acd.wrap-up.set`',
    access: ['supervisor'],
    body: SetWrapUpRequest,
    response: z.object({ wrapUp: WrapUpSetting }),
  },
]);
