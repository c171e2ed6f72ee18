// Cameras in PostgreSQL: the only SQL of the camera registry (reads, writes, bulk upsert, health).
import type { Camera, CameraFields, CameraLayer, CameraOwner, StreamKind } from '@hcm112/shared';
import { type Kysely, sql } from 'kysely';
import { latLonOf, pointValue } from '../db/geo.ts';
import type { Database } from '../db/schema.ts';

type Db = Kysely<Database>;

function selectCameras(db: Db) {
  return db
    .selectFrom('cameras')
    .select([
      'cameras.id',
      'cameras.code',
      'cameras.name',
      'cameras.bearing_deg',
      'cameras.fov_deg',
      'cameras.range_m',
      'cameras.layer',
      'cameras.owner',
      'cameras.ptz',
      'cameras.stream_url',
      'cameras.stream_kind',
      'cameras.district',
      'cameras.ward',
      'cameras.online',
      'cameras.last_checked_at',
      ...latLonOf('cameras.point', 'pt'),
    ]);
}

type CameraRow = Awaited<ReturnType<ReturnType<typeof selectCameras>['executeTakeFirstOrThrow']>>;

function toCamera(r: CameraRow): Camera {
  return {
    id: r.id,
    code: r.code,
    name: r.name,
    point: { lat: r.pt_lat ?? 0, lon: r.pt_lon ?? 0 },
    bearingDeg: r.bearing_deg,
    fovDeg: r.fov_deg,
    rangeM: r.range_m,
    layer: r.layer as CameraLayer,
    owner: r.owner as CameraOwner,
    ptz: r.ptz,
    streamUrl: r.stream_url,
    streamKind: r.stream_kind as StreamKind | null,
    district: r.district,
    ward: r.ward,
    online: r.online,
    lastCheckedAt: r.last_checked_at?.toISOString() ?? null,
  };
}

function columnsOf(f: CameraFields) {
  return {
    code: f.code,
    name: f.name,
    point: pointValue(f.point),
    bearing_deg: f.bearingDeg,
    fov_deg: f.fovDeg,
    range_m: f.rangeM,
    layer: f.layer,
    owner: f.owner,
    ptz: f.ptz,
    stream_url: f.streamUrl,
    stream_kind: f.streamKind,
    district: f.district,
  };
}

export async function listCameras(db: Db, bbox?: [number, number, number, number]): Promise<Camera[]> {
  let q = selectCameras(db).orderBy('cameras.code');
  if (bbox) {
    const [w, s, e, n] = bbox;
    const box = sql`ST_MakeEnvelope(${w}, ${s}, ${e}, ${n}, 4326)`;
    // && on geography narrows through the index (geocentric boxes are loose); ST_Covers is the exact test.
    q = q.where(
      sql<boolean>`cameras.point && ${box}::geography AND ST_Covers(${box}, cameras.point::geometry)`,
    );
  }
  return (await q.execute()).map(toCamera);
}

export async function findCamera(db: Db, id: string, forUpdate = false): Promise<Camera | undefined> {
  let q = selectCameras(db).where('cameras.id', '=', id);
  if (forUpdate) q = q.forUpdate();
  const row = await q.executeTakeFirst();
  return row ? toCamera(row) : undefined;
}

export async function findCameraByCode(db: Db, code: string): Promise<Camera | undefined> {
  const row = await selectCameras(db).where('cameras.code', '=', code).executeTakeFirst();
  return row ? toCamera(row) : undefined;
}

/** In chunks: a bulk import can name more codes than one statement may carry parameters. */
export async function findCamerasByCode(db: Db, codes: string[]): Promise<Camera[]> {
  const out: Camera[] = [];
  for (let i = 0; i < codes.length; i += 5000) {
    const rows = await selectCameras(db)
      .where('cameras.code', 'in', codes.slice(i, i + 5000))
      .execute();
    out.push(...rows.map(toCamera));
  }
  return out;
}

