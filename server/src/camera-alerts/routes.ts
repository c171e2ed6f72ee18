// HTTP routes of camera alerts: the signed analytics intake, the alert list, promote and dismiss, and the
// admin's analytics sources.
import {
  AlertListQuery,
  CreateAlertSourceRequest,
  PromoteAlertRequest,
  UpdateAlertSourceRequest,
} from '@hcm112/shared';
import { Router } from 'express';
import { actorOf, requireRole } from '../auth/middleware.ts';
import type { AppContext } from '../context.ts';
import { parseBody, parseId, parseQuery } from '../http/validate.ts';
import * as repo from './repository.ts';
import * as alerts from './service.ts';
import * as sources from './sources.ts';

export function alertRoutes(ctx: AppContext) {
  const router = Router();
  const admin = requireRole('admin');

  // No user session: the source authenticates each post with its HMAC signature.
  router.post('/analytics/events', async (req, res) => {
    const alert = await alerts.receiveAnalyticsEvent(ctx, {
      headers: req.headers,
      rawBody: req.rawBody,
      body: req.body,
    });
    res.status(202).json({ alert });
  });

  router.get('/alerts', requireRole('dispatcher', 'supervisor', 'admin'), async (req, res) => {
    const { status } = parseQuery(AlertListQuery, req.query);
    res.json({ alerts: await repo.listAlerts(ctx.db, status) });
  });

  // The picture taken when the alert was raised; viewing camera pictures is audited like a live view.
  router.get('/alerts/:id/snapshot', requireRole('dispatcher', 'supervisor', 'admin'), async (req, res) => {
    const id = parseId(req.params.id);
    const picture = await alerts.alertSnapshot(ctx, actorOf(req), id, String(req.id));
    res
      .set({ 'content-type': picture.contentType, 'cache-control': 'private, max-age=3600' })
      .send(picture.image);
  });

  router.post('/alerts/:id/promote', requireRole('dispatcher'), async (req, res) => {
    const id = parseId(req.params.id);
    const input = parseBody(PromoteAlertRequest, req.body);
    res.json(await alerts.promoteAlert(ctx, actorOf(req), id, input, String(req.id)));
  });

  router.post('/alerts/:id/dismiss', requireRole('dispatcher'), async (req, res) => {
    res.json(await alerts.dismissAlert(ctx, actorOf(req), parseId(req.params.id), String(req.id)));
  });

  router.get('/alert-sources', admin, async (_req, res) => {
    res.json({ sources: await sources.listSources(ctx) });
  });

  router.post('/alert-sources', admin, async (req, res) => {
    const { name } = parseBody(CreateAlertSourceRequest, req.body);
    res.status(201).json(await sources.createSource(ctx, actorOf(req), name, String(req.id)));
  });

  router.patch('/alert-sources/:id', admin, async (req, res) => {
    const id = parseId(req.params.id);
    const change = parseBody(UpdateAlertSourceRequest, req.body);
    res.json(await sources.updateSource(ctx, actorOf(req), id, change, String(req.id)));
  });

  return router;
}
