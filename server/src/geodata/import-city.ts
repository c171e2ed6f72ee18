// Imports the real city's wards, old districts, streets and hospitals from the data folder into the database,
// repairing what can be repaired and reporting the rest by row (rejected rows, and rows kept that lie outside every
// ward). Each part is skipped when its file is absent.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Db } from '../db/database.ts';
import { parseHospitals } from '../hospitals/import-rows.ts';
import { removeDemoHospitals, upsertImportedHospitals } from '../hospitals/repository.ts';
import {
  backfillWards,
  type OldDistrictRow,
  replaceAreaGazetteer,
  replaceAreas,
  replaceHospitalGazetteer,
  replaceStreets,
  rowsOutsideWards,
} from './repository.ts';
import { parseStreets } from './street-rows.ts';
import { type GeoRowError, parseWards } from './ward-rows.ts';

export const CITY_FILES = {
  wards: 'hcmc_wards_2025.geojson',
  oldDistricts: 'hcmc_districts_pre2025.geojson',
  streets: 'hcmc_roads_osm_2018.geojson',
  hospitals: 'hcmc_hospitals_osm.geojson',
} as const;

export type Say = (line: string) => void;

const readJson = (file: string): unknown => JSON.parse(readFileSync(file, 'utf8'));

function reportErrors(say: Say, errors: GeoRowError[], limit = 30): void {
  for (const e of errors.slice(0, limit)) say(`  row ${e.row}${e.name ? ` (${e.name})` : ''}: ${e.reason}`);
  if (errors.length > limit) say(`  ... and ${errors.length - limit} more`);
}

/** Rows kept but lying outside every 2025 ward (a mistyped position, or just over the boundary): said by row. */
export function reportOutside(
  say: Say,
  outside: ReadonlyArray<{ row: number; name: string | null }>,
  limit = 30,
): void {
  for (const o of outside.slice(0, limit))
    say(`  row ${o.row}${o.name ? ` (${o.name})` : ''}: outside every ward (imported; check its position)`);
  if (outside.length > limit) say(`  ... and ${outside.length - limit} more outside`);
}

/** Which of the rows lie outside every ward, with their names, in row order. */
export async function outsideRows<R extends { row: number }>(
  db: Db,
  rows: readonly R[],
  describe: (r: R) => { name: string | null; geometry: unknown },
): Promise<Array<{ row: number; name: string | null }>> {
  const byRow = new Map(rows.map((r) => [r.row, describe(r)]));
  const outside = await rowsOutsideWards(
    db,
    rows.map((r) => ({ row: r.row, geometry: byRow.get(r.row)!.geometry })),
  );
  return outside.map((row) => ({ row, name: byRow.get(row)?.name ?? null }));
}

export const pointGeometry = (lat: number, lon: number) => ({ type: 'Point', coordinates: [lon, lat] });

function oldDistrictRows(collection: unknown): OldDistrictRow[] {
  const features = (collection as { features?: unknown[] }).features ?? [];
  return features.flatMap((f, i) => {
    const { properties, geometry } = f as { properties?: Record<string, unknown>; geometry?: unknown };
    const name = typeof properties?.name === 'string' ? properties.name.normalize('NFC') : null;
    return name && geometry ? [{ code: String(properties?.level2_id ?? i + 1), name, geometry }] : [];
  });
}

export async function importCity(db: Db, dir: string, say: Say): Promise<void> {
  const path = (name: string) => join(dir, name);
  if (existsSync(path(CITY_FILES.wards))) {
    const parsed = parseWards(readJson(path(CITY_FILES.wards)));
    const olds = existsSync(path(CITY_FILES.oldDistricts))
      ? oldDistrictRows(readJson(path(CITY_FILES.oldDistricts)))
      : [];
    const { repaired, names } = await db.transaction().execute(async (trx) => {
      const r = await replaceAreas(trx, parsed.rows, olds);
      const n = await replaceAreaGazetteer(trx);
      await backfillWards(trx);
      return { repaired: r.repaired, names: n };
    });
    say(
      `wards: ${parsed.rows.length} imported (${parsed.closedRings} open rings closed, ${repaired} self-intersecting ` +
        `polygons repaired), ${parsed.errors.length} rows rejected; ${olds.length} pre-2025 districts; ` +
        `${names} ward and old-name entries for the geocoder`,
    );
    reportErrors(say, parsed.errors);
  }
  if (existsSync(path(CITY_FILES.streets))) {
    const parsed = parseStreets(readJson(path(CITY_FILES.streets)));
    const named = await db.transaction().execute((trx) => replaceStreets(trx, parsed.rows));
    const outside = await outsideRows(db, parsed.rows, (r) => ({
      name: r.name || null,
      geometry: r.geometry,
    }));
    say(
      `streets: ${parsed.rows.length} imported (${parsed.rows.filter((r) => r.name).length} named, ` +
        `${named} street-and-ward entries for the geocoder), ${parsed.errors.length} rows rejected, ` +
        `${outside.length} outside every ward`,
    );
    reportErrors(say, parsed.errors);
    reportOutside(say, outside);
  }
  if (existsSync(path(CITY_FILES.hospitals))) {
    const parsed = parseHospitals(readJson(path(CITY_FILES.hospitals)));
    const { created, updated } = await db.transaction().execute(async (trx) => {
      await removeDemoHospitals(trx);
      const r = await upsertImportedHospitals(trx, parsed.rows, 'osm');
      await replaceHospitalGazetteer(trx);
      return r;
    });
    const outside = await outsideRows(db, parsed.rows, (h) => ({
      name: h.name,
      geometry: pointGeometry(h.lat, h.lon),
    }));
    say(
      `hospitals: ${created + updated} imported (${created} created unverified, ${updated} updated keeping their ` +
        `configuration), ${parsed.errors.length} rows rejected, ${outside.length} outside every ward`,
    );
    reportErrors(say, parsed.errors);
    reportOutside(say, outside);
  }
}
