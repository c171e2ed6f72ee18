// HTTP routes of camera alerts: the signed analytics intake, the alert list, promote and dismiss, and the
// admin's analytics sources.
import { apiRoutes } from '../openapi/route-doc.ts';
import { z } from 'zod';
import {
  AlertListQuery,
  AlertSource,
  AlertSourceWithSecret,
  AnalyticsEvent,
  CameraAlert,
  CreateAlertSourceRequest,
  Incident,
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

/** These routes in the OpenAPI document (docs/api.md, "Adding a route"). */
export const alertApi = apiRoutes([
  {
    method: 'post',
    path: '/analytics/events',
    summary: 'A signed camera-analytics event becomes (or folds into) an open alert',
    description:
      'AnalyticsEvent -> 202 `{ alert }`; 401 bad or missing signature, unknown or inactive source, timestamp outside the window; 409 the same signed request again; 404 unknown camera code',
    access: 'analytics-signature',
    body: AnalyticsEvent,
    status: 202,
    response: z.object({ alert: CameraAlert }),
    errors: [404, 409],
  },
  {
    method: 'get',
    path: '/alerts',
    summary: 'Camera alerts, newest first',
    access: ['dispatcher', 'supervisor', 'admin'],
    query: AlertListQuery,
    description: '`snapshotAt` says when the picture of the moment was taken (null if none)',
    response: z.object({ alerts: z.array(CameraAlert) }),
  },
  {
    method: 'get',
    path: '/alerts/:id/snapshot',
    summary: 'The picture taken from the camera when the alert was raised',
    description:
      "A still camera's picture, or one ffmpeg frame of its RTSP/HLS/MJPEG stream (only inside `CAMERA_NETWORKS`), kept in PostgreSQL with the alert; audited as `alert.snapshot.view`; 404 when none was taken",
    access: ['dispatcher', 'supervisor', 'admin'],
    response: { contentType: 'image/jpeg', description: 'the picture of the moment of detection' },
  },
  {
    method: 'post',
    path: '/alerts/:id/promote',
    summary: 'Make an open alert an incident at its camera',
    description: 'PromoteAlertRequest (all optional) -> `{ alert, incident }`; 409 unless open',
    access: ['dispatcher'],
    body: PromoteAlertRequest,
    response: z.object({ alert: CameraAlert, incident: Incident }),
    errors: [409],
  },
  {
    method: 'post',
    path: '/alerts/:id/dismiss',
    summary: 'Dismiss an open alert',
    description: '-> `{ alert }`; 409 unless open',
    access: ['dispatcher'],
    response: z.object({ alert: CameraAlert }),
    errors: [409],
  },
  {
    method: 'get',
    path: '/alert-sources',
    summary: 'The analytics sources',
    description:
      '-> `{ sources: AlertSource[] }` / CreateAlertSourceRequest -> 201 AlertSourceWithSecret (the secret is shown this once)',
    access: ['admin'],
    response: z.object({ sources: z.array(AlertSource) }),
  },
  {
    method: 'post',
    path: '/alert-sources',
    summary: 'Create an analytics source; its secret is shown this once',
    description:
      '-> `{ sources: AlertSource[] }` / CreateAlertSourceRequest -> 201 AlertSourceWithSecret (the secret is shown this once)',
    access: ['admin'],
    body: CreateAlertSourceRequest,
    status: 201,
    response: AlertSourceWithSecret,
    errors: [409],
  },
  {
    method: 'patch',
    path: '/alert-sources/:id',
    summary: '(De)activate a source or rotate its secret',
    description: 'UpdateAlertSourceRequest `{ active?, rotateSecret? }` -> `{ source, secret? }`',
    access: ['admin'],
    body: UpdateAlertSourceRequest,
    response: z.object({ source: AlertSource, secret: z.string().optional() }),
  },
]);
