// The base map's SQL: ward (or, without them, district) outlines, and one tile of streets with their labels.
import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/schema.ts';

export type RoadClass = 'highway' | 'arterial' | 'collector' | 'local';

/** What is drawn at a zoom: arterials at city zoom, every street close in. */
export function classesAt(zoom: number): RoadClass[] {
  if (zoom <= 10) return ['highway'];
  if (zoom <= 12) return ['highway', 'arterial'];
  if (zoom <= 14) return ['highway', 'arterial', 'collector'];
  return ['highway', 'arterial', 'collector', 'local'];
}

/** Street names are drawn from this zoom on (where a call-taker talks a caller to a corner). */
export const LABEL_ZOOM = 15;

export function tileBounds(z: number, x: number, y: number): [w: number, s: number, e: number, n: number] {
  const n = 2 ** z;
  const lon = (i: number) => (i / n) * 360 - 180;
  const lat = (j: number) => (Math.atan(Math.sinh(Math.PI * (1 - (2 * j) / n))) * 180) / Math.PI;
  return [lon(x), lat(y + 1), lon(x + 1), lat(y)];
}

/**
 * One 256-pixel tile as compact JSON: `roads` as [class, [[lon, lat], ...]] simplified to about a pixel, and
 * from LABEL_ZOOM on `labels` as [name, lon, lat, angle°] at the middle of each named street's longest run in
 * the tile. Built by PostgreSQL as text, so Node only passes it on.
 */
export async function streetTile(db: Kysely<Database>, z: number, x: number, y: number): Promise<string> {
  const [w, s, e, n] = tileBounds(z, x, y);
  const pixel = (e - w) / 256;
  const classes = classesAt(z);
  const labels = z >= LABEL_ZOOM;
  const r = await sql<{ tile: string }>`
    WITH env AS (SELECT ST_MakeEnvelope(${w}, ${s}, ${e}, ${n}, 4326) AS box),
    hits AS (
      SELECT id, name, road_class, geom FROM roads, env
      WHERE geom && ST_Expand(env.box, ${pixel * 8}) AND road_class = ANY(${classes}::text[])
    ),
    drawn AS (
      SELECT road_class, g FROM (SELECT road_class, ST_Simplify(geom, ${pixel}) AS g FROM hits) simplified
      -- a line shorter than the tolerance collapses to NULL: it is under a pixel, nothing to draw
      WHERE g IS NOT NULL
      ORDER BY CASE road_class WHEN 'local' THEN 0 WHEN 'collector' THEN 1 WHEN 'arterial' THEN 2 ELSE 3 END
    ),
    runs AS (
      SELECT DISTINCT ON (name) name, d.geom AS g
      FROM (SELECT * FROM hits WHERE ${labels} AND name <> '') h, env,
        ST_Dump(ST_LineMerge(ST_Intersection(h.geom, env.box))) d
      WHERE GeometryType(d.geom) = 'LINESTRING'
        AND ST_Length(d.geom) > ${pixel * 60}
      ORDER BY name, ST_Length(d.geom) DESC
    ),
    placed AS (
      SELECT name, ST_LineInterpolatePoint(g, 0.5) AS p,
        degrees(ST_Azimuth(ST_LineInterpolatePoint(g, 0.45), ST_LineInterpolatePoint(g, 0.55))) AS az
      FROM runs
    )
    SELECT json_build_object(
      'roads', (SELECT coalesce(json_agg(json_build_array(road_class, (ST_AsGeoJSON(g, 6)::json)->'coordinates')), '[]') FROM drawn),
      'labels', (SELECT coalesce(json_agg(json_build_array(name, round(ST_X(p)::numeric, 6), round(ST_Y(p)::numeric, 6), round(az::numeric))), '[]') FROM placed)
    )::text AS tile`.execute(db);
  return r.rows[0]?.tile ?? '{"roads":[],"labels":[]}';
}

export interface AreaOutline {
  name: string;
  kind: 'district' | 'ward';
  geometry: unknown;
  label: unknown;
}

/** The 2025 wards when imported (with their label points), else the districts of the generated city. */
export async function areaOutlines(db: Kysely<Database>): Promise<AreaOutline[]> {
  const wards = await db
    .selectFrom('districts')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('kind', '=', 'ward')
    .executeTakeFirstOrThrow();
  return db
    .selectFrom('districts')
    .select([
      'name',
      'kind',
      sql<unknown>`ST_AsGeoJSON(ST_SimplifyPreserveTopology(geom, 0.00005), 5)::json`.as('geometry'),
      sql<unknown>`ST_AsGeoJSON(COALESCE(label_point, ST_PointOnSurface(geom)), 5)::json`.as('label'),
    ])
    .where('kind', '=', Number(wards.n) > 0 ? 'ward' : 'district')
    .orderBy('id')
    .execute();
}

/** Changes when the streets are re-imported: tile caches compare it. */
export async function streetsStamp(db: Kysely<Database>): Promise<string> {
  const r = await sql<{
    stamp: string;
  }>`SELECT count(*) || ':' || coalesce(max(id), 0) AS stamp FROM roads`.execute(db);
  return r.rows[0]?.stamp ?? '';
}

/** Whether the streets come from OpenStreetMap (then the map must say so: ODbL attribution). */
export async function streetsFromOsm(db: Kysely<Database>): Promise<boolean> {
  const row = await db
    .selectFrom('roads')
    .select('id')
    .where('osm_id', 'is not', null)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** The streets' extent, for building the city-zoom tiles ahead of the first console. */
export async function streetsExtent(db: Kysely<Database>): Promise<[number, number, number, number] | null> {
  const r = await sql<{ w: number | null; s: number | null; e: number | null; n: number | null }>`
    SELECT ST_XMin(x) AS w, ST_YMin(x) AS s, ST_XMax(x) AS e, ST_YMax(x) AS n FROM (SELECT ST_Extent(geom) AS x FROM roads) t`.execute(
    db,
  );
  const row = r.rows[0];
  return row && row.w !== null ? [row.w, row.s!, row.e!, row.n!] : null;
}
