// HTTP routes of a call's locations: the history with the one in use (per call and per incident), and a location
// typed or pinned by the call-taker.
import { apiRoutes } from '../openapi/route-doc.ts';
import { z } from 'zod';
import {
  AddCallLocationRequest,
  Call,
  CallLocationHistory,
  chooseLocation,
  IncidentLocationHistory,
} from '@hcm112/shared';
import { Router } from 'express';
import { actorOf, requireRole } from '../auth/middleware.ts';
import type { AppContext } from '../context.ts';
import { parseBody, parseId } from '../http/validate.ts';
import { AmlMessage, receiveAml } from './aml.ts';
import { incidentLocationHistory, locationHistory, recordLocation, refreshLocation } from './service.ts';

export function callLocationRoutes(ctx: AppContext) {
  const router = Router();
  const read = requireRole('call-taker', 'supervisor', 'dispatcher', 'admin');

  router.get('/calls/:id/locations', read, async (req, res) => {
    const fixes = await locationHistory(ctx, parseId(req.params.id));
    res.json({ fixes, choice: chooseLocation(fixes) });
  });

  // The incident's view of where its callers were: each call's history, so a dispatcher sees what was used and why.
  router.get('/incidents/:id/locations', read, async (req, res) => {
    res.json({ calls: await incidentLocationHistory(ctx.db, parseId(req.params.id)) });
  });

  router.post('/calls/:id/locations', requireRole('call-taker'), async (req, res) => {
    const id = parseId(req.params.id);
    const input = parseBody(AddCallLocationRequest, req.body);
    const call = await recordLocation(
      ctx,
      actorOf(req),
      id,
      {
        source: input.source,
        location: {
          point: input.point,
          accuracyM: input.accuracyM,
          source: input.source,
          shape: null,
          method: input.source === 'pin' ? 'pin' : 'typed',
          at: ctx.clock().toISOString(),
        },
        problem: null,
        raw: null,
      },
      String(req.id),
    );
    res.status(201).json({ call });
  });

  // "Refresh location": the carrier's location server is asked again (HELD); the answer comes as call.updated.
  router.post('/calls/:id/locations/refresh', requireRole('call-taker'), async (req, res) => {
    await refreshLocation(ctx, actorOf(req), parseId(req.params.id), String(req.id));
    res.status(202).json({ requested: true });
  });

  // No user session: each AML message is signed by its configured sender (HMAC-SHA256 of the exact body).
  router.post('/aml', async (req, res) => {
    const call = await receiveAml(
      ctx,
      String(req.headers['x-aml-sender'] ?? ''),
      String(req.headers['x-aml-signature'] ?? ''),
      req.rawBody?.toString('utf8') ?? '',
      req.body,
      String(req.id),
    );
    res.status(202).json({ callId: call.id });
  });

  return router;
}

/** These routes in the OpenAPI document (docs/api.md, "Adding a route"). */
export const callLocationApi = apiRoutes([
  {
    method: 'get',
    path: '/calls/:id/locations',
    summary: "A call's locations and the one in use",
    access: ['call-taker', 'supervisor', 'dispatcher', 'admin'],
    response: CallLocationHistory,
  },
  {
    method: 'get',
    path: '/incidents/:id/locations',
    summary: 'Every location each call of the incident had, and the one in use',
    description:
      'PIDF-LO, HELD, AML, typed, pin; unusable ones with why; oldest first, and the one in use with why, per call',
    access: ['call-taker', 'supervisor', 'dispatcher', 'admin'],
    response: IncidentLocationHistory,
  },
  {
    method: 'post',
    path: '/calls/:id/locations',
    summary: 'A location typed or pinned by the call-taker',
    access: ['call-taker'],
    body: AddCallLocationRequest,
    status: 201,
    response: z.object({ call: Call }),
    errors: [409],
  },
  {
    method: 'post',
    path: '/calls/:id/locations/refresh',
    summary: "Ask the carrier's location server again (HELD); the answer comes as `call.updated`",
    access: ['call-taker'],
    status: 202,
    response: z.object({ requested: z.literal(true) }),
    errors: [409],
  },
  {
    method: 'post',
    path: '/aml',
    summary: 'Advanced Mobile Location (ETSI TS 103 625) from a handset, joined to its call',
    access: 'aml-signature',
    body: AmlMessage,
    status: 202,
    response: z.object({ callId: z.uuid() }),
    errors: [404],
  },
]);
