// The consoles' text-to-112 routes: the open sessions, one session with its transcript, taking, replying,
// closing, and linking to an incident; an incident's sessions.
import { LinkTextIncidentRequest, SendTextRequest } from '@hcm112/shared';
import { Router } from 'express';
import { z } from 'zod';
import { requireRole } from '../auth/middleware.ts';
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
    res.json({ sessions: await openSessions(ctx.db) });
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
