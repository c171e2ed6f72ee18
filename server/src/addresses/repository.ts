// Gazetteer and district polygons in PostgreSQL: the only SQL of address lookups.
import type { GazetteerKind, GeoPoint } from '@hcm112/shared';
import { type Kysely, sql } from 'kysely';
import { distanceTo, latLonOf, pointValue } from '../db/geo.ts';
import type { Database } from '../db/schema.ts';

export interface GazetteerRow {
  kind: GazetteerKind;
  name: string;
  searchText: string;
  district: string | null;
  ward: string | null;
  point: GeoPoint;
  distanceM: number | null;
}

function selectGazetteer(db: Kysely<Database>) {
  return db
    .selectFrom('gazetteer')
    .select(['kind', 'name', 'search_text', 'district', 'ward', ...latLonOf('gazetteer.point', 'p')]);
}

type Row = Awaited<ReturnType<ReturnType<typeof selectGazetteer>['execute']>>[number];

const toRow = (r: Row & { distance_m?: number }): GazetteerRow => ({
  kind: r.kind as GazetteerKind,
  name: r.name,
  searchText: r.search_text,
  district: r.district,
  ward: r.ward,
  point: { lat: r.p_lat!, lon: r.p_lon! },
  distanceM: r.distance_m ?? null,
});

/** Entries whose folded text contains every token; at most `limit` per distinct name and kind. */
export async function findByTokens(
  db: Kysely<Database>,
  tokens: string[],
  limit: number,
): Promise<GazetteerRow[]> {
  let q = selectGazetteer(db);
  for (const t of tokens) q = q.where('search_text', 'like', `%${t.replace(/[%_\\]/g, '')}%`);
  const rows = await q.orderBy('search_text').orderBy('id').limit(limit).execute();
  return rows.map(toRow);
}

/** The city's named places (landmarks and hospitals) a person can pick a location from, by name. */
export async function namedPlaces(db: Kysely<Database>, limit: number): Promise<GazetteerRow[]> {
  const rows = await selectGazetteer(db)
    .where('kind', 'in', ['landmark', 'hospital'])
    .orderBy('name')
    .limit(limit)
    .execute();
  return rows.map(toRow);
}

/** Entries whose folded text is exactly the query (an old district or ward name said in full). */
export async function findExact(
  db: Kysely<Database>,
  folded: string,
  limit: number,
): Promise<GazetteerRow[]> {
  const rows = await selectGazetteer(db)
    .where('search_text', '=', folded)
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map(toRow);
}

/**
 * A house number on a real street: the street's pieces merged, the longest run taken, numbered from the end
 * nearer the city centre (Vietnamese numbering starts there), about 2.5 m of frontage per number on each side.
 */
export async function houseOnRealStreet(
  db: Kysely<Database>,
  searchText: string,
  houseNumber: number,
  centre: GeoPoint,
): Promise<{ name: string; point: GeoPoint } | null> {
  const c = sql`ST_SetSRID(ST_MakePoint(${centre.lon}, ${centre.lat}), 4326)`;
  const r = await sql<{ name: string; lat: number; lon: number }>`
    WITH street AS (SELECT min(name) AS name, ST_LineMerge(ST_Collect(geom)) AS g FROM roads WHERE search_text = ${searchText}),
    longest AS (
      SELECT name, d.geom AS g FROM street, ST_Dump(street.g) d ORDER BY ST_Length(d.geom::geography) DESC LIMIT 1),
    oriented AS (
      SELECT name, CASE WHEN ST_Distance(ST_StartPoint(g), ${c}) <= ST_Distance(ST_EndPoint(g), ${c}) THEN g
        ELSE ST_Reverse(g) END AS g FROM longest)
    SELECT name, ST_Y(p) AS lat, ST_X(p) AS lon FROM (
      SELECT name, ST_LineInterpolatePoint(g, LEAST(1, ${houseNumber} * 2.5 / GREATEST(ST_Length(g::geography), 1))) AS p
      FROM oriented) x`.execute(db);
  const row = r.rows[0];
  return row ? { name: row.name, point: { lat: row.lat, lon: row.lon } } : null;
}

/** All points of one street, in the order they were laid along it. */
export async function streetPoints(db: Kysely<Database>, searchText: string): Promise<GazetteerRow[]> {
  const rows = await selectGazetteer(db)
    .where('kind', '=', 'street')
    .where('search_text', '=', searchText)
    .orderBy('id')
    .execute();
  return rows.map(toRow);
}

export async function nearestEntries(
  db: Kysely<Database>,
  p: GeoPoint,
  limit: number,
): Promise<GazetteerRow[]> {
  const rows = await selectGazetteer(db)
    .select(distanceTo('gazetteer.point', p).as('distance_m'))
    .where('kind', 'in', ['street', 'landmark', 'hospital', 'address'])
    .orderBy(sql`point <-> ${pointValue(p)}`)
    .limit(limit)
    .execute();
  return rows.map(toRow);
}

export interface DistrictShape {
  name: string;
  kind: 'district' | 'ward';
  geometry: unknown;
}

/** How many areas there are and the newest: a cheap check that the polygons were re-imported. */
export async function areasStamp(db: Kysely<Database>): Promise<string> {
  const r = await sql<{
    stamp: string;
  }>`SELECT count(*) || ':' || coalesce(max(id), 0) AS stamp FROM districts`.execute(db);
  return r.rows[0]?.stamp ?? '';
}

export async function districtShapes(db: Kysely<Database>): Promise<DistrictShape[]> {
  return db
    .selectFrom('districts')
    .select(['name', 'kind', sql<unknown>`ST_AsGeoJSON(geom, 6)::json`.as('geometry')])
    .orderBy('id')
    .execute();
}
