// Crew devices in PostgreSQL: the only SQL for pairing codes, device credentials and device reports.
import type { UnitDevice } from '@hcm112/shared';
import { type Kysely, sql } from 'kysely';
import type { Database, DeviceReportsTable } from '../db/schema.ts';

export async function insertPairingCode(
  db: Kysely<Database>,
  c: { codeHash: string; unitId: string; by: string | null; at: Date; expiresAt: Date },
): Promise<void> {
  await db
    .insertInto('device_pairing_codes')
    .values({
      code_hash: c.codeHash,
      unit_id: c.unitId,
      created_by: c.by,
      created_at: c.at,
      expires_at: c.expiresAt,
    })
    .execute();
}

/** Marks the code used (once, while unexpired) and returns its unit; undefined when it cannot be used. */
export async function consumePairingCode(
  db: Kysely<Database>,
  codeHash: string,
  now: Date,
): Promise<{ unitId: string } | undefined> {
  const row = await db
    .updateTable('device_pairing_codes')
    .set({ used_at: now })
    .where('code_hash', '=', codeHash)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .returning('unit_id')
    .executeTakeFirst();
  return row && { unitId: row.unit_id };
}

export async function insertDevice(
  db: Kysely<Database>,
  d: { unitId: string; credentialHash: string; label: string; at: Date; expiresAt: Date; codeHash: string },
): Promise<string> {
  const { id } = await db
    .insertInto('unit_devices')
    .values({
      unit_id: d.unitId,
      credential_hash: d.credentialHash,
      label: d.label,
      paired_at: d.at,
      paired_by: sql<
        string | null
      >`(SELECT created_by FROM device_pairing_codes WHERE code_hash = ${d.codeHash})`,
      expires_at: d.expiresAt,
      last_seen_at: d.at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .updateTable('device_pairing_codes')
    .set({ device_id: id })
    .where('code_hash', '=', d.codeHash)
    .execute();
  return id;
}

function selectDevices(db: Kysely<Database>) {
  return db
    .selectFrom('unit_devices')
    .innerJoin('units', 'units.id', 'unit_devices.unit_id')
    .select([
      'unit_devices.id',
      'unit_devices.unit_id',
      'units.callsign',
      'unit_devices.label',
      'unit_devices.paired_at',
      'unit_devices.expires_at',
      'unit_devices.revoked_at',
      'unit_devices.last_seen_at',
    ]);
}

type DeviceRow = Awaited<ReturnType<ReturnType<typeof selectDevices>['executeTakeFirstOrThrow']>>;

function toDevice(r: DeviceRow): UnitDevice {
  return {
    id: r.id,
    unitId: r.unit_id,
    callsign: r.callsign,
    label: r.label,
    pairedAt: r.paired_at.toISOString(),
    expiresAt: r.expires_at.toISOString(),
    lastSeenAt: r.last_seen_at ? r.last_seen_at.toISOString() : null,
  };
}

export async function findDevice(db: Kysely<Database>, id: string): Promise<UnitDevice | undefined> {
  const row = await selectDevices(db).where('unit_devices.id', '=', id).executeTakeFirst();
  return row && toDevice(row);
}

/** Devices not revoked and not expired, by callsign. */
export async function listActiveDevices(db: Kysely<Database>, now: Date): Promise<UnitDevice[]> {
  const rows = await selectDevices(db)
    .where('unit_devices.revoked_at', 'is', null)
    .where('unit_devices.expires_at', '>', now)
    .orderBy('units.callsign')
    .orderBy('unit_devices.paired_at')
    .execute();
  return rows.map(toDevice);
}

/** The device holding a credential (by hash), with whether it may still be used. */
export async function deviceByCredential(db: Kysely<Database>, credentialHash: string) {
  return selectDevices(db).where('unit_devices.credential_hash', '=', credentialHash).executeTakeFirst();
}

export async function revokeDevice(
  db: Kysely<Database>,
  id: string,
  by: string | null,
  at: Date,
): Promise<boolean> {
  const r = await db
    .updateTable('unit_devices')
    .set({ revoked_at: at, revoked_by: by })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** Records that the device was heard from; written at most every `everySeconds` per device to spare the database. */
export async function touchDevice(
  db: Kysely<Database>,
  id: string,
  at: Date,
  everySeconds: number,
): Promise<void> {
  await db
    .updateTable('unit_devices')
    .set({ last_seen_at: at })
    .where('id', '=', id)
    .where((eb) =>
      eb.or([
        eb('last_seen_at', 'is', null),
        eb('last_seen_at', '<=', new Date(at.getTime() - everySeconds * 1000)),
      ]),
    )
    .execute();
}

/** Claims an idempotency key; false when the device already sent a report with it. */
export async function claimReportKey(
  db: Kysely<Database>,
  r: { deviceId: string; key: string; kind: DeviceReportsTable['kind']; reportedAt: Date; receivedAt: Date },
): Promise<boolean> {
  const row = await db
    .insertInto('device_reports')
    .values({
      device_id: r.deviceId,
      key: r.key,
      kind: r.kind,
      reported_at: r.reportedAt,
      received_at: r.receivedAt,
    })
    .onConflict((oc) => oc.doNothing())
    .returning('key')
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * Records the crew's acknowledgement of the unit's open assignment to the incident. `first` is false when it was
 * already acknowledged (a second tap, another device of the unit); undefined when there is no such assignment.
 */
export async function acknowledgeAssignment(
  db: Kysely<Database>,
  unitId: string,
  incidentId: string,
  at: Date,
): Promise<{ assignedAt: Date; acknowledgedAt: Date; first: boolean } | undefined> {
  const open = (q: ReturnType<typeof db.updateTable<'assignments'>>) =>
    q.where('unit_id', '=', unitId).where('incident_id', '=', incidentId).where('released_at', 'is', null);
  const set = await open(db.updateTable('assignments'))
    .set({ acknowledged_at: at })
    .where('acknowledged_at', 'is', null)
    .returning(['assigned_at', 'acknowledged_at'])
    .executeTakeFirst();
  if (set?.acknowledged_at)
    return { assignedAt: set.assigned_at, acknowledgedAt: set.acknowledged_at, first: true };
  const before = await db
    .selectFrom('assignments')
    .select(['assigned_at', 'acknowledged_at'])
    .where('unit_id', '=', unitId)
    .where('incident_id', '=', incidentId)
    .where('released_at', 'is', null)
    .executeTakeFirst();
  return before?.acknowledged_at
    ? { assignedAt: before.assigned_at, acknowledgedAt: before.acknowledged_at, first: false }
    : undefined;
}
