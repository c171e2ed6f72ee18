// What a crew's device reports: positions, status changes, notes and acknowledgements, each with the time it was
// made (maybe offline) and an idempotency key so a resend after a lost answer is applied once.
import type {
  DeviceAckReport,
  DeviceNoteReport,
  DevicePosition,
  DevicePositionReport,
  DeviceReportResult,
  DeviceStatusReport,
} from '@hcm112/shared';
import type { AppContext } from '../context.ts';
import type { Db } from '../db/database.ts';
import type { DeviceReportsTable } from '../db/schema.ts';
import { changeUnitStatus } from '../dispatch/service.ts';
import { Conflict, Invalid } from '../errors.ts';
import * as incidentsRepo from '../incidents/repository.ts';
import { changeIncident } from '../incidents/service.ts';
import { currentPosition, writePosition } from '../units/repository.ts';
import type { DeviceIdentity } from './pairing.ts';
import * as repo from './repository.ts';

/** A report time this far ahead of the server's clock is refused (phones' clocks drift a little, not minutes). */
const MAX_FUTURE_MS = 60_000;
/** Reports kept offline longer than this are refused: a phone off for a day is not sending live facts. */
const MAX_AGE_MS = 24 * 3600_000;
/** Faster than this between two fixes is an impossible position (a GPS glitch or a forged report). */
const MAX_SPEED_KMH = 300;

/** Thrown inside a report's transaction when its key was seen: the transaction rolls back, nothing applied twice. */
class AlreadyApplied extends Error {}

const APPLIED: DeviceReportResult = { applied: true, duplicate: false };
const DUPLICATE: DeviceReportResult = { applied: false, duplicate: true };

function madeAt(ctx: AppContext, at: string): Date {
  const when = new Date(at);
  const now = ctx.clock().getTime();
  if (when.getTime() > now + MAX_FUTURE_MS)
    throw new Invalid('report time is in the future', { at: 'must not be in the future' });
  if (when.getTime() < now - MAX_AGE_MS)
    throw new Invalid('report is older than a day', { at: 'older than a day' });
  return when;
}

function claim(
  ctx: AppContext,
  device: DeviceIdentity,
  key: string,
  kind: DeviceReportsTable['kind'],
  at: Date,
) {
  return async (trx: Db) => {
    const fresh = await repo.claimReportKey(trx, {
      deviceId: device.deviceId,
      key,
      kind,
      reportedAt: at,
      receivedAt: ctx.clock(),
    });
    if (!fresh) throw new AlreadyApplied();
  };
}

async function once(apply: () => Promise<unknown>): Promise<DeviceReportResult> {
  try {
    await apply();
    return APPLIED;
  } catch (err) {
    if (err instanceof AlreadyApplied) return DUPLICATE;
    throw err;
  }
}

function metresBetween(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLon = (b.lon - a.lon) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6_371_000 * Math.asin(Math.sqrt(h));
}

/** Refuses a position outside the service area, or one the unit could not have reached from its last fix. */
async function checkPlausible(ctx: AppContext, unitId: string, p: DevicePosition, at: Date): Promise<void> {
  const b = ctx.config.SERVICE_AREA_BOUNDS;
  if (p.lat < b.south || p.lat > b.north || p.lon < b.west || p.lon > b.east)
    throw new Invalid('position is outside the service area', { lat: 'outside the service area' });
  const last = await currentPosition(ctx.db, unitId);
  if (!last) return;
  const seconds = Math.abs(at.getTime() - last.at.getTime()) / 1000;
  const metres = metresBetween(last.point, p);
  // A fix within a second of the last may still move a few hundred metres (GPS settling); beyond, judge by speed.
  const tooFast = seconds < 1 ? metres > 300 : (metres / seconds) * 3.6 > MAX_SPEED_KMH;
  if (tooFast)
    throw new Invalid(`position is ${Math.round(metres)} m from the last in ${Math.round(seconds)} s`, {
      lat: 'impossible jump from the last position',
    });
}

async function storePosition(trx: Db, unitId: string, p: DevicePosition, at: Date) {
  const position = {
    point: { lat: p.lat, lon: p.lon },
    heading: p.heading,
    speedKmh: p.speedKmh,
    at: at.toISOString(),
  };
  return { position, current: await writePosition(trx, unitId, position, at) };
}

