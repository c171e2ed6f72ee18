// The real city into PostgreSQL: ward and old-district polygons, streets, the gazetteer built from them, and the
// 2025 ward of every located row. The only SQL of the geodata import.
import { type Kysely, sql } from 'kysely';
import { foldForSearch } from '../addresses/normalize.ts';
import type { Database } from '../db/schema.ts';
import { parseBeforeMerger } from './old-names.ts';
import type { StreetRow } from './street-rows.ts';
import type { WardRow } from './ward-rows.ts';

const CHUNK = 500;
const geoJson = (g: unknown) => sql`ST_SetSRID(ST_GeomFromGeoJSON(${JSON.stringify(g)}), 4326)`;
/** PostGIS repairs what the parser cannot see (self-intersections), keeping only the polygon parts. */
const validMulti = (g: unknown) => sql`ST_Multi(ST_CollectionExtract(ST_MakeValid(${geoJson(g)}), 3))`;

export interface OldDistrictRow {
  code: string;
  name: string;
  geometry: unknown;
}

/** Replaces the wards and old districts; returns how many ward polygons PostGIS had to repair. */
export async function replaceAreas(
  db: Kysely<Database>,
  wards: WardRow[],
  oldDistricts: OldDistrictRow[],
): Promise<{ repaired: number }> {
  await db.deleteFrom('districts').execute();
  let repaired = 0;
  for (let i = 0; i < wards.length; i += CHUNK) {
    for (const w of wards.slice(i, i + CHUNK)) {
      const valid = await sql<{ ok: boolean }>`SELECT ST_IsValid(${geoJson(w.geometry)}) AS ok`.execute(db);
      if (!valid.rows[0]?.ok) repaired++;
      await db
        .insertInto('districts')
        .values({
          code: w.code,
          name: w.name,
          kind: 'ward',
          parent_name: null,
          population: w.population,
          area_km2: w.areaKm2,
          before_merger: w.beforeMerger,
          label_point: w.label ? sql`ST_SetSRID(ST_MakePoint(${w.label[0]}, ${w.label[1]}), 4326)` : null,
          geom: validMulti(w.geometry),
        })
        .execute();
    }
  }
  for (const d of oldDistricts)
    await db
      .insertInto('districts')
      .values({
        code: `pre2025-${d.code}`,
        name: d.name,
        kind: 'district',
        parent_name: null,
        population: null,
        area_km2: null,
        before_merger: null,
        label_point: null,
        geom: validMulti(d.geometry),
      })
      .execute();
  return { repaired };
}

/** Re-places every located row in its ward after the polygons changed (the triggers do it for new writes). */
export async function backfillWards(db: Kysely<Database>): Promise<void> {
  await sql`UPDATE calls SET ward = ward_at(location) WHERE location IS NOT NULL`.execute(db);
  await sql`UPDATE incidents SET ward = ward_at(point)`.execute(db);
  await sql`UPDATE cameras SET ward = ward_at(point)`.execute(db);
  await sql`UPDATE stations SET ward = ward_at(point)`.execute(db);
  await sql`UPDATE units SET ward = ward_at(position) WHERE position IS NOT NULL`.execute(db);
  await sql`UPDATE hospitals SET ward = ward_at(point)`.execute(db);
}

/** A geometry of an imported row, checked against the city's wards. */
export interface PlacedRow {
  row: number;
  geometry: unknown;
}

/**
 * The rows whose geometry touches no 2025 ward, in row order: points and streets outside the city. None while the
 * city has no ward polygons (the generated city), where there is no boundary to be outside of.
 */
export async function rowsOutsideWards(db: Kysely<Database>, rows: readonly PlacedRow[]): Promise<number[]> {
  const outside: number[] = [];
  for (let i = 0; i < rows.length; i += CHUNK * 4) {
    const chunk = rows.slice(i, i + CHUNK * 4).map((r) => ({ row: r.row, geometry: r.geometry }));
    const found = await sql<{ row: number }>`
      SELECT (f->>'row')::int AS row
      FROM jsonb_array_elements(${JSON.stringify(chunk)}::jsonb) f
      WHERE EXISTS (SELECT 1 FROM districts WHERE kind = 'ward')
        AND NOT EXISTS (
          SELECT 1 FROM districts d
          WHERE d.kind = 'ward' AND ST_Intersects(d.geom, ST_SetSRID(ST_GeomFromGeoJSON(f->'geometry'), 4326)))
      ORDER BY 1`.execute(db);
    outside.push(...found.rows.map((r) => r.row));
  }
  return outside;
}

/** The old district a point lies in, by the pre-2025 polygons. */
const oldDistrictAt = (point: ReturnType<typeof sql>) =>
  sql<
    string | null
  >`(SELECT name FROM districts WHERE kind = 'district' AND ST_Intersects(geom, ${point}) LIMIT 1)`;

/**
 * Gazetteer entries for the wards: the 2025 name, each old ward name with its old district ("Phường 7 Quận 5"
 * finds Phường An Đông), and each old district name for every ward that took a real part of it ("Quận 1").
 */
