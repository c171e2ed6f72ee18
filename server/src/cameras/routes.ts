// HTTP routes of the camera registry: list and read (dispatch roles), create/edit/delete/import (admin).
import { apiRoutes } from '../openapi/route-doc.ts';
import { z } from 'zod';
import {
  Camera,
  CameraImportResult,
  CameraListQuery,
  CreateCameraRequest,
  UpdateCameraRequest,
} from '@hcm112/shared';
import express, { type Request, Router } from 'express';
import { actorOf, requireRole } from '../auth/middleware.ts';
import type { AppContext } from '../context.ts';
import { Invalid } from '../errors.ts';
import { parseBody, parseId, parseQuery } from '../http/validate.ts';
import { type ParsedImport, parseCameraCsv, parseGeoJson } from './import-rows.ts';
import * as repo from './repository.ts';
import * as cameras from './service.ts';

const GEOJSON_TYPES = ['application/geo+json', 'application/vnd.geo+json'];

/** GeoJSON arrives as application/json (small) or application/geo+json (large); CSV as text/csv. */
function parseImportBody(req: Request): ParsedImport {
  if (req.is('text/csv')) return parseCameraCsv(typeof req.body === 'string' ? req.body : '');
  if (req.is(GEOJSON_TYPES)) {
    try {
      return parseGeoJson(JSON.parse(typeof req.body === 'string' ? req.body : ''));
    } catch (err) {
      if (err instanceof Invalid) throw err;
      throw new Invalid('body is not valid JSON', { body: 'invalid JSON' });
    }
  }
  if (req.is('application/json')) return parseGeoJson(req.body);
  throw new Invalid('send GeoJSON (application/geo+json) or CSV (text/csv)', {
    'content-type': 'must be application/geo+json, application/json or text/csv',
  });
}

export function cameraRoutes(ctx: AppContext) {
  const router = Router();
  const read = requireRole('dispatcher', 'supervisor', 'admin');
  const admin = requireRole('admin');

  router.get('/cameras', read, async (req, res) => {
    const { bbox } = parseQuery(CameraListQuery, req.query);
    const list = await repo.listCameras(ctx.db, bbox);
    res.json({ cameras: list.map((c) => cameras.cameraForRole(c, req.user!.role)) });
  });

  router.post(
    '/cameras/import',
    admin,
    express.text({ type: ['text/csv', ...GEOJSON_TYPES], limit: ctx.config.CAMERA_IMPORT_MAX_BYTES }),
    async (req, res) => {
      const parsed = parseImportBody(req);
      res.json(await cameras.importCameras(ctx, actorOf(req), parsed, String(req.id)));
    },
  );

  router.post('/cameras', admin, async (req, res) => {
    const input = parseBody(CreateCameraRequest, req.body);
    const camera = await cameras.createCamera(ctx, actorOf(req), input, String(req.id));
    res.status(201).json({ camera });
  });

  router.get('/cameras/:id', read, async (req, res) => {
    const camera = await cameras.loadCamera(ctx, parseId(req.params.id));
    res.json({ camera: cameras.cameraForRole(camera, req.user!.role) });
  });

  router.patch('/cameras/:id', admin, async (req, res) => {
    const id = parseId(req.params.id);
    const change = parseBody(UpdateCameraRequest, req.body);
    res.json({ camera: await cameras.updateCamera(ctx, actorOf(req), id, change, String(req.id)) });
  });

  router.delete('/cameras/:id', admin, async (req, res) => {
    await cameras.deleteCamera(ctx, actorOf(req), parseId(req.params.id), String(req.id));
    res.status(204).end();
  });

  return router;
}

/** These routes in the OpenAPI document (docs/api.md, "Adding a route"). */
export const cameraApi = apiRoutes([
  {
    method: 'get',
    path: '/cameras',
    summary: 'Cameras, optionally in a bounding box (streamUrl for admins only)',
    description:
      'CameraListQuery -> `{ cameras: Camera[] }`; `streamUrl` is shown to admins only (it may carry device credentials)',
    access: ['dispatcher', 'supervisor', 'admin'],
    query: CameraListQuery,
    response: z.object({ cameras: z.array(Camera) }),
  },
  {
    method: 'post',
    path: '/cameras/import',
    summary: 'Import cameras from GeoJSON or CSV, idempotent by code',
    description:
      'GeoJSON FeatureCollection (`application/geo+json`, or `application/json` up to MAX_BODY_BYTES) or CSV (`text/csv`), up to CAMERA_IMPORT_MAX_BYTES -> CameraImportResult `{ imported, created, updated, unchanged, errors: [{ row, code, fields }] }`',
    access: ['admin'],
    body: z.looseObject({ type: z.literal('FeatureCollection'), features: z.array(z.looseObject({})) }),
    otherBodies: { 'application/geo+json': z.string(), 'text/csv': z.string() },
    response: CameraImportResult,
    errors: [415],
  },
  {
    method: 'post',
    path: '/cameras',
    summary: 'Add a camera',
    description:
      'CreateCameraRequest -> 201 `{ camera }`; 409 when the code is taken; district filled from the point; 400 on `streamUrl` when its host (or what its name resolves to) is outside `CAMERA_NETWORKS` (also PATCH and import)',
    access: ['admin'],
    body: CreateCameraRequest,
    status: 201,
    response: z.object({ camera: Camera }),
    errors: [409],
  },
  {
    method: 'get',
    path: '/cameras/:id',
    summary: 'One camera',
    access: ['dispatcher', 'supervisor', 'admin'],
    response: z.object({ camera: Camera }),
  },
  {
    method: 'patch',
    path: '/cameras/:id',
    summary: 'Edit a camera',
    access: ['admin'],
    body: UpdateCameraRequest,
    response: z.object({ camera: Camera }),
    errors: [409],
  },
  { method: 'delete', path: '/cameras/:id', summary: 'Remove a camera', access: ['admin'], status: 204 },
]);
