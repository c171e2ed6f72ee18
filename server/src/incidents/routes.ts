// HTTP routes for incidents: parse, call the service, respond.
import {
  AddNoteRequest,
  CloseIncidentRequest,
  CreateIncidentRequest,
  DuplicateQuery,
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
