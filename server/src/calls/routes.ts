// HTTP routes for calls: the queue, a caller's earlier calls, abandoned calls and callbacks, one call, taking
// and ending a call, and the supervisor's figures.
import { HandleFailedCallEventRequest, RecentCallsQuery } from '@hcm112/shared';
import { Router } from 'express';
import { z } from 'zod';
import { appendAudit } from '../audit/repository.ts';
import { actorOf, requireRole } from '../auth/middleware.ts';
import type { AppContext } from '../context.ts';
import { parseBody, parseId, parseQuery } from '../http/validate.ts';
import * as failed from './failed-events.ts';
import { recentCallsFrom } from './repository.ts';
import * as calls from './service.ts';

/** Actions on a call take no body: anything sent is refused rather than ignored. */
const NoBody = z.object({}).strict();
const FailedEventId = z.object({ id: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER) });

export function callRoutes(ctx: AppContext) {
  const router = Router();
  const read = requireRole('call-taker', 'supervisor', 'dispatcher', 'admin');
  const callTaker = requireRole('call-taker');

  router.get('/calls/queue', read, async (_req, res) => {
    res.json({ calls: await calls.callQueue(ctx) });
  });

  router.get('/calls/recent', read, async (req, res) => {
    const q = parseQuery(RecentCallsQuery, req.query);
    const found = await recentCallsFrom(ctx.db, q.caller, q.limit);
    // A caller's whole history is personal data: who looked it up, and how much they saw, is on record.
    await appendAudit(ctx.db, {
      actor: actorOf(req),
      action: 'call.history-read',
      targetType: 'caller',
      targetId: q.caller,
      after: { calls: found.length, limit: q.limit },
      requestId: String(req.id),
    });
    res.json({ calls: found });
  });

  router.get('/calls/abandoned', requireRole('call-taker', 'supervisor', 'admin'), async (_req, res) => {
    res.json({ calls: await calls.abandonedToday(ctx) });
  });

  router.get('/calls/stats', requireRole('supervisor', 'call-taker', 'admin'), async (_req, res) => {
    res.json(await calls.callStats(ctx));
  });

  router.get('/calls/failed-events', requireRole('supervisor', 'admin'), async (_req, res) => {
    res.json({ events: await failed.listUnhandled(ctx.db) });
  });

  router.post('/calls/failed-events/:id/handled', requireRole('supervisor', 'admin'), async (req, res) => {
    const id = parseQuery(FailedEventId, req.params).id;
    const { note } = parseBody(HandleFailedCallEventRequest, req.body);
    await failed.markHandled(ctx.db, id, note, actorOf(req), String(req.id));
    res.status(204).end();
  });

  router.get('/calls/:id', read, async (req, res) => {
    res.json({ call: await calls.loadCall(ctx, parseId(req.params.id)) });
  });

  router.post('/calls/:id/accept', callTaker, async (req, res) => {
    const id = parseId(req.params.id);
    parseBody(NoBody, req.body);
    res.json({ call: await calls.acceptCall(ctx, req.user!, id, String(req.id)) });
  });

  router.post('/calls/:id/hangup', callTaker, async (req, res) => {
    const id = parseId(req.params.id);
    parseBody(NoBody, req.body);
    res.json({ call: await calls.hangupCall(ctx, req.user!, id, String(req.id)) });
  });

  router.post('/calls/:id/callback', requireRole('call-taker', 'supervisor'), async (req, res) => {
    const id = parseId(req.params.id);
    parseBody(NoBody, req.body);
    res.json({ call: await calls.recordCallback(ctx, actorOf(req), id, String(req.id)) });
  });

  return router;
}
