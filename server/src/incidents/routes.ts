// HTTP routes for incidents: parse, call the service, respond.
import { apiRoutes } from '../openapi/route-doc.ts';
import {
  AddNoteRequest,
  CloseIncidentRequest,
  CreateIncidentRequest,
  DuplicateCandidate,
  DuplicateQuery,
  EscalationPolicy,
  Incident,
  IncidentHistoryQuery,
  LinkCallRequest,
  ReopenIncidentRequest,
  UpdateIncidentRequest,
} from '@hcm112/shared';
import { Router } from 'express';
import { z } from 'zod';
import { actorOf, requireRole } from '../auth/middleware.ts';
import type { AppContext } from '../context.ts';
import { announceUnits } from '../dispatch/service.ts';
import { parseBody, parseId, parseQuery } from '../http/validate.ts';
import { escalationPolicy } from './escalation.ts';
import { closeIncident, reopenIncident, searchHistory } from './lifecycle.ts';
import * as incidents from './service.ts';

const ListQuery = z.object({ status: z.enum(['open', 'closed', 'all']).default('open') });

export function incidentRoutes(ctx: AppContext) {
  const router = Router();
  const read = requireRole('call-taker', 'dispatcher', 'supervisor', 'admin');
  const write = requireRole('call-taker', 'dispatcher');

  router.get('/incidents', read, async (req, res) => {
    const { status } = parseQuery(ListQuery, req.query);
    res.json({ incidents: await incidents.listIncidents(ctx.db, status) });
  });

  router.post('/incidents', write, async (req, res) => {
    const input = parseBody(CreateIncidentRequest, req.body);
    res.status(201).json(await incidents.createIncident(ctx, actorOf(req), input, String(req.id)));
  });

  router.get('/incidents/duplicates', write, async (req, res) => {
    res.json({ candidates: await incidents.findDuplicates(ctx, parseQuery(DuplicateQuery, req.query)) });
  });

  // Past incidents (closed by default): by number, address, caller's number, type and time.
  router.get('/incidents/history', read, async (req, res) => {
    res.json({ incidents: await searchHistory(ctx.db, parseQuery(IncidentHistoryQuery, req.query)) });
  });

  // When an incident without a unit is flagged, by priority (ESCALATE_UNASSIGNED).
  router.get('/incidents/escalation-policy', read, (_req, res) => {
    res.json(escalationPolicy(ctx.config));
  });

  router.get('/incidents/:id', read, async (req, res) => {
    res.json({ incident: await incidents.loadIncident(ctx.db, parseId(req.params.id)) });
  });

  router.patch('/incidents/:id', write, async (req, res) => {
    const id = parseId(req.params.id);
    const input = parseBody(UpdateIncidentRequest, req.body);
    res.json({ incident: await incidents.updateIncident(ctx, actorOf(req), id, input, String(req.id)) });
  });

  router.post('/incidents/:id/notes', write, async (req, res) => {
    const id = parseId(req.params.id);
    const input = parseBody(AddNoteRequest, req.body);
    res.json({ incident: await incidents.addNote(ctx, actorOf(req), id, input, String(req.id)) });
  });

  router.post('/incidents/:id/calls', write, async (req, res) => {
    const id = parseId(req.params.id);
    const { callId } = parseBody(LinkCallRequest, req.body);
    res.json({ incident: await incidents.linkCall(ctx, actorOf(req), id, callId, String(req.id)) });
  });

  router.post('/incidents/:id/close', requireRole('dispatcher', 'supervisor'), async (req, res) => {
    const id = parseId(req.params.id);
    const input = parseBody(CloseIncidentRequest, req.body);
    const { incident, releasedUnitIds } = await closeIncident(ctx, actorOf(req), id, input, String(req.id));
    await announceUnits(ctx, releasedUnitIds);
    res.json({ incident });
  });

  router.post('/incidents/:id/reopen', requireRole('dispatcher', 'supervisor'), async (req, res) => {
    const id = parseId(req.params.id);
    const input = parseBody(ReopenIncidentRequest, req.body);
    res.json({ incident: await reopenIncident(ctx, actorOf(req), id, input, String(req.id)) });
  });

  return router;
}

