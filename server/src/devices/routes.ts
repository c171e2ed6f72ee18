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
    description:
      "-> 201 `{ pairing: PairingCode }`: a one-time code (8 characters) for a crew's device, valid `DEVICE_PAIRING_CODE_MINUTES`; audited `device.pairing-code`",
    access: ['dispatcher', 'admin'],
    status: 201,
    response: z.object({ pairing: PairingCode }),
  },
  {
    method: 'get',
    path: '/devices',
    summary: 'Paired, unrevoked, unexpired devices',
    description:
      '-> DeviceOverview `{ devices: UnitDevice[], ackTimeoutSeconds, silentAfterSeconds }` (paired, unrevoked, unexpired devices with `lastSeenAt`)',
    access: ['dispatcher', 'supervisor', 'admin'],
    response: DeviceOverview,
  },
  {
    method: 'post',
    path: '/devices/:id/revoke',
    summary: 'Revoke a device: its socket closes (4003) and its credential is refused',
    description:
      "-> 204; the device's socket is closed (4003) and its credential refused from then on; audited `device.revoke`",
    access: ['dispatcher', 'admin'],
    status: 204,
  },
  {
    method: 'post',
    path: '/device/pair',
    summary: 'Pair a phone with a one-time code; the credential is answered this once',
    description:
      'PairDeviceRequest `{ code, label? }` -> 201 `{ credential, device }`: the credential is shown this once and kept hashed; 400 when the code is wrong, used or expired; audited `device.pair`',
    access: 'anyone',
    body: PairDeviceRequest,
    status: 201,
    response: PairDeviceResponse,
  },
  {
    method: 'get',
    path: '/device/me',
    summary: "The device's unit, incident and settings",
    description:
      "-> CrewView `{ unit, incident, settings }` (the caller's numbers, the callback number and the timeline's call lines only when `CREW_SEES_CALLBACK_NUMBER`)",
    access: 'device',
    response: CrewView,
  },
  {
    method: 'get',
    path: '/device/hospitals',
    summary: "Hospitals for the unit's patient, nearest by road",
    description:
      "-> `{ hospitals: NearbyHospital[] }` not diverting, those treating the patient's need (from the incident's type) first, each group nearest by road, with the road distance (destination when transporting)",
    access: 'device',
    query: HospitalQuery,
    response: z.object({ hospitals: z.array(NearbyHospital) }),
  },
  {
    method: 'get',
    path: '/device/route',
    summary: "The road route from the phone (or the unit's last position) to its incident",
    description:
      "-> `{ route: CrewRoute | null }` the way along the streets from the phone (else the unit's last position) to its incident, with `etaSeconds`, `metres`, `estimated` and the `[lon, lat]` path; null with no incident; 400 names `lat` when only one of the two is given",
    access: 'device',
    query: RouteQuery,
    response: z.object({ route: CrewRoute.nullable() }),
  },
  {
    method: 'post',
    path: '/device/positions',
    summary: "The phone's position as AVL (idempotent by key)",
    description:
      'DevicePositionReport `{ key, at, lat, lon, heading?, speedKmh? }` -> DeviceReportResult `{ applied, duplicate }`; always into the history, the unit moves only when newest by `at`; 400 outside `SERVICE_AREA_BOUNDS`, faster than 300 km/h from the last fix, more than 60 s in the future or older than a day',
    access: 'device',
    body: DevicePositionReport,
    response: DeviceReportResult,
  },
  {
    method: 'post',
    path: '/device/status',
    summary: "The unit's new status from the crew",
    description:
      'DeviceStatusReport `{ key, at, status, position?, destination? }` -> DeviceReportResult; the timeline line carries `at`; 409 with the reason on an illegal transition',
    access: 'device',
    body: DeviceStatusReport,
    response: DeviceReportResult,
    errors: [409],
  },
  {
    method: 'post',
    path: '/device/acknowledge',
    summary: 'The crew acknowledges its assignment (turnout time)',
    description:
      "DeviceAckReport `{ key, at, incidentId }` -> DeviceReportResult; sets the assignment's `acknowledgedAt` (turnout time), after which undo is refused",
    access: 'device',
    body: DeviceAckReport,
    response: DeviceReportResult,
    errors: [409],
  },
  {
    method: 'post',
    path: '/device/incidents/:id/notes',
    summary: "A crew's note on its incident",
    description:
      'DeviceNoteReport `{ key, at, text }` -> DeviceReportResult; 409 when the unit is not assigned there',
    access: 'device',
    body: DeviceNoteReport,
    response: DeviceReportResult,
    errors: [409],
  },
]);
