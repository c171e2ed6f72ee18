// Turns the OSM hospital GeoJSON into import rows: a stable code from name and place, suggested capabilities
// from the name (to be confirmed by the centre), per-row errors. Pure: no database.
import { createHash } from 'node:crypto';
import type { HospitalCapability } from '@hcm112/shared';
import { foldForSearch } from '../addresses/normalize.ts';
import type { GeoRowError } from '../geodata/ward-rows.ts';
import type { HospitalImportRow } from './repository.ts';

// Only a suggestion read from the name: every imported hospital stays unverified until someone confirms it.
const SUGGESTIONS: ReadonlyArray<readonly [RegExp, HospitalCapability]> = [
  [/\bnhi\b|nhi dong|children/, 'paediatrics'],
  [/san\b|phu san|tu du|hung vuong|obstetric|maternity/, 'obstetrics'],
  [/chan thuong|cho ray|trauma|115|nhan dan gia dinh|thong nhat/, 'trauma'],
  [/bong|burn|cho ray/, 'burns'],
  [/dot quy|stroke|cho ray|115|nhan dan gia dinh|thong nhat|dai hoc y duoc/, 'stroke'],
];

export function suggestCapabilities(name: string): HospitalCapability[] {
  const folded = foldForSearch(name);
  const found = new Set<HospitalCapability>(['emergency']);
  for (const [pattern, capability] of SUGGESTIONS) if (pattern.test(folded)) found.add(capability);
  return [...found];
}

type Raw = {
  properties?: Record<string, unknown> | null;
  geometry?: { type?: string; coordinates?: unknown } | null;
};

export function parseHospitals(collection: unknown): { rows: HospitalImportRow[]; errors: GeoRowError[] } {
  const features = (collection as { features?: unknown })?.features;
  if (!Array.isArray(features)) throw new Error('not a GeoJSON FeatureCollection');
  const rows: HospitalImportRow[] = [];
  const errors: GeoRowError[] = [];
  const codes = new Set<string>();
  for (const [i, f] of (features as Raw[]).entries()) {
    const row = i + 1;
    const p = f?.properties ?? {};
    const name = typeof p.name === 'string' ? p.name.trim().normalize('NFC') : '';
    if (!name) {
      errors.push({ row, name: null, reason: 'no name' });
      continue;
    }
    const c = f?.geometry?.coordinates;
    const [lon, lat] = Array.isArray(c) ? (c as unknown[]) : [];
    if (
      f?.geometry?.type !== 'Point' ||
      typeof lon !== 'number' ||
      typeof lat !== 'number' ||
      Math.abs(lat) > 90
    ) {
      errors.push({ row, name, reason: 'geometry is not a Point [lon, lat]' });
      continue;
    }
    const code = `osm-${createHash('sha256')
      .update(`${foldForSearch(name)}@${lat.toFixed(4)},${lon.toFixed(4)}`)
      .digest('hex')
      .slice(0, 12)}`;
    if (codes.has(code)) {
      errors.push({ row, name, reason: 'same name at the same place as an earlier row' });
      continue;
    }
    codes.add(code);
    const text = (v: unknown) => (typeof v === 'string' ? v.trim().normalize('NFC') : '');
    rows.push({
      row,
      code,
      name,
      address: text(p.address),
      phone: text(p.phone),
      lat,
      lon,
      capabilities: suggestCapabilities(name),
    });
  }
  return { rows, errors };
}