export async function insertCamera(db: Db, fields: CameraFields, at: Date): Promise<string> {
  const row = await db
    .insertInto('cameras')
    .values({ ...columnsOf(fields), updated_at: at })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateCamera(db: Db, id: string, fields: CameraFields, at: Date): Promise<void> {
  await db
    .updateTable('cameras')
    .set({ ...columnsOf(fields), updated_at: at })
    .where('id', '=', id)
    .execute();
}

export async function deleteCamera(db: Db, id: string): Promise<void> {
  await db.deleteFrom('cameras').where('id', '=', id).execute();
}

export interface UpsertOutcome {
  created: string[];
  updated: string[];
}

/**
 * Inserts new codes and rewrites existing ones whose fields differ (health is left alone); identical rows are
 * not touched, so a repeated import changes nothing.
 */
export async function upsertCameras(db: Db, rows: CameraFields[], at: Date): Promise<UpsertOutcome> {
  const outcome: UpsertOutcome = { created: [], updated: [] };
  if (rows.length === 0) return outcome;
  const changed = sql<boolean>`(cameras.name, cameras.point::text, cameras.bearing_deg, cameras.fov_deg, cameras.range_m,
      cameras.layer, cameras.owner, cameras.ptz, cameras.stream_url, cameras.stream_kind, cameras.district)
    IS DISTINCT FROM (excluded.name, excluded.point::text, excluded.bearing_deg, excluded.fov_deg,
      excluded.range_m, excluded.layer, excluded.owner, excluded.ptz, excluded.stream_url, excluded.stream_kind,
      excluded.district)`;
  const written = await db
    .insertInto('cameras')
    .values(rows.map((f) => ({ ...columnsOf(f), updated_at: at })))
    .onConflict((oc) =>
      oc
        .column('code')
        .doUpdateSet((eb) => ({
          name: eb.ref('excluded.name'),
          point: eb.ref('excluded.point'),
          bearing_deg: eb.ref('excluded.bearing_deg'),
          fov_deg: eb.ref('excluded.fov_deg'),
          range_m: eb.ref('excluded.range_m'),
          layer: eb.ref('excluded.layer'),
          owner: eb.ref('excluded.owner'),
          ptz: eb.ref('excluded.ptz'),
          stream_url: eb.ref('excluded.stream_url'),
          stream_kind: eb.ref('excluded.stream_kind'),
          district: eb.ref('excluded.district'),
          updated_at: eb.ref('excluded.updated_at'),
        }))
        .where(changed),
    )
    // xmax is 0 only for a freshly inserted row version.
    .returning(['code', sql<boolean>`(xmax = 0)`.as('inserted')])
    .execute();
  for (const r of written) (r.inserted ? outcome.created : outcome.updated).push(r.code);
  return outcome;
}

export interface StreamedCamera {
  id: string;
  code: string;
  streamUrl: string;
  streamKind: StreamKind;
  online: boolean;
}

/** Every camera with a stream, for the health check. */
export async function listStreamedCameras(db: Db): Promise<StreamedCamera[]> {
  const rows = await db
    .selectFrom('cameras')
    .select(['id', 'code', 'stream_url', 'stream_kind', 'online'])
    .where('stream_url', 'is not', null)
    .where('stream_kind', 'is not', null)
    .orderBy('code')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    code: r.code,
    streamUrl: r.stream_url!,
    streamKind: r.stream_kind as StreamKind,
    online: r.online,
  }));
}

/** Records one health round; returns the ids whose online state flipped. */
export async function recordHealth(
  db: Db,
  results: Array<{ id: string; online: boolean }>,
  at: Date,
): Promise<string[]> {
  if (results.length === 0) return [];
  const values = sql.join(results.map((r) => sql`(${r.id}::uuid, ${r.online}::boolean)`));
  const rows = await sql<{ id: string; flipped: boolean }>`
    WITH v(id, online) AS (VALUES ${values}),
      before AS (SELECT c.id, c.online FROM cameras c JOIN v ON v.id = c.id)
    UPDATE cameras c SET online = v.online, last_checked_at = ${at}
    FROM v JOIN before b ON b.id = v.id
    WHERE c.id = v.id
    RETURNING c.id, (b.online IS DISTINCT FROM v.online) AS flipped`.execute(db);
  return rows.rows.filter((r) => r.flipped).map((r) => r.id);
}
