// Units in PostgreSQL: the only place with unit SQL (reads, inserts, nearest-unit KNN, positions).
import type { Agency, Capability, GeoPoint, Unit, UnitKind, UnitStatus } from '@hcm112/shared';
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

type UnitRow = Awaited<ReturnType<ReturnType<typeof selectUnits>['executeTakeFirstOrThrow']>>;

export function toUnit(row: UnitRow, now: Date, staleSeconds: number): Unit {
  const point = toPoint(row.pos_lat, row.pos_lon);
  const at = row.position_at;
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
    positionStale: !at || now.getTime() - at.getTime() > staleSeconds * 1000,
    incidentId: row.incident_id,
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
  const row = await selectUnits(db).where('units.id', '=', id).executeTakeFirst();
  return row && toUnit(row, now, staleSeconds);
}

export async function listUnits(db: Kysely<Database>, now: Date, staleSeconds: number): Promise<Unit[]> {
  const rows = await selectUnits(db).orderBy('units.callsign').execute();
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
    .orderBy(sql`units.position <-> ${pointValue(point)}`)
    .limit(filter.limit);
  if (filter.statuses?.length) q = q.where('units.status', 'in', filter.statuses);
  if (filter.agencies?.length) q = q.where('units.agency', 'in', filter.agencies);
  if (filter.kinds?.length) q = q.where('units.kind', 'in', filter.kinds);
  return q.execute();
}
