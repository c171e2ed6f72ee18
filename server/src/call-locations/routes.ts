// HTTP routes of a call's locations: the history with the one in use (per call and per incident), and a location
// typed or pinned by the call-taker.
import { apiRoutes } from '../openapi/route-doc.ts';
import { z } from 'zod';
import {
  AddCallLocationRequest,
  AmlMessageFields,
  AmlMessageRecord,
  AmlMessagesQuery,
  AmlReceipt,
  Call,
  CallLocationHistory,
  chooseLocation,
  IncidentLocationHistory,
} from '@hcm112/shared';
import { Router } from 'express';
import { actorOf, requireRole } from '../auth/middleware.ts';
import type { AppContext } from '../context.ts';
import { parseBody, parseId, parseQuery } from '../http/validate.ts';
import { receiveAml } from './aml.ts';
import { AML_FORM, AML_MAX_BODY_BYTES } from './aml-message.ts';
import { listAmlMessages } from './aml-repository.ts';
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

  // No user session: each AML message is signed by its configured sender (HMAC-SHA256 of the exact body). The body
  // arrives as bytes (read before the JSON parser, see app.ts), form-encoded or JSON.
  router.post('/aml', async (req, res) => {
    const receipt = await receiveAml(
      ctx,
      {
        sender: String(req.headers['x-aml-sender'] ?? ''),
        signature: String(req.headers['x-aml-signature'] ?? ''),
        contentType: req.is(AML_FORM) ? AML_FORM : 'application/json',
        body: Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0),
      },
      String(req.id),
    );
    res.status(202).json(receipt);
  });

  // Messages as received, joined or not: a late message for an ended call is found here by its number.
  router.get('/aml/messages', requireRole('supervisor', 'admin'), async (req, res) => {
    const query = parseQuery(AmlMessagesQuery, req.query);
    res.json({ messages: await listAmlMessages(ctx.db, query) });
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
    description:
      'The name-value pairs of the standard, form-encoded (its transport) or as a JSON object, every field ' +
      `optional, at most ${AML_MAX_BODY_BYTES} bytes, signed over the body exactly as sent (see amlSignature). ` +
      'Any message from an authenticated sender is kept and answered 202, whatever its content, so that the ' +
      'sender does not send again a message that will never be used: `outcome` joined (its position added to ' +
      'the live call of `device_number`, or one ended within AML_JOIN_WINDOW_SECONDS, and pushed to the ' +
      'console as `call.updated`), unjoined (no such call), or unusable (no number, no position, not a form or ' +
      "JSON object), with `problem`; an unusable message of a known call is on record in that call's history. " +
      'An unknown sender or a bad signature is 401 and nothing is kept; so is a body over the limit (413).',
    access: 'aml-signature',
    body: AmlMessageFields,
    otherBodies: { [AML_FORM]: AmlMessageFields },
    status: 202,
    response: AmlReceipt,
    errors: [415],
  },
  {
    method: 'get',
    path: '/aml/messages',
    summary: 'AML messages as received, newest first, with what became of each',
    access: ['supervisor', 'admin'],
    query: AmlMessagesQuery,
    response: z.object({ messages: z.array(AmlMessageRecord) }),
  },
]);
