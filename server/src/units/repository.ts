// Units in PostgreSQL: the only place with unit SQL (reads, inserts, nearest-unit KNN, positions).
import {
  type Agency,
  type Capability,
  type GeoPoint,
  isCommitted,
  type Unit,
  type UnitKind,
  type UnitPosition,
  type UnitStatus,
} from '@hcm112/shared';
import { type Kysely, sql } from 'kysely';
import { distanceTo, latLonOf, pointValue, toPoint } from '../db/geo.ts';
import type { Database } from '../db/schema.ts';

export interface NewUnit {
  callsign: string;
  agency: Agency;
  kind: UnitKind;
  capabilities: Capability[];
  stationId: string | null;
  position: GeoPoint | null;
  avlTokenHash?: string | null;
}

/** A unit parked this close to its own station is at home, where nobody expects position reports. */
const AT_STATION_M = 300;

/** Units with whether each is parked at its own station (for staleness). */
function selectUnitsAtHome(db: Kysely<Database>) {
  return (
    selectUnits(db)
      .leftJoin('stations', 'stations.id', 'units.station_id')
      .select(
        sql<boolean>`coalesce(ST_DWithin(units.position, stations.point, ${AT_STATION_M}), units.position IS NULL AND units.station_id IS NOT NULL)`.as(
          'at_station',
        ),
      )
      // A unit without a position is where its station is.
      .select(
        sql<string | null>`coalesce(units.ward, CASE WHEN units.position IS NULL THEN stations.ward END)`.as(
          'ward',
        ),
      )
  );
}

function selectUnits(db: Kysely<Database>) {
  return db
    .selectFrom('units')
    .select([
      'units.id',
      'units.callsign',
      'units.agency',
      'units.kind',
      'units.capabilities',
      'units.station_id',
      'units.status',
      'units.heading',
      'units.speed_kmh',
      'units.position_at',
      'units.incident_id',
      'units.updated_at',
      ...latLonOf('units.position', 'pos'),
    ]);
}

type UnitRow = Awaited<ReturnType<ReturnType<typeof selectUnitsAtHome>['executeTakeFirstOrThrow']>>;

/**
 * A unit is expected to report its position while committed to an incident, or when free but away from its
 * station; a unit parked at its station, or out of service, is not, so its silence is not flagged.
 */
function expectedToReport(status: UnitStatus, atStation: boolean): boolean {
  if (isCommitted(status)) return true;
  return status === 'available' && !atStation;
}

export function toUnit(row: UnitRow, now: Date, staleSeconds: number): Unit {
  const point = toPoint(row.pos_lat, row.pos_lon);
  const at = row.position_at;
  const silent = !at || now.getTime() - at.getTime() > staleSeconds * 1000;
  return {
    id: row.id,
    callsign: row.callsign,
    agency: row.agency as Agency,
    kind: row.kind as UnitKind,
    capabilities: row.capabilities as Capability[],
    stationId: row.station_id,
    status: row.status as UnitStatus,
    position:
      point && at ? { point, heading: row.heading, speedKmh: row.speed_kmh, at: at.toISOString() } : null,
    positionStale: silent && expectedToReport(row.status as UnitStatus, Boolean(row.at_station)),
    incidentId: row.incident_id,
    ward: row.ward,
    updatedAt: row.updated_at.toISOString(),
  };
}

export async function insertUnits(db: Kysely<Database>, units: NewUnit[], at: Date): Promise<string[]> {
  if (units.length === 0) return [];
  const rows = await db
    .insertInto('units')
    .values(
      units.map((u) => ({
        callsign: u.callsign,
        agency: u.agency,
        kind: u.kind,
        capabilities: u.capabilities,
        station_id: u.stationId,
        position: u.position ? pointValue(u.position) : null,
        position_at: u.position ? at : null,
        avl_token_hash: u.avlTokenHash ?? null,
      })),
    )
    .returning('id')
    .execute();
  return rows.map((r) => r.id);
}

export async function findUnit(db: Kysely<Database>, id: string, now: Date, staleSeconds: number) {
  const row = await selectUnitsAtHome(db).where('units.id', '=', id).executeTakeFirst();
  return row && toUnit(row, now, staleSeconds);
}

