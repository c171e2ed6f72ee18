// HTTP routes for calls: the queue, a caller's earlier calls, abandoned calls and callbacks, one call, taking
// and ending a call, and the supervisor's figures.
import { apiRoutes } from '../openapi/route-doc.ts';
import {
  Call,
  CallStats,
  FailedCallEvent,
  HandleFailedCallEventRequest,
  QueuedCall,
  RecentCallsQuery,
} from '@hcm112/shared';
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

/** These routes in the OpenAPI document (docs/api.md, "Adding a route"). */
export const callApi = apiRoutes([
  {
    method: 'get',
    path: '/calls/queue',
    summary: 'Queued and ringing calls, oldest first',
    description:
      '-> `{ calls: QueuedCall[] }` queued, ringing a call-taker or the fallback group, oldest first, with `waitSeconds`',
    access: ['call-taker', 'supervisor', 'dispatcher', 'admin'],
    response: z.object({ calls: z.array(QueuedCall) }),
  },
  {
    method: 'get',
    path: '/calls/recent',
    summary: 'Calls from a number, newest first (audited `call.history-read`)',
    description:
      'RecentCallsQuery -> `{ calls }` calls from the number, newest first (default 20); audited `call.history-read` (target `caller`, how many calls were shown)',
    access: ['call-taker', 'supervisor', 'dispatcher', 'admin'],
    query: RecentCallsQuery,
    response: z.object({ calls: z.array(Call) }),
  },
  {
    method: 'get',
    path: '/calls/abandoned',
    summary: 'Calls abandoned today and not yet called back',
    description: '-> `{ calls }` abandoned today (in `TIME_ZONE`), callback not yet recorded, oldest first',
    access: ['call-taker', 'supervisor', 'admin'],
    response: z.object({ calls: z.array(Call) }),
  },
  {
    method: 'get',
    path: '/calls/stats',
    summary: "Today's call figures",
    description:
      '-> CallStats for today; a share is answered within 15 s / 20 s over answered + abandoned, null when none; `mediaRelay` up, down (browser call-takers cannot take calls) or unknown (no call control); `failedCallEvents` counts call events parked unhandled; `notRecordedToday` answered calls whose recording failed (the call went on); `recordingStore` ok, full or unwritable (the recordings folder, alerted on the wallboard)',
    access: ['supervisor', 'call-taker', 'admin'],
    response: CallStats,
  },
  {
    method: 'get',
    path: '/calls/failed-events',
    summary: 'Call events that failed every retry, until handled',
    description:
      '-> `{ events: FailedCallEvent[] }` call events that failed every retry (10 tries, about 3.5 min), oldest first, until handled',
    access: ['supervisor', 'admin'],
    response: z.object({ events: z.array(FailedCallEvent) }),
  },
  {
    method: 'post',
    path: '/calls/failed-events/:id/handled',
    summary: 'Mark a failed call event handled',
    description:
      'HandleFailedCallEventRequest `{ note }` -> 204; 409 already handled; audited `call.failed-event-handled`',
    access: ['supervisor', 'admin'],
    params: FailedEventId,
    body: HandleFailedCallEventRequest,
    status: 204,
    errors: [409],
  },
  {
    method: 'get',
    path: '/calls/:id',
    summary: 'One call',
    access: ['call-taker', 'supervisor', 'dispatcher', 'admin'],
    response: z.object({ call: Call }),
  },
  {
    method: 'post',
    path: '/calls/:id/accept',
    summary: 'Take the call offered to oneself',
    description:
      '`{}` -> `{ call }` the call-taker takes the call offered to them: it must ring at or be answered on their phone, or be answered on a fallback phone with nobody holding it (it becomes theirs); repeating is harmless; 409 when another call-taker holds it or it is not offered to them',
    access: ['call-taker'],
    body: NoBody,
    response: z.object({ call: Call }),
    errors: [409],
  },
  {
    method: 'post',
    path: '/calls/:id/hangup',
    summary: "End one's answered call",
    description:
      '`{}` -> `{ call }` ends their answered call (BYE to both sides through call control); the end arrives as `call.updated`; 403 not theirs, 409 not in progress, 503 call control away',
    access: ['call-taker'],
    body: NoBody,
    response: z.object({ call: Call }),
    errors: [409],
  },
  {
    method: 'post',
    path: '/calls/:id/callback',
    summary: 'Record that an abandoned caller was called back',
    description:
      '`{}` -> `{ call }` records that the caller of an abandoned call was called back; 409 if not abandoned or already done',
    access: ['call-taker', 'supervisor'],
    body: NoBody,
    response: z.object({ call: Call }),
    errors: [409],
  },
]);