/** A position: always into the history; the unit moves only when it is the newest by its own time. */
export async function reportDevicePosition(
  ctx: AppContext,
  device: DeviceIdentity,
  report: DevicePositionReport,
): Promise<DeviceReportResult> {
  const at = madeAt(ctx, report.at);
  await checkPlausible(ctx, device.unitId, report, at);
  let moved: Awaited<ReturnType<typeof storePosition>> | undefined;
  const result = await once(() =>
    ctx.db.transaction().execute(async (trx) => {
      await claim(ctx, device, report.key, 'position', at)(trx);
      moved = await storePosition(trx, device.unitId, report, at);
    }),
  );
  if (moved?.current)
    await ctx.events.publish({ type: 'unit.position', unitId: device.unitId, position: moved.position });
  return result;
}

/** A status change along the state machine, with where the crew was when they pressed it. */
export async function reportDeviceStatus(
  ctx: AppContext,
  device: DeviceIdentity,
  report: DeviceStatusReport,
): Promise<DeviceReportResult> {
  const at = madeAt(ctx, report.at);
  if (report.destination && report.status !== 'transporting')
    throw new Invalid('a destination is given only when transporting', {
      destination: 'only when transporting',
    });
  const result = await once(() =>
    changeUnitStatus(ctx, device.actor, device.unitId, report.status, undefined, {
      madeAt: at,
      detail: report.destination ? `→ ${report.destination.name}` : undefined,
      guard: claim(ctx, device, report.key, 'status', at),
    }),
  );
  if (result.applied && report.position)
    await reportDevicePosition(ctx, device, {
      ...report.position,
      key: `${report.key}-p`,
      at: report.at,
    }).catch((err: unknown) => {
      // The status is applied; a glitchy fix with it must not turn the whole report into an error.
      ctx.log.warn({ err, unitId: device.unitId }, 'position with a status change refused');
    });
  return result;
}

async function assignedIncident(ctx: AppContext, device: DeviceIdentity, incidentId: string) {
  const holder = await ctx.db
    .selectFrom('units')
    .select('incident_id')
    .where('id', '=', device.unitId)
    .executeTakeFirst();
  if (holder?.incident_id !== incidentId)
    throw new Conflict('the unit is no longer assigned to this incident', {
      incidentId,
      reason: 'not-assigned',
    });
}

/** The crew's note into the incident's timeline, at the time they wrote it. */
export async function addDeviceNote(
  ctx: AppContext,
  device: DeviceIdentity,
  incidentId: string,
  report: DeviceNoteReport,
): Promise<DeviceReportResult> {
  const at = madeAt(ctx, report.at);
  await assignedIncident(ctx, device, incidentId);
  return once(() =>
    changeIncident(ctx, device.actor, incidentId, 'incident.note', async (trx) => {
      await claim(ctx, device, report.key, 'note', at)(trx);
      await incidentsRepo.insertNote(trx, {
        incidentId,
        authorId: null,
        authorName: `${device.callsign} (crew)`,
        kind: 'note',
        text: report.text,
        at,
      });
    }),
  );
}

/** One touch on the phone: the crew has the assignment. The time from dispatch to it is the turnout time. */
export async function acknowledgeAssignment(
  ctx: AppContext,
  device: DeviceIdentity,
  report: DeviceAckReport,
): Promise<DeviceReportResult> {
  const at = madeAt(ctx, report.at);
  await assignedIncident(ctx, device, report.incidentId);
  return once(() =>
    changeIncident(ctx, device.actor, report.incidentId, 'incident.acknowledge', async (trx) => {
      await claim(ctx, device, report.key, 'ack', at)(trx);
      const ack = await repo.acknowledgeAssignment(trx, device.unitId, report.incidentId, at);
      if (!ack)
        throw new Conflict('the unit is no longer assigned to this incident', { reason: 'not-assigned' });
      if (!ack.first) return;
      const seconds = Math.max(
        0,
        Math.round((ack.acknowledgedAt.getTime() - ack.assignedAt.getTime()) / 1000),
      );
      await incidentsRepo.insertNote(trx, {
        incidentId: report.incidentId,
        authorId: null,
        authorName: `${device.callsign} (crew)`,
        kind: 'dispatch',
        text: `${device.callsign} acknowledged (${seconds} s after dispatch)`,
        at: ack.acknowledgedAt,
        code: 'unit.acknowledged',
        params: { callsign: device.callsign, seconds },
      });
    }),
  );
}