export async function replaceAreaGazetteer(db: Kysely<Database>): Promise<number> {
  await db.deleteFrom('gazetteer').where('kind', 'in', ['ward', 'district']).execute();
  const wards = await db
    .selectFrom('districts')
    .select([
      'name',
      'before_merger',
      sql<string>`ST_AsText(COALESCE(label_point, ST_PointOnSurface(geom)))`.as('at'),
      sql<string | null>`(SELECT d.name FROM districts d WHERE d.kind = 'district'
        AND ST_Intersects(d.geom, districts.geom)
        ORDER BY ST_Area(ST_Intersection(d.geom, districts.geom)) DESC LIMIT 1)`.as('main_district'),
    ])
    .where('kind', '=', 'ward')
    .execute();
  const entries: Array<{ name: string; search: string; at: string; kind?: 'district' }> = [];
  for (const w of wards) {
    entries.push({ name: w.name, search: foldForSearch(w.name), at: w.at });
    for (const old of parseBeforeMerger(w.before_merger)) {
      const district = old.district ?? w.main_district;
      const said = district ? `${old.name}, ${district}` : old.name;
      if (foldForSearch(old.name) === foldForSearch(w.name) && !district) continue;
      entries.push({ name: `${w.name} (cũ: ${said})`, search: foldForSearch(said), at: w.at });
    }
  }
  const olds = await db
    .selectFrom('districts')
    .select(['name', sql<string>`ST_AsText(ST_PointOnSurface(geom))`.as('at')])
    .where('kind', '=', 'district')
    .execute();
  for (const d of olds)
    entries.push({ name: d.name, search: foldForSearch(d.name), at: d.at, kind: 'district' });
  for (let i = 0; i < entries.length; i += CHUNK)
    await db
      .insertInto('gazetteer')
      .values(
        entries.slice(i, i + CHUNK).map((e) => ({
          kind: e.kind ?? 'ward',
          name: e.name,
          search_text: e.search,
          district: null,
          ward: null,
          point: sql`ST_GeomFromText(${e.at}, 4326)::geography`,
        })),
      )
      .execute();
  // Every 2025 ward that covers at least a tenth of an old district, or a tenth of itself lies in it.
  const parts = await sql<{ district: string; ward: string; at: string }>`
    SELECT d.name AS district, w.name AS ward, ST_AsText(COALESCE(w.label_point, ST_PointOnSurface(w.geom))) AS at
    FROM districts d JOIN districts w ON w.kind = 'ward' AND ST_Intersects(d.geom, w.geom)
    WHERE d.kind = 'district' AND ST_Area(ST_Intersection(d.geom, w.geom)) >
      0.1 * LEAST(ST_Area(d.geom), ST_Area(w.geom))`.execute(db);
  for (let i = 0; i < parts.rows.length; i += CHUNK)
    await db
      .insertInto('gazetteer')
      .values(
        parts.rows.slice(i, i + CHUNK).map((p) => ({
          kind: 'ward',
          name: `${p.ward} (cũ: ${p.district})`,
          search_text: foldForSearch(p.district),
          district: p.district,
          ward: p.ward,
          point: sql`ST_GeomFromText(${p.at}, 4326)::geography`,
        })),
      )
      .execute();
  await sql`UPDATE gazetteer SET ward = ward_at(point), district = ${oldDistrictAt(sql`point::geometry`)}
    WHERE kind IN ('ward', 'district') AND ward IS NULL`.execute(db);
  return entries.length + parts.rows.length;
}

/** Replaces the streets, and one gazetteer entry per named street and ward it runs through. */
export async function replaceStreets(db: Kysely<Database>, rows: StreetRow[]): Promise<number> {
  await db.deleteFrom('roads').execute();
  await db.deleteFrom('gazetteer').where('kind', '=', 'street').execute();
  for (let i = 0; i < rows.length; i += CHUNK)
    await db
      .insertInto('roads')
      .values(
        rows.slice(i, i + CHUNK).map((r) => ({
          name: r.name,
          road_class: r.roadClass,
          osm_id: r.osmId,
          osm_class: r.osmClass,
          oneway: r.oneway,
          search_text: r.searchText,
          geom: geoJson(r.geometry),
        })),
      )
      .execute();
  const added = await sql`
    INSERT INTO gazetteer (kind, name, search_text, district, ward, point)
    SELECT DISTINCT ON (search_text, ward) 'street', name, search_text, NULL, ward, p::geography
    FROM (
      SELECT name, search_text, ST_LineInterpolatePoint(geom, 0.5) AS p, ward_at(ST_LineInterpolatePoint(geom, 0.5)::geography) AS ward,
        ST_Length(geom::geography) AS len
      FROM roads WHERE search_text IS NOT NULL AND search_text <> ''
    ) s
    ORDER BY search_text, ward, len DESC`.execute(db);
  await sql`UPDATE gazetteer SET district = ${oldDistrictAt(sql`point::geometry`)} WHERE kind = 'street'`.execute(
    db,
  );
  return Number(added.numAffectedRows ?? 0);
}

/** The hospitals' gazetteer entries follow the hospitals table. */
export async function replaceHospitalGazetteer(db: Kysely<Database>): Promise<void> {
  await db.deleteFrom('gazetteer').where('kind', '=', 'hospital').execute();
  const rows = await db
    .selectFrom('hospitals')
    .select(['name', 'ward'])
    .select(sql<string>`ST_AsText(point)`.as('at'))
    .execute();
  for (let i = 0; i < rows.length; i += CHUNK)
    await db
      .insertInto('gazetteer')
      .values(
        rows.slice(i, i + CHUNK).map((h) => ({
          kind: 'hospital',
          name: h.name,
          search_text: foldForSearch(h.name),
          district: null,
          ward: h.ward,
          point: sql`ST_GeomFromText(${h.at}, 4326)::geography`,
        })),
      )
      .execute();
  await sql`UPDATE gazetteer SET district = ${oldDistrictAt(sql`point::geometry`)} WHERE kind = 'hospital'`.execute(
    db,
  );
}