/** These routes in the OpenAPI document (docs/api.md, "Adding a route"). */
export const incidentApi = apiRoutes([
  {
    method: 'get',
    path: '/incidents',
    summary: 'Incidents, open ones by priority then age',
    access: ['call-taker', 'dispatcher', 'supervisor', 'admin'],
    query: ListQuery,
    response: z.object({ incidents: z.array(Incident) }),
  },
  {
    method: 'post',
    path: '/incidents',
    summary: 'Open an incident',
    access: ['call-taker', 'dispatcher'],
    body: CreateIncidentRequest,
    status: 201,
    response: z.object({ incident: Incident, duplicates: z.array(DuplicateCandidate) }),
  },
  {
    method: 'get',
    path: '/incidents/duplicates',
    summary: 'Open incidents that may be the same emergency',
    access: ['call-taker', 'dispatcher'],
    query: DuplicateQuery,
    response: z.object({ candidates: z.array(DuplicateCandidate) }),
  },
  {
    method: 'get',
    path: '/incidents/history',
    summary: 'Past incidents by number, address, caller, type and time',
    description:
      "IncidentHistoryQuery `{ q?, type?, status?=closed|all, from?, to?, limit? }` -> `{ incidents }` newest first; `q` matches the number, the address, the caller's name, or (3+ digits) a caller's or callback number",
    access: ['call-taker', 'dispatcher', 'supervisor', 'admin'],
    query: IncidentHistoryQuery,
    response: z.object({ incidents: z.array(Incident) }),
  },
  {
    method: 'get',
    path: '/incidents/escalation-policy',
    summary: 'When an incident without a unit is flagged, by priority',
    description: '-> EscalationPolicy `{ unassigned: [{ minPriority, seconds }] }` (ESCALATE_UNASSIGNED)',
    access: ['call-taker', 'dispatcher', 'supervisor', 'admin'],
    response: EscalationPolicy,
  },
  {
    method: 'get',
    path: '/incidents/:id',
    summary: 'One incident',
    access: ['call-taker', 'dispatcher', 'supervisor', 'admin'],
    response: z.object({ incident: Incident }),
  },
  {
    method: 'patch',
    path: '/incidents/:id',
    summary: 'Edit an incident (audited `incident.update`)',
    description:
      'UpdateIncidentRequest (type, subtype, priority, location, callerName, callbackNumber) -> `{ incident }`; audited `incident.update`, a moved location adds a timeline note and the cameras follow',
    access: ['call-taker', 'dispatcher'],
    body: UpdateIncidentRequest,
    response: z.object({ incident: Incident }),
    errors: [409],
  },
  {
    method: 'post',
    path: '/incidents/:id/notes',
    summary: 'Add a note to the timeline',
    description:
      "Each note in `incident.notes` has `authorName` (the author's display name), `text` and, for lines the system writes, `code` (NoteCode) with `params`, which consoles render in their language; a person's note has `code: null`",
    access: ['call-taker', 'dispatcher'],
    body: AddNoteRequest,
    response: z.object({ incident: Incident }),
    errors: [409],
  },
  {
    method: 'post',
    path: '/incidents/:id/calls',
    summary: 'Link a call to the incident',
    access: ['call-taker', 'dispatcher'],
    body: LinkCallRequest,
    response: z.object({ incident: Incident }),
    errors: [409],
  },
  {
    method: 'post',
    path: '/incidents/:id/close',
    summary: 'Close with a disposition, freeing the units named (all when left out)',
    description:
      'CloseIncidentRequest `{ disposition, note?, releaseUnitIds? }` -> `{ incident }`: frees only the units in `releaseUnitIds` (all when left out); the others keep their assignment and status until they clear; 400 naming `releaseUnitIds` for a unit not assigned there',
    access: ['dispatcher', 'supervisor'],
    body: CloseIncidentRequest,
    response: z.object({ incident: Incident }),
    errors: [409],
  },
  {
    method: 'post',
    path: '/incidents/:id/reopen',
    summary: 'Reopen a closed incident (audited `incident.reopen`)',
    description:
      'ReopenIncidentRequest `{ reason }` -> `{ incident }` back to `new` (or `dispatched` when units still hold it); audited `incident.reopen`; 409 when not closed',
    access: ['dispatcher', 'supervisor'],
    body: ReopenIncidentRequest,
    response: z.object({ incident: Incident }),
    errors: [409],
  },
]);
