// The consoles' text-to-112 routes: the open sessions, one session with its transcript, accepting or declining an offer, replying,
// closing, and linking to an incident; an incident's sessions.
import { LinkTextIncidentRequest, SendTextRequest, TextMessage, TextSession } from '@hcm112/shared';
import { apiRoutes } from '../openapi/route-doc.ts';
import { Router } from 'express';
import { z } from 'zod';
import { requireRole } from '../auth/middleware.ts';
import { acdClientOf } from '../calls/acd-client.ts';
import type { AppContext } from '../context.ts';
import { parseBody, parseId } from '../http/validate.ts';
import { openSessions, sessionsOfIncident } from './repository.ts';
import * as texts from './service.ts';

const NoBody = z.object({}).strict();

export function textSessionRoutes(ctx: AppContext) {
  const router = Router();
  const read = requireRole('call-taker', 'supervisor', 'dispatcher', 'admin');
  const callTaker = requireRole('call-taker');

  router.get('/text-sessions', read, async (_req, res) => {
    const [sessions, controller] = await Promise.all([openSessions(ctx.db), acdClientOf(ctx).controller()]);
    res.json({ sessions, takeByHand: controller === null });
  });

  router.get('/incidents/:id/text-sessions', read, async (req, res) => {
    const sessions = await sessionsOfIncident(ctx.db, parseId(req.params.id));
    res.json({ sessions: await Promise.all(sessions.map((s) => texts.sessionWithMessages(ctx, s.id))) });
  });

  router.get('/text-sessions/:id', read, async (req, res) => {
    res.json(await texts.sessionWithMessages(ctx, parseId(req.params.id)));
  });

  router.post('/text-sessions/:id/take', callTaker, async (req, res) => {
    const id = parseId(req.params.id);
    parseBody(NoBody, req.body);
    res.json({ session: await texts.takeSession(ctx, req.user!, id, String(req.id)) });
  });

  router.post('/text-sessions/:id/decline', callTaker, async (req, res) => {
    const id = parseId(req.params.id);
    parseBody(NoBody, req.body);
    res.json({ session: await texts.declineSession(ctx, req.user!, id, String(req.id)) });
  });

  router.post('/text-sessions/:id/messages', callTaker, async (req, res) => {
    const id = parseId(req.params.id);
    const { text } = parseBody(SendTextRequest, req.body);
    res.status(201).json({ message: await texts.callTakerReply(ctx, req.user!, id, text, String(req.id)) });
  });

  router.post('/text-sessions/:id/close', callTaker, async (req, res) => {
    const id = parseId(req.params.id);
    parseBody(NoBody, req.body);
    res.json({ session: await texts.closeSession(ctx, req.user!, id, String(req.id)) });
  });

  router.post('/text-sessions/:id/incident', callTaker, async (req, res) => {
    const id = parseId(req.params.id);
    const { incidentId } = parseBody(LinkTextIncidentRequest, req.body);
    res.json({ session: await texts.linkIncident(ctx, req.user!, id, incidentId, String(req.id)) });
  });

  return router;
}

const SessionWithMessages = z.object({ session: TextSession, messages: z.array(TextMessage) });
const roles = ['call-taker', 'supervisor', 'dispatcher', 'admin'] as const;

/** These routes in the OpenAPI document (docs/api.md, "Adding a route"). */
export const textSessionApi = apiRoutes([
  {
    method: 'get',
    path: '/text-sessions',
    summary: 'Text-to-112 conversations not closed (queued, active, overflowed), oldest first',
    description:
      '`takeByHand`: no call control is connected to offer texts, so a call-taker takes a queued one from the list (POST …/take)',
    access: roles,
    response: z.object({ sessions: z.array(TextSession), takeByHand: z.boolean() }),
  },
  {
    method: 'get',
    path: '/incidents/:id/text-sessions',
    summary: 'The text conversations kept with an incident',
    access: roles,
    response: z.object({ sessions: z.array(SessionWithMessages) }),
  },
  {
    method: 'get',
    path: '/text-sessions/:id',
    summary: 'A conversation and its transcript',
    access: roles,
    response: SessionWithMessages,
  },
  {
    method: 'post',
    path: '/text-sessions/:id/take',
    summary: 'The call-taker accepts the conversation offered to them (it is theirs alone)',
    description:
      'Texts are queued and offered by the ACD like calls: accepted only by the call-taker it is offered to (call control then counts them on a call until it ends). While no call control is connected, any call-taker takes a queued one. 409 when offered to another call-taker, not offered yet, or not queued; 503 when call control does not answer; audited `text.take`',
    access: ['call-taker'],
    body: NoBody,
    response: z.object({ session: TextSession }),
    errors: [409, 503],
  },
  {
    method: 'post',
    path: '/text-sessions/:id/decline',
    summary: 'The call-taker declines the conversation offered to them',
    description:
      'It goes back to its place in the queue and to the next ready call-taker; the call-taker is made not ready (reason refused), as when their phone refuses a call. 409 when not offered to them; audited `text.decline`',
    access: ['call-taker'],
    body: NoBody,
    response: z.object({ session: TextSession }),
    errors: [409, 503],
  },
  {
    method: 'post',
    path: '/text-sessions/:id/messages',
    summary: 'The call-taker replies',
    description:
      'To the chat page, or as a SIP MESSAGE to the sender through call control (503 when call control is not running); 403 when another call-taker holds it; audited `text.message`',
    access: ['call-taker'],
    body: SendTextRequest,
    status: 201,
    response: z.object({ message: TextMessage }),
    errors: [409],
  },
  {
    method: 'post',
    path: '/text-sessions/:id/close',
    summary: 'The call-taker ends the conversation',
    description:
      'Its call row ends as a call does and the call-taker gets their wrap-up; audited `text.close`',
    access: ['call-taker'],
    body: NoBody,
    response: z.object({ session: TextSession }),
    errors: [409],
  },
  {
    method: 'post',
    path: '/text-sessions/:id/incident',
    summary: 'Keep the conversation with an open incident',
    description: "Adds its transcript so far as one of the incident's notes; audited `incident.link-text`",
    access: ['call-taker'],
    body: LinkTextIncidentRequest,
    response: z.object({ session: TextSession }),
    errors: [409],
  },
]);
