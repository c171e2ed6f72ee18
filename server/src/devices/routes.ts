// HTTP routes of crews' devices: pairing (console side and phone side), revocation, and what a paired device
// reports, authenticated by its device credential (header x-device-credential), never by a user login.
import {
  DeviceAckReport,
  DeviceNoteReport,
  DevicePositionReport,
  DeviceStatusReport,
  GeoPoint,
  PairDeviceRequest,
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
