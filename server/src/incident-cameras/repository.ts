// The cameras of each incident in PostgreSQL: the indexed range search, the stored lists with their pin/hide
// flags, and the point each list was computed for. The only SQL of incident cameras.
import type { CameraLayer, GeoPoint, StreamKind, SurfacedCamera } from '@hcm112/shared';
import { type Kysely, sql } from 'kysely';
import { latLonOf, pointValue } from '../db/geo.ts';
import type { Database } from '../db/schema.ts';

type Db = Kysely<Database>;

export interface CandidateCamera {
  id: string;
  point: GeoPoint;
  bearingDeg: number;
  fovDeg: number;
  rangeM: number;
  ptz: boolean;
  distanceM: number;
}

export interface StoredSight {
  cameraId: string;
  distanceM: number;
  inCone: boolean;
  score: number;
}

type CandidateRow = {
  id: string;
  lat: number;
  lon: number;
  bearing_deg: number;
  fov_deg: number;
  range_m: number;
  ptz: boolean;
  distance_m: number;
};

const toCandidate = (r: CandidateRow): CandidateCamera => ({
  id: r.id,
  point: { lat: r.lat, lon: r.lon },
  bearingDeg: r.bearing_deg,
  fovDeg: r.fov_deg,
  rangeM: r.range_m,
  ptz: r.ptz,
  distanceM: r.distance_m,
});

/**
 * Cameras whose own range reaches the point: the geography GiST index narrows by the longest range in the
 * registry (a btree gives it), then each camera's range is applied. Plus any camera named in `alsoIds`.
 * Distances are on the sphere (`false`): within a few hundred metres it differs from the spheroid by under a
 * metre, and the spheroid made one query take milliseconds instead of a tenth of one.
 */
export async function camerasInRange(
  db: Db,
  p: GeoPoint,
  alsoIds: string[] = [],
): Promise<CandidateCamera[]> {
  const at = pointValue(p);
  const also =
    alsoIds.length === 0
      ? sql``
      : sql`UNION SELECT c.id, ST_Y(c.point::geometry) AS lat, ST_X(c.point::geometry) AS lon, c.bearing_deg,
            c.fov_deg, c.range_m, c.ptz, ST_Distance(c.point, ${at}, false) AS distance_m
          FROM cameras c WHERE c.id IN (${sql.join(alsoIds)})`;
  const rows = await sql<CandidateRow>`
    SELECT c.id, ST_Y(c.point::geometry) AS lat, ST_X(c.point::geometry) AS lon, c.bearing_deg, c.fov_deg,
      c.range_m, c.ptz, ST_Distance(c.point, ${at}, false) AS distance_m
    FROM cameras c
    WHERE ST_DWithin(c.point, ${at}, (SELECT max(range_m) FROM cameras), false)
      AND ST_DWithin(c.point, ${at}, c.range_m, false)
    ${also}`.execute(db);
  return rows.rows.map(toCandidate);
}

