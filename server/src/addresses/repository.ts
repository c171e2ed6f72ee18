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

export async function districtShapes(db: Kysely<Database>): Promise<DistrictShape[]> {
  return db
    .selectFrom('districts')
    .select(['name', 'kind', sql<unknown>`ST_AsGeoJSON(geom, 6)::json`.as('geometry')])
    .orderBy('id')
    .execute();
}

export async function roadShapes(db: Kysely<Database>) {
  return db
    .selectFrom('roads')
    .select(['name', 'road_class', sql<unknown>`ST_AsGeoJSON(geom, 6)::json`.as('geometry')])
    .orderBy('id')
    .execute();
}
