// Assignments of units to incidents, and unit status rows, in PostgreSQL: the only dispatch SQL.
import type { UnitStatus } from '@hcm112/shared';
import type { Kysely } from 'kysely';
import { latLonOf } from '../db/geo.ts';
import type { Database } from '../db/schema.ts';

/** Locks the units in id order (so concurrent dispatches cannot deadlock) and says who holds each. */
export async function lockUnits(db: Kysely<Database>, unitIds: string[]) {
  const sorted = [...new Set(unitIds)].sort();
  if (sorted.length === 0) return [];
  const units = await db
    .selectFrom('units')
    .select(['id', 'callsign', 'status', 'incident_id'])
    .where('id', 'in', sorted)
    .orderBy('id')
    .forUpdate()
    .execute();
  // A separate statement: after waiting for a lock, only a new snapshot sees the holder's new incident.
  const holders = units.flatMap((u) => (u.incident_id ? [u.incident_id] : []));
  const numbers = holders.length
    ? new Map(
        (await db.selectFrom('incidents').select(['id', 'number']).where('id', 'in', holders).execute()).map(
          (r) => [r.id, r.number],
        ),
      )
    : new Map<string, string>();
  return units.map((u) => ({
    ...u,
    incident_number: u.incident_id ? (numbers.get(u.incident_id) ?? null) : null,
  }));
}

export async function insertAssignment(
  db: Kysely<Database>,
  a: {
    incidentId: string;
    unitId: string;
    by: string | null;
    at: Date;
    etaSeconds: number | null;
    distanceM: number | null;
  },
): Promise<void> {
  await db
    .insertInto('assignments')
    .values({
      incident_id: a.incidentId,
      unit_id: a.unitId,
      assigned_by: a.by,
      assigned_at: a.at,
      eta_seconds: a.etaSeconds,
      distance_m: a.distanceM,
    })
    .execute();
}

export async function releaseUnitAssignment(
  db: Kysely<Database>,
  unitId: string,
  reason: string,
  at: Date,
): Promise<void> {
  await db
    .updateTable('assignments')
    .set({ released_at: at, release_reason: reason })
    .where('unit_id', '=', unitId)
    .where('released_at', 'is', null)
    .execute();
}

/** When the unit's open assignment to this incident was made (and acknowledged); undefined when it holds none. */
export async function openAssignmentAt(
  db: Kysely<Database>,
  incidentId: string,
  unitId: string,
): Promise<{ assignedAt: Date; acknowledged: boolean } | undefined> {
  const row = await db
    .selectFrom('assignments')
    .select(['assigned_at', 'acknowledged_at'])
    .where('incident_id', '=', incidentId)
    .where('unit_id', '=', unitId)
    .where('released_at', 'is', null)
    .executeTakeFirst();
  return row
    ? { assignedAt: new Date(row.assigned_at), acknowledged: row.acknowledged_at !== null }
    : undefined;
}

export async function setUnitStatus(
  db: Kysely<Database>,
  unitId: string,
  status: UnitStatus,
  incidentId: string | null,
  at: Date,
) {
  await db
    .updateTable('units')
    .set((eb) => ({ status, incident_id: incidentId, updated_at: at, version: eb('version', '+', 1) }))
    .where('id', '=', unitId)
    .execute();
}

/** The units holding an open assignment to an incident. */
export async function assignedUnitIds(db: Kysely<Database>, incidentId: string): Promise<string[]> {
  const open = await db
    .selectFrom('assignments')
    .select('unit_id')
    .where('incident_id', '=', incidentId)
    .where('released_at', 'is', null)
    .execute();
  return open.map((r) => r.unit_id);
}

/** Frees the given units (every unit still assigned to the incident when `only` is left out); returns their ids. */
export async function releaseIncidentUnits(
  db: Kysely<Database>,
  incidentId: string,
  reason: string,
  at: Date,
  only?: readonly string[],
): Promise<string[]> {
  const assigned = await assignedUnitIds(db, incidentId);
  const ids = only ? assigned.filter((id) => only.includes(id)) : assigned;
  await lockUnits(db, ids);
  for (const id of ids) {
    await releaseUnitAssignment(db, id, reason, at);
    await setUnitStatus(db, id, 'available', null, at);
  }
  return ids;
}

/** Statuses of the units still assigned to an incident, to derive the incident's own status. */
export async function assignedUnitStatuses(db: Kysely<Database>, incidentId: string): Promise<UnitStatus[]> {
  const rows = await db
    .selectFrom('assignments')
    .innerJoin('units', 'units.id', 'assignments.unit_id')
    .select('units.status')
    .where('assignments.incident_id', '=', incidentId)
    .where('assignments.released_at', 'is', null)
    .execute();
  return rows.map((r) => r.status as UnitStatus);
}

/** The incident a unit is assigned to (null when free), read without locking; undefined when no such unit. */
export async function unitIncident(db: Kysely<Database>, unitId: string): Promise<string | null | undefined> {
  const row = await db.selectFrom('units').select('incident_id').where('id', '=', unitId).executeTakeFirst();
  return row ? row.incident_id : undefined;
}

/** Units holding an open assignment to the incident in one of the statuses, with their last position. */
export async function unitsHeadingTo(db: Kysely<Database>, incidentId: string, statuses: UnitStatus[]) {
  const rows = await db
    .selectFrom('assignments')
    .innerJoin('units', 'units.id', 'assignments.unit_id')
    .select([
      'units.id',
      'units.callsign',
      'units.kind',
      'units.status',
      ...latLonOf('units.position', 'pos'),
    ])
    .where('assignments.incident_id', '=', incidentId)
    .where('assignments.released_at', 'is', null)
    .where('units.status', 'in', statuses)
    .where('units.position', 'is not', null)
    .orderBy('units.callsign')
    .execute();
  return rows.map((r) => ({ ...r, position: { lat: r.pos_lat!, lon: r.pos_lon! } }));
}