/** Serialises recomputations of one incident's list across connections and server instances. */
export async function lockIncidentCameras(db: Db, incidentId: string): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(hashtextextended(${`incident-cameras:${incidentId}`}, 0))`.execute(
    db,
  );
}

export async function incidentPoint(db: Db, incidentId: string): Promise<GeoPoint | undefined> {
  const row = await db
    .selectFrom('incidents')
    .select(latLonOf('incidents.point', 'p'))
    .where('id', '=', incidentId)
    .executeTakeFirst();
  return row?.p_lat == null || row.p_lon == null ? undefined : { lat: row.p_lat, lon: row.p_lon };
}

/** The point the stored list was computed for, if any. */
export async function computedPoint(db: Db, incidentId: string): Promise<GeoPoint | undefined> {
  const row = await db
    .selectFrom('incident_camera_runs')
    .select(latLonOf('incident_camera_runs.point', 'p'))
    .where('incident_id', '=', incidentId)
    .executeTakeFirst();
  return row?.p_lat == null || row.p_lon == null ? undefined : { lat: row.p_lat, lon: row.p_lon };
}

/** Ids of cameras a dispatcher pinned or hid on this incident: kept whatever the geometry says. */
export async function flaggedCameraIds(db: Db, incidentId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('incident_cameras')
    .select('camera_id')
    .where('incident_id', '=', incidentId)
    .where((eb) => eb.or([eb('pinned', '=', true), eb('hidden', '=', true)]))
    .execute();
  return rows.map((r) => r.camera_id);
}

/** Replaces the computed part of the list; pin/hide flags of cameras that stay are kept. */
export async function storeIncidentCameras(
  db: Db,
  incidentId: string,
  point: GeoPoint,
  sights: StoredSight[],
  at: Date,
): Promise<void> {
  const keep = sights.map((s) => s.cameraId);
  let drop = db.deleteFrom('incident_cameras').where('incident_id', '=', incidentId);
  if (keep.length > 0) drop = drop.where('camera_id', 'not in', keep);
  await drop.execute();
  if (sights.length > 0)
    await db
      .insertInto('incident_cameras')
      .values(
        sights.map((s) => ({
          incident_id: incidentId,
          camera_id: s.cameraId,
          distance_m: s.distanceM,
          in_cone: s.inCone,
          score: s.score,
          computed_at: at,
        })),
      )
      .onConflict((oc) =>
        oc.columns(['incident_id', 'camera_id']).doUpdateSet((eb) => ({
          distance_m: eb.ref('excluded.distance_m'),
          in_cone: eb.ref('excluded.in_cone'),
          score: eb.ref('excluded.score'),
          computed_at: eb.ref('excluded.computed_at'),
        })),
      )
      .execute();
  await db
    .insertInto('incident_camera_runs')
    .values({ incident_id: incidentId, point: pointValue(point), computed_at: at })
    .onConflict((oc) => oc.column('incident_id').doUpdateSet({ point: pointValue(point), computed_at: at }))
    .execute();
}

export async function setFlags(
  db: Db,
  incidentId: string,
  cameraId: string,
  flags: { pinned?: boolean; hidden?: boolean },
): Promise<void> {
  await db
    .insertInto('incident_cameras')
    .values({
      incident_id: incidentId,
      camera_id: cameraId,
      distance_m: 0,
      in_cone: false,
      score: 0,
      pinned: flags.pinned ?? false,
      hidden: flags.hidden ?? false,
    })
    .onConflict((oc) => oc.columns(['incident_id', 'camera_id']).doUpdateSet(flags))
    .execute();
}

/** Hidden last; pinned first; then online before offline; then by score and distance. */
export async function loadIncidentCameras(db: Db, incidentId: string): Promise<SurfacedCamera[]> {
  const rows = await db
    .selectFrom('incident_cameras as ic')
    .innerJoin('cameras as c', 'c.id', 'ic.camera_id')
    .select([
      'ic.camera_id',
      'ic.distance_m',
      'ic.in_cone',
      'ic.score',
      'ic.pinned',
      'ic.hidden',
      'c.code',
      'c.name',
      'c.bearing_deg',
      'c.fov_deg',
      'c.range_m',
      'c.layer',
      'c.ptz',
      'c.online',
      'c.stream_kind',
      ...latLonOf('c.point', 'pt'),
    ])
    .where('ic.incident_id', '=', incidentId)
    .orderBy('ic.hidden', 'asc')
    .orderBy('ic.pinned', 'desc')
    .orderBy('c.online', 'desc')
    .orderBy('ic.score', 'desc')
    .orderBy('ic.distance_m', 'asc')
    .execute();
  return rows.map((r) => ({
    cameraId: r.camera_id,
    code: r.code,
    name: r.name,
    point: { lat: r.pt_lat ?? 0, lon: r.pt_lon ?? 0 },
    bearingDeg: r.bearing_deg,
    fovDeg: r.fov_deg,
    rangeM: r.range_m,
    layer: r.layer as CameraLayer,
    ptz: r.ptz,
    online: r.online,
    streamKind: r.stream_kind as StreamKind | null,
    distanceM: Math.round(r.distance_m * 10) / 10,
    inCone: r.in_cone,
    score: r.score,
    pinned: r.pinned,
    hidden: r.hidden,
  }));
}

/** Open incidents within the registry's longest camera range of any of the points. */
export async function openIncidentsNear(db: Db, points: GeoPoint[]): Promise<string[]> {
  if (points.length === 0) return [];
  const near = sql.join(
    points.map((p) => sql`ST_DWithin(i.point, ${pointValue(p)}, r.range_m)`),
    sql` OR `,
  );
  const rows = await sql<{ id: string }>`
    SELECT i.id FROM incidents i, (SELECT coalesce(max(range_m), 0) AS range_m FROM cameras) r
    WHERE i.status <> 'closed' AND (${near})`.execute(db);
  return rows.rows.map((r) => r.id);
}

export async function openIncidentIds(db: Db): Promise<string[]> {
  const rows = await db.selectFrom('incidents').select('id').where('status', '<>', 'closed').execute();
  return rows.map((r) => r.id);
}

/** Open incidents whose stored list names any of the cameras (in chunks: an import can change thousands). */
export async function openIncidentsWithCamera(db: Db, cameraIds: string[]): Promise<string[]> {
  const out = new Set<string>();
  for (let i = 0; i < cameraIds.length; i += 5000) {
    const rows = await db
      .selectFrom('incident_cameras as ic')
      .innerJoin('incidents as i', 'i.id', 'ic.incident_id')
      .select('ic.incident_id')
      .distinct()
      .where('ic.camera_id', 'in', cameraIds.slice(i, i + 5000))
      .where('i.status', '<>', 'closed')
      .execute();
    for (const r of rows) out.add(r.incident_id);
  }
  return [...out];
}

/** What pinning or hiding needs to know, read under the list's lock. */
export async function incidentAndCamera(db: Db, ids: { incidentId: string; cameraId: string }) {
  const [incident, camera, flags] = await Promise.all([
    db.selectFrom('incidents').select('status').where('id', '=', ids.incidentId).executeTakeFirst(),
    db.selectFrom('cameras').select('id').where('id', '=', ids.cameraId).executeTakeFirst(),
    db
      .selectFrom('incident_cameras')
      .select(['pinned', 'hidden'])
      .where('incident_id', '=', ids.incidentId)
      .where('camera_id', '=', ids.cameraId)
      .executeTakeFirst(),
  ]);
  return {
    incidentStatus: incident?.status,
    cameraExists: !!camera,
    flags: { pinned: flags?.pinned ?? false, hidden: flags?.hidden ?? false },
  };
}
