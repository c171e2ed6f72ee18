// Turns a GeoJSON FeatureCollection or a CSV file into validated camera rows and per-row errors.
// Pure: no database. Missing bearing/fov/range/layer/owner get the defaults documented in docs/api.md.
import {
  type CameraFields,
  type CameraImportError,
  type CameraLayer,
  CreateCameraRequest,
} from '@hcm112/shared';
import { parse as parseCsv } from 'csv-parse/sync';
import { Invalid } from '../errors.ts';

export interface ImportRow {
  /** GeoJSON feature number or CSV line number, 1-based. */
  row: number;
  fields: CameraFields;
}

export interface ParsedImport {
  rows: ImportRow[];
  errors: CameraImportError[];
}

type Raw = Record<string, unknown>;

/** Useful range when a row gives none: a high mast sees further than a pole at the kerb. */
export const DEFAULT_RANGE_M: Readonly<Record<CameraLayer, number>> = { high: 400, mid: 200, low: 100 };
/** Field of view when a row gives a bearing but no fov. */
export const DEFAULT_FOV_DEG = 90;

const ALIASES: Readonly<Record<string, readonly string[]>> = {
  code: ['code', 'camera_code', 'cameraCode'],
  name: ['name'],
  bearingDeg: ['bearingDeg', 'bearing_deg', 'bearing', 'heading'],
  fovDeg: ['fovDeg', 'fov_deg', 'fov'],
  rangeM: ['rangeM', 'range_m', 'range'],
  layer: ['layer'],
  owner: ['owner'],
  ptz: ['ptz'],
  streamUrl: ['streamUrl', 'stream_url'],
  streamKind: ['streamKind', 'stream_kind'],
  district: ['district'],
  lat: ['lat', 'latitude'],
  lon: ['lon', 'lng', 'longitude'],
};

function pick(raw: Raw, field: string): unknown {
  for (const name of ALIASES[field] ?? [field]) {
    const v = raw[name];
    if (v !== undefined && v !== null && v !== '') return typeof v === 'string' ? v.trim() : v;
  }
  return undefined;
}

/** CSV cells are text: numbers and booleans are read as such, anything else is left for zod to name. */
function asNumber(v: unknown): unknown {
  if (typeof v !== 'string') return v;
  return /^-?\d+(\.\d+)?$/.test(v) ? Number(v) : v;
}

function asBoolean(v: unknown): unknown {
  if (typeof v !== 'string') return v;
  const s = v.toLowerCase();
  if (['true', '1', 'yes', 'y'].includes(s)) return true;
  if (['false', '0', 'no', 'n'].includes(s)) return false;
  return v;
}

/** The camera a raw row describes, with defaults for what real registries often leave out. */
export function cameraFromRaw(raw: Raw, point: { lat: unknown; lon: unknown }): Record<string, unknown> {
  const code = pick(raw, 'code');
  const ptz = asBoolean(pick(raw, 'ptz')) ?? false;
  const layer = pick(raw, 'layer') ?? 'mid';
  const bearing = asNumber(pick(raw, 'bearingDeg'));
  // Without a known bearing a fixed camera is taken to see all around, so it is surfaced rather than missed.
  const fov =
    asNumber(pick(raw, 'fovDeg')) ?? (bearing === undefined || ptz === true ? 360 : DEFAULT_FOV_DEG);
  return {
    code,
    name: pick(raw, 'name') ?? code,
    point: { lat: asNumber(point.lat), lon: asNumber(point.lon) },
    bearingDeg: bearing ?? 0,
    fovDeg: fov,
    rangeM: asNumber(pick(raw, 'rangeM')) ?? DEFAULT_RANGE_M[layer as CameraLayer] ?? DEFAULT_RANGE_M.mid,
    layer,
    owner: pick(raw, 'owner') ?? 'transport',
    ptz,
    streamUrl: pick(raw, 'streamUrl') ?? null,
    streamKind: pick(raw, 'streamKind') ?? null,
    district: pick(raw, 'district') ?? null,
  };
}

function validateRows(candidates: Array<{ row: number; value: Record<string, unknown> }>): ParsedImport {
  const out: ParsedImport = { rows: [], errors: [] };
  const seen = new Map<string, number>();
  for (const { row, value } of candidates) {
    const code = typeof value.code === 'string' ? value.code : null;
    const parsed = CreateCameraRequest.safeParse(value);
    if (!parsed.success) {
      const fields: Record<string, string> = {};
      for (const issue of parsed.error.issues) fields[issue.path.join('.') || 'row'] ??= issue.message;
      out.errors.push({ row, code, fields });
      continue;
    }
    const first = seen.get(parsed.data.code);
    if (first !== undefined) {
      out.errors.push({ row, code, fields: { code: `duplicate of row ${first}` } });
      continue;
    }
    seen.set(parsed.data.code, row);
    out.rows.push({ row, fields: parsed.data });
  }
  return out;
}

export function parseGeoJson(doc: unknown): ParsedImport {
  const fc = doc as { type?: unknown; features?: unknown };
  if (fc?.type !== 'FeatureCollection' || !Array.isArray(fc.features))
    throw new Invalid('not a GeoJSON FeatureCollection', { body: 'expected a FeatureCollection' });
  const candidates: Array<{ row: number; value: Record<string, unknown> }> = [];
  const shapeErrors: CameraImportError[] = [];
  fc.features.forEach(
    (f: { properties?: Raw | null; geometry?: { type?: string; coordinates?: unknown } }, i) => {
      const props = f?.properties ?? {};
      const coords = f?.geometry?.coordinates;
      if (f?.geometry?.type !== 'Point' || !Array.isArray(coords) || coords.length < 2) {
        const code = typeof props.code === 'string' && props.code ? props.code : null;
        shapeErrors.push({ row: i + 1, code, fields: { geometry: 'must be a Point [lon, lat]' } });
        return;
      }
      candidates.push({ row: i + 1, value: cameraFromRaw(props, { lon: coords[0], lat: coords[1] }) });
    },
  );
  const parsed = validateRows(candidates);
  parsed.errors = [...shapeErrors, ...parsed.errors].sort((a, b) => a.row - b.row);
  return parsed;
}

export function parseCameraCsv(text: string): ParsedImport {
  let records: Array<{ record: Raw; info: { lines: number } }>;
  let columns: string[] = [];
  try {
    records = parseCsv(text, {
      columns: (header: string[]) => {
        columns = header.map((h) => h.trim());
        return columns;
      },
      bom: true,
      skip_empty_lines: true,
      trim: true,
      info: true,
      relax_column_count: false,
    });
  } catch (err) {
    throw new Invalid(`unreadable CSV: ${err instanceof Error ? err.message : String(err)}`, {
      body: 'invalid CSV',
    });
  }
  // Without a header naming the position no row can be a camera: a file that is not a camera list.
  const missing = (['lat', 'lon'] as const).filter(
    (f) => !ALIASES[f]!.some((name) => columns.includes(name)),
  );
  if (missing.length)
    throw new Invalid(`CSV header lacks ${missing.join(' and ')}`, {
      header: `needs ${missing.join(' and ')} columns`,
    });
  const candidates = records.map(({ record, info }) => ({
    row: info.lines,
    value: cameraFromRaw(record, { lat: pick(record, 'lat'), lon: pick(record, 'lon') }),
  }));
  return validateRows(candidates);
}
