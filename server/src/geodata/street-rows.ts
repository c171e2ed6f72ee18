// Turns the OSM street GeoJSON into validated rows with the map's road class and a searchable name; bad rows
// are reported by feature number. Pure: no database.
import type { LineString, Position } from 'geojson';
import { foldForSearch } from '../addresses/normalize.ts';
import type { GeoRowError } from './ward-rows.ts';

export type RoadClass = 'highway' | 'arterial' | 'collector' | 'local';

export interface StreetRow {
  row: number;
  osmId: number | null;
  name: string;
  osmClass: string;
  roadClass: RoadClass;
  oneway: boolean;
  searchText: string | null;
  geometry: LineString;
}

/** OSM highway tag -> the base map's four classes (what is drawn at which zoom). */
const CLASS_OF: Readonly<Record<string, RoadClass>> = {
  motorway: 'highway',
  motorway_link: 'highway',
  trunk: 'highway',
  trunk_link: 'highway',
  primary: 'arterial',
  primary_link: 'arterial',
  secondary: 'arterial',
  secondary_link: 'arterial',
  tertiary: 'collector',
  tertiary_link: 'collector',
  unclassified: 'local',
  residential: 'local',
  living_street: 'local',
};

/** "Đường Nguyễn Huệ" and "Nguyễn Huệ" are the same street to a caller. */
export function streetSearchText(name: string): string {
  return foldForSearch(name).replace(/^duong /, '');
}

const isPosition = (p: unknown): p is Position =>
  Array.isArray(p) && p.length >= 2 && Number.isFinite(p[0]) && Number.isFinite(p[1]);

type Raw = {
  properties?: Record<string, unknown> | null;
  geometry?: { type?: string; coordinates?: unknown } | null;
};

export function parseStreets(collection: unknown): { rows: StreetRow[]; errors: GeoRowError[] } {
  const features = (collection as { features?: unknown })?.features;
  if (!Array.isArray(features)) throw new Error('not a GeoJSON FeatureCollection');
  const rows: StreetRow[] = [];
  const errors: GeoRowError[] = [];
  for (const [i, f] of (features as Raw[]).entries()) {
    const row = i + 1;
    const p = f?.properties ?? {};
    const name = typeof p.name === 'string' ? p.name.trim().normalize('NFC') : '';
    const osmClass = String(p.highway ?? '');
    const roadClass = CLASS_OF[osmClass];
    if (!roadClass) {
      errors.push({ row, name: name || null, reason: `highway=${osmClass} is not a street` });
      continue;
    }
    const coords = f?.geometry?.coordinates;
    if (f?.geometry?.type !== 'LineString' || !Array.isArray(coords) || !coords.every(isPosition)) {
      errors.push({ row, name: name || null, reason: 'geometry is not a LineString of [lon, lat]' });
      continue;
    }
    if (coords.length < 2) {
      errors.push({ row, name: name || null, reason: 'a line needs two points' });
      continue;
    }
    const osmId = Number(p.osm_id);
    rows.push({
      row,
      osmId: Number.isSafeInteger(osmId) ? osmId : null,
      name,
      osmClass,
      roadClass,
      oneway: p.oneway === 'yes' || p.oneway === '1' || p.oneway === '-1' || p.junction === 'roundabout',
      searchText: name ? streetSearchText(name) : null,
      geometry: { type: 'LineString', coordinates: coords as Position[] },
    });
  }
  return { rows, errors };
}