export async function listUnits(db: Kysely<Database>, now: Date, staleSeconds: number): Promise<Unit[]> {
  const rows = await selectUnitsAtHome(db).orderBy('units.callsign').execute();
  return rows.map((r) => toUnit(r, now, staleSeconds));
}

export interface NearestFilter {
  statuses?: UnitStatus[];
  agencies?: Agency[];
  kinds?: UnitKind[];
  limit: number;
}

/** Units nearest to a point by straight-line distance (GiST KNN on geography), closest first. */
export async function nearestUnits(db: Kysely<Database>, point: GeoPoint, filter: NearestFilter) {
  let q = selectUnits(db)
    .select(distanceTo('units.position', point).as('distance_m'))
    .where('units.position', 'is not', null)
    .orderBy(sql`units.position::geometry <-> ST_SetSRID(ST_MakePoint(${point.lon}, ${point.lat}), 4326)`)
    .limit(filter.limit);
  if (filter.statuses?.length) q = q.where('units.status', 'in', filter.statuses);
  if (filter.agencies?.length) q = q.where('units.agency', 'in', filter.agencies);
  if (filter.kinds?.length) q = q.where('units.kind', 'in', filter.kinds);
  return q.execute();
}

/** Distance of each unit's last position to a point, and the position, for ETAs of assigned units. */
export async function unitDistances(db: Kysely<Database>, unitIds: string[], point: GeoPoint) {
  if (unitIds.length === 0) return new Map<string, { distanceM: number; kind: string; position: GeoPoint }>();
  const rows = await db
    .selectFrom('units')
    .select([
      'id',
      'kind',
      distanceTo('units.position', point).as('distance_m'),
      ...latLonOf('units.position', 'pos'),
    ])
    .where('id', 'in', unitIds)
    .where('position', 'is not', null)
    .execute();
  return new Map(
    rows.map((r) => [
      r.id,
      { distanceM: r.distance_m, kind: r.kind, position: { lat: r.pos_lat!, lon: r.pos_lon! } },
    ]),
  );
}

export async function unitTokenHash(
  db: Kysely<Database>,
  unitId: string,
): Promise<string | null | undefined> {
  const row = await db
    .selectFrom('units')
    .select('avl_token_hash')
    .where('id', '=', unitId)
    .executeTakeFirst();
  return row ? row.avl_token_hash : undefined;
}

/**
 * Appends to the position history and moves the unit, unless the report is older than the position it has
 * (devices resend after losing signal). Returns whether the current position changed.
 */
export async function recordPosition(
  db: Kysely<Database>,
  unitId: string,
  p: UnitPosition,
  at: Date,
): Promise<boolean> {
  return db.transaction().execute((trx) => writePosition(trx, unitId, p, at));
}

/** recordPosition inside a transaction the caller holds (a device's report also claims its idempotency key). */
export async function writePosition(
  trx: Kysely<Database>,
  unitId: string,
  p: UnitPosition,
  at: Date,
): Promise<boolean> {
  await trx
    .insertInto('unit_positions')
    .values({ unit_id: unitId, at, point: pointValue(p.point), heading: p.heading, speed_kmh: p.speedKmh })
    .execute();
  const moved = await trx
    .updateTable('units')
    .set({ position: pointValue(p.point), heading: p.heading, speed_kmh: p.speedKmh, position_at: at })
    .where('id', '=', unitId)
    .where((eb) => eb.or([eb('position_at', 'is', null), eb('position_at', '<=', at)]))
    .executeTakeFirst();
  return Number(moved.numUpdatedRows) > 0;
}

/** Where the unit is now and since when, to tell a plausible report from an impossible jump. */
export async function currentPosition(db: Kysely<Database>, unitId: string) {
  const row = await db
    .selectFrom('units')
    .select(['position_at', ...latLonOf('units.position', 'pos')])
    .where('id', '=', unitId)
    .executeTakeFirst();
  const point = row && toPoint(row.pos_lat, row.pos_lon);
  return point && row.position_at ? { point, at: row.position_at } : null;
}
