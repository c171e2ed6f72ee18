// HTTP routes of a console's calls out: the configured destinations, dialing one from the call in hand, calling
// an abandoned caller back, the softphone's reports of each leg, and a call's legs.
import { apiRoutes } from '../openapi/route-doc.ts';
import { CallLeg, CallLegEvent, DialDestination, DialLegRequest, DialResponse } from '@hcm112/shared';
import { Router } from 'express';
import { z } from 'zod';
import { requireRole } from '../auth/middleware.ts';
import type { AppContext } from '../context.ts';
import { parseBody, parseId } from '../http/validate.ts';
import { dialDestinations } from './destinations.ts';
import * as dial from './service.ts';

const NoBody = z.object({}).strict();

export function dialRoutes(ctx: AppContext) {
  const router = Router();
  const callTaker = requireRole('call-taker');

  router.get('/dial/destinations', callTaker, (_req, res) => {
    res.json({
      destinations: dialDestinations(ctx.config),
      callback: Boolean(ctx.config.CALLBACK_TRUNK_URI),
    });
  });

  router.post('/calls/:id/legs', callTaker, async (req, res) => {
    const id = parseId(req.params.id);
    const { destination } = parseBody(DialLegRequest, req.body);
    res.status(201).json(await dial.dialFromCall(ctx, req.user!, id, destination, String(req.id)));
  });

  router.post('/calls/:id/callback-dial', callTaker, async (req, res) => {
    const id = parseId(req.params.id);
    parseBody(NoBody, req.body);
    res.status(201).json(await dial.dialCallback(ctx, req.user!, id, String(req.id)));
  });

  router.get(
    '/calls/:id/legs',
    requireRole('call-taker', 'supervisor', 'dispatcher', 'admin'),
    async (req, res) => {
      res.json({ legs: await dial.legsOf(ctx, parseId(req.params.id)) });
    },
  );

  router.post('/call-legs/:id/events', callTaker, async (req, res) => {
    const id = parseId(req.params.id);
    const e = parseBody(CallLegEvent, req.body);
    res.json({ leg: await dial.recordLegEvent(ctx, req.user!, id, e, String(req.id)) });
  });

  return router;
}

/** These routes in the OpenAPI document (docs/api.md, "Adding a route"). */
export const dialApi = apiRoutes([
  {
    method: 'get',
    path: '/dial/destinations',
    summary: 'The destinations a console may dial, and whether callbacks go out',
    description:
      '-> `{ destinations, callback }` the configured destinations a console may dial (`113`, `114`, `115` from `AGENCY_11x_URI`, `n1`... from `DIAL_DESTINATIONS`, each with its label in both languages and SIP URI) and whether callbacks go out (`CALLBACK_TRUNK_URI`)',
    access: ['call-taker'],
    response: z.object({ destinations: z.array(DialDestination), callback: z.boolean() }),
  },
  {
    method: 'post',
    path: '/calls/:id/legs',
    summary: 'Dial a configured destination from the answered call',
    description:
      '`{ destination }` -> 201 `{ leg, grant }` the call-taker on the answered call dials a configured destination: a leg (`call_legs`) and a grant the SIP edge checks (`grant.uri`, `grant.headers` for the INVITE, valid `DIAL_GRANT_SECONDS`, one use); 400 naming `destination` if not configured, 403 if not their call, 409 if not in progress, 503 without `SIP_AUTH_SECRET`',
    access: ['call-taker'],
    body: DialLegRequest,
    status: 201,
    response: DialResponse,
    errors: [409],
  },
  {
    method: 'post',
    path: '/calls/:id/callback-dial',
    summary: 'Call an abandoned caller back through the trunk',
    description:
      "`{}` -> 201 `{ leg, grant }` calls the abandoned caller's own number back through `CALLBACK_TRUNK_URI`; 409 if not abandoned or no number, 503 without a trunk",
    access: ['call-taker'],
    body: NoBody,
    status: 201,
    response: DialResponse,
    errors: [409],
  },
  {
    method: 'get',
    path: '/calls/:id/legs',
    summary: "A call's calls out (hand-overs, callbacks)",
    description:
      "-> `{ legs }` the call's calls out (hand-overs, callbacks): destination, state, answered, joined and ended times, failure reason",
    access: ['call-taker', 'supervisor', 'dispatcher', 'admin'],
    response: z.object({ legs: z.array(CallLeg) }),
  },
  {
    method: 'post',
    path: '/call-legs/:id/events',
    summary: "The dialling softphone reports a leg's progress",
    description:
      "`{ event, sipCallId?, reason? }` -> `{ leg }` what the dialling console's softphone reports: `answered`, `joined`, `withdrawn`, `rejoined`, `ended`, `failed` (with the SIP reason); audited `call.leg-<event>`, written to the incident's timeline; 409 out of order, 403 for another call-taker's leg; an ended answered leg is recorded (`call_recordings.leg_id`)",
    access: ['call-taker'],
    body: CallLegEvent,
    response: z.object({ leg: CallLeg }),
    errors: [409],
  },
]);
