// A crew's phone or tablet paired with a unit: pairing codes, device credentials, and what the device sends and hears.
import { z } from 'zod';
import { GeoPoint } from './geo.ts';
import { Incident } from './incident.ts';
import { Unit } from './unit.ts';
import { UnitStatus } from './unit-status.ts';

/** A one-time pairing code as typed on the phone: 8 characters of an alphabet with no look-alikes. */
export const PAIRING_CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
export const PairingCodeText = z
  .string()
  .trim()
  .transform((s) => s.toUpperCase().replace(/[\s-]/g, ''))
  .pipe(z.string().regex(/^[A-HJ-NP-Z2-9]{8}$/, 'eight letters and digits'));

export const PairingCode = z.object({
  code: z.string(),
  unitId: z.uuid(),
  callsign: z.string(),
  expiresAt: z.iso.datetime({ offset: true }),
});
export type PairingCode = z.infer<typeof PairingCode>;

export const PairDeviceRequest = z.object({
  code: PairingCodeText,
  /** What the crew calls the device, e.g. "tablet cab". */
  label: z.string().trim().max(60).default(''),
});
export type PairDeviceRequest = z.infer<typeof PairDeviceRequest>;

export const UnitDevice = z.object({
  id: z.uuid(),
  unitId: z.uuid(),
  callsign: z.string(),
  label: z.string(),
  pairedAt: z.iso.datetime({ offset: true }),
  expiresAt: z.iso.datetime({ offset: true }),
  lastSeenAt: z.iso.datetime({ offset: true }).nullable(),
});
export type UnitDevice = z.infer<typeof UnitDevice>;

export const PairDeviceResponse = z.object({ credential: z.string(), device: UnitDevice });
export type PairDeviceResponse = z.infer<typeof PairDeviceResponse>;

/** The dispatch console's view of paired devices and the thresholds it alerts on. */
export const DeviceOverview = z.object({
  devices: z.array(UnitDevice),
  /** An assignment not acknowledged within this many seconds: the dispatcher should use the radio. */
  ackTimeoutSeconds: z.number().int().positive(),
  /** A paired device not heard from for this long is shown as silent. */
  silentAfterSeconds: z.number().int().positive(),
});
export type DeviceOverview = z.infer<typeof DeviceOverview>;

/** A report made on the phone, possibly offline: its own time and a key so a resend is applied once. */
const OfflineReport = z.object({
  key: z
    .string()
    .min(8)
    .max(60)
    .regex(/^[A-Za-z0-9_-]+$/),
  at: z.iso.datetime({ offset: true }),
});

export const DevicePosition = z.object({
  lat: z.number().min(-90).max(90),
  lon: z.number().min(-180).max(180),
  heading: z.number().min(0).lt(360).nullable().default(null),
  speedKmh: z.number().min(0).max(400).nullable().default(null),
});
export type DevicePosition = z.infer<typeof DevicePosition>;

export const DevicePositionReport = OfflineReport.extend(DevicePosition.shape);
export type DevicePositionReport = z.infer<typeof DevicePositionReport>;

export const DeviceStatusReport = OfflineReport.extend({
  status: UnitStatus,
  position: DevicePosition.optional(),
  /** The hospital chosen when transporting. */
  destination: z.object({ name: z.string().min(1).max(200), point: GeoPoint }).optional(),
});
export type DeviceStatusReport = z.infer<typeof DeviceStatusReport>;

export const DeviceNoteReport = OfflineReport.extend({ text: z.string().trim().min(1).max(2000) });
export type DeviceNoteReport = z.infer<typeof DeviceNoteReport>;

export const DeviceAckReport = OfflineReport.extend({ incidentId: z.uuid() });
export type DeviceAckReport = z.infer<typeof DeviceAckReport>;

/** What the server answers to a report: applied now, or already applied by an earlier send of the same key. */
export const DeviceReportResult = z.object({ applied: z.boolean(), duplicate: z.boolean() });
export type DeviceReportResult = z.infer<typeof DeviceReportResult>;

export const CrewSettings = z.object({
  positionIntervalSeconds: z.number().int().positive(),
  ackTimeoutSeconds: z.number().int().positive(),
});
export type CrewSettings = z.infer<typeof CrewSettings>;

/** Everything the crew's app shows: its unit and the incident it is assigned to. */
export const CrewView = z.object({
  unit: Unit,
  incident: Incident.nullable(),
  settings: CrewSettings,
});
export type CrewView = z.infer<typeof CrewView>;

export const NearbyHospital = z.object({
  name: z.string(),
  point: GeoPoint,
  distanceM: z.number().nonnegative(),
});
export type NearbyHospital = z.infer<typeof NearbyHospital>;

/** Messages on a device's websocket (/ws/device): its unit and its incident, pushed as they change. */
export const DeviceMessage = z.discriminatedUnion('type', [
  z.object({ type: z.literal('unit'), unit: Unit }),
  z.object({ type: z.literal('incident'), incident: Incident }),
]);
export type DeviceMessage = z.infer<typeof DeviceMessage>;

/** Subprotocol of the device socket; the credential travels as the second offered subprotocol. */
export const DEVICE_SOCKET_PROTOCOL = 'e112-device';
/** Close code when the credential is revoked or expired: the app shows so and stops retrying. */
export const DEVICE_REVOKED_CLOSE = 4003;
