// HTTP routes of crews' devices: pairing (console side and phone side), revocation, and what a paired device
// reports, authenticated by its device credential (header x-device-credential), never by a user login.
import { apiRoutes } from '../openapi/route-doc.ts';
import {
  CrewRoute,
  CrewView,
  DeviceAckReport,
  DeviceNoteReport,
  DeviceOverview,
  DevicePositionReport,
  DeviceReportResult,
  DeviceStatusReport,
  GeoPoint,
  NearbyHospital,
  PairDeviceRequest,
  PairDeviceResponse,
  PairingCode,
} from '@hcm112/shared';
import { type Request, Router } from 'express';
import { z } from 'zod';
import { actorOf, requireRole } from '../auth/middleware.ts';
import type { AppContext } from '../context.ts';
import { parseBody, parseId, parseQuery } from '../http/validate.ts';
import { crewView } from './crew-view.ts';
import { authenticateDevice, createPairingCode, pairDevice, revokeDevice } from './pairing.ts';
import { acknowledgeAssignment, addDeviceNote, reportDevicePosition, reportDeviceStatus } from './reports.ts';
import { crewPatientNeed, crewRoute, hospitalsByRoad } from './crew-route.ts';
import { listActiveDevices } from './repository.ts';

export const DEVICE_CREDENTIAL_HEADER = 'x-device-credential';

const HospitalQuery = z.object({
  lat: z.coerce.number().pipe(GeoPoint.shape.lat),
  lon: z.coerce.number().pipe(GeoPoint.shape.lon),
});
/** Where the phone is now; left out, the unit's last reported position. */
const RouteQuery = HospitalQuery.partial().refine((q) => (q.lat === undefined) === (q.lon === undefined), {
  message: 'give both lat and lon, or neither',
  path: ['lat'],
});

export function deviceRoutes(ctx: AppContext) {
  const router = Router();
  const device = (req: Request) => authenticateDevice(ctx, req.header(DEVICE_CREDENTIAL_HEADER));

  router.post('/units/:id/pairing-codes', requireRole('dispatcher', 'admin'), async (req, res) => {
    res.status(201).json({ pairing: await createPairingCode(ctx, actorOf(req), parseId(req.params.id)) });
  });

  router.get('/devices', requireRole('dispatcher', 'supervisor', 'admin'), async (_req, res) => {
    res.json({
      devices: await listActiveDevices(ctx.db, ctx.clock()),
      ackTimeoutSeconds: ctx.config.CREW_ACK_TIMEOUT_SECONDS,
      silentAfterSeconds: ctx.config.DEVICE_SILENT_SECONDS,
    });
  });

  router.post('/devices/:id/revoke', requireRole('dispatcher', 'admin'), async (req, res) => {
    await revokeDevice(ctx, actorOf(req), parseId(req.params.id));
    res.status(204).end();
  });

  // The phone has no login: the one-time code is its proof.
  router.post('/device/pair', async (req, res) => {
    res.status(201).json(await pairDevice(ctx, parseBody(PairDeviceRequest, req.body)));
  });

  router.get('/device/me', async (req, res) => {
    res.json(await crewView(ctx, await device(req)));
  });

  router.get('/device/hospitals', async (req, res) => {
    const who = await device(req);
    const q = parseQuery(HospitalQuery, req.query);
    res.json({ hospitals: await hospitalsByRoad(ctx, q, await crewPatientNeed(ctx, who), 8) });
  });

  router.get('/device/route', async (req, res) => {
    const who = await device(req);
    const q = parseQuery(RouteQuery, req.query);
    const from = q.lat !== undefined && q.lon !== undefined ? { lat: q.lat, lon: q.lon } : null;
    res.json({ route: await crewRoute(ctx, who, from) });
  });

  router.post('/device/positions', async (req, res) => {
    const who = await device(req);
    res.json(await reportDevicePosition(ctx, who, parseBody(DevicePositionReport, req.body)));
  });

  router.post('/device/status', async (req, res) => {
    const who = await device(req);
    res.json(await reportDeviceStatus(ctx, who, parseBody(DeviceStatusReport, req.body)));
  });

  router.post('/device/acknowledge', async (req, res) => {
    const who = await device(req);
    res.json(await acknowledgeAssignment(ctx, who, parseBody(DeviceAckReport, req.body)));
  });

  router.post('/device/incidents/:id/notes', async (req, res) => {
    const who = await device(req);
    res.json(await addDeviceNote(ctx, who, parseId(req.params.id), parseBody(DeviceNoteReport, req.body)));
  });

  return router;
}

/** These routes in the OpenAPI document (docs/api.md, "Adding a route"). */
export const deviceApi = apiRoutes([
  {
    method: 'post',
    path: '/units/:id/pairing-codes',
    summary: "A one-time code to pair a crew's device with the unit",
    access: ['dispatcher', 'admin'],
    status: 201,
    response: z.object({ pairing: PairingCode }),
  },
  {
    method: 'get',
    path: '/devices',
    summary: 'Paired, unrevoked, unexpired devices',
    access: ['dispatcher', 'supervisor', 'admin'],
    response: DeviceOverview,
  },
  {
    method: 'post',
    path: '/devices/:id/revoke',
    summary: 'Revoke a device: its socket closes (4003) and its credential is refused',
    access: ['dispatcher', 'admin'],
    status: 204,
  },
  {
    method: 'post',
    path: '/device/pair',
    summary: 'Pair a phone with a one-time code; the credential is answered this once',
    access: 'anyone',
    body: PairDeviceRequest,
    status: 201,
    response: PairDeviceResponse,
  },
  {
    method: 'get',
    path: '/device/me',
    summary: "The device's unit, incident and settings",
    access: 'device',
    response: CrewView,
  },
  {
    method: 'get',
    path: '/device/hospitals',
    summary: "Hospitals for the unit's patient, nearest by road",
    access: 'device',
    query: HospitalQuery,
    response: z.object({ hospitals: z.array(NearbyHospital) }),
  },
  {
    method: 'get',
    path: '/device/route',
    summary: "The road route from the phone (or the unit's last position) to its incident",
    access: 'device',
    query: RouteQuery,
    response: z.object({ route: CrewRoute.nullable() }),
  },
  {
    method: 'post',
    path: '/device/positions',
    summary: "The phone's position as AVL (idempotent by key)",
    access: 'device',
    body: DevicePositionReport,
    response: DeviceReportResult,
  },
  {
    method: 'post',
    path: '/device/status',
    summary: "The unit's new status from the crew",
    access: 'device',
    body: DeviceStatusReport,
    response: DeviceReportResult,
    errors: [409],
  },
  {
    method: 'post',
    path: '/device/acknowledge',
    summary: 'The crew acknowledges its assignment (turnout time)',
    access: 'device',
    body: DeviceAckReport,
    response: DeviceReportResult,
    errors: [409],
  },
  {
    method: 'post',
    path: '/device/incidents/:id/notes',
    summary: "A crew's note on its incident",
    access: 'device',
    body: DeviceNoteReport,
    response: DeviceReportResult,
    errors: [409],
  },
]);
