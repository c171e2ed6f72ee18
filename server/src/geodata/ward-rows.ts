// Turns the 2025 ward GeoJSON into validated rows: open rings are closed, rows that cannot be repaired are
// reported by feature number. Pure: no database (self-intersections are repaired by PostGIS on insert).
import type { MultiPolygon, Position } from 'geojson';

export interface WardRow {
  /** GeoJSON feature number, 1-based. */
  row: number;
  code: string;
  /** "Phường Bến Thành", "Xã Cần Giờ", "Đặc khu Côn Đảo". */
  name: string;
  population: number | null;
  areaKm2: number | null;
  beforeMerger: string | null;
  label: [lon: number, lat: number] | null;
  geometry: MultiPolygon;
}

export interface GeoRowError {
  row: number;
  name: string | null;
  reason: string;
}

export interface ParsedWards {
  rows: WardRow[];
  errors: GeoRowError[];
  /** Rings that were not closed and were closed by repeating their first point. */
  closedRings: number;
}

type Raw = {
  properties?: Record<string, unknown> | null;
  geometry?: { type?: string; coordinates?: unknown } | null;
};

const isPosition = (p: unknown): p is Position =>
  Array.isArray(p) &&
  p.length >= 2 &&
  Number.isFinite(p[0]) &&
  Number.isFinite(p[1]) &&
  Math.abs(p[0] as number) <= 180 &&
  Math.abs(p[1] as number) <= 90;

const samePosition = (a: Position, b: Position) => a[0] === b[0] && a[1] === b[1];

/** A closed ring of at least four positions, or the reason there is none. */
function repairRing(ring: unknown): { ring: Position[]; closed: boolean } | string {
  if (!Array.isArray(ring) || !ring.every(isPosition)) return 'a ring has a position that is not [lon, lat]';
  const positions = ring as Position[];
  const closed = positions.length > 0 && samePosition(positions[0]!, positions[positions.length - 1]!);
  const fixed = closed ? positions : [...positions, positions[0]!];
  const distinct = new Set(fixed.map((p) => `${p[0]},${p[1]}`)).size;
  if (distinct < 3) return `a ring has ${distinct} distinct points (a polygon needs 3)`;
  return { ring: fixed, closed: !closed };
}

function polygonsOf(geometry: Raw['geometry']): unknown[] | string {
  if (!geometry || !Array.isArray(geometry.coordinates)) return 'no geometry';
  if (geometry.type === 'Polygon') return [geometry.coordinates];
  if (geometry.type === 'MultiPolygon') return geometry.coordinates;
  return `geometry is ${String(geometry.type)}, not a Polygon or MultiPolygon`;
}

function repairGeometry(geometry: Raw['geometry']): { geometry: MultiPolygon; closed: number } | string {
  const polygons = polygonsOf(geometry);
  if (typeof polygons === 'string') return polygons;
  const out: Position[][][] = [];
  let closed = 0;
  for (const polygon of polygons) {
    if (!Array.isArray(polygon) || polygon.length === 0) return 'an empty polygon';
    const rings: Position[][] = [];
    for (const ring of polygon) {
      const fixed = repairRing(ring);
      if (typeof fixed === 'string') return fixed;
      if (fixed.closed) closed++;
      rings.push(fixed.ring);
    }
    out.push(rings);
  }
  if (out.length === 0) return 'no polygon';
  return { geometry: { type: 'MultiPolygon', coordinates: out }, closed };
}

// Some of the source's texts are decomposed (NFD): stored composed so they compare and display alike.
const text = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim().normalize('NFC') : null);
const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : null);

export function parseWards(collection: unknown): ParsedWards {
  const features = (collection as { features?: unknown })?.features;
  if (!Array.isArray(features)) throw new Error('not a GeoJSON FeatureCollection');
  const rows: WardRow[] = [];
  const errors: GeoRowError[] = [];
  const codes = new Set<string>();
  let closedRings = 0;
  for (const [i, f] of (features as Raw[]).entries()) {
    const row = i + 1;
    const p = f?.properties ?? {};
    const bare = text(p.name);
    const kind = text(p.type);
    const name = bare && kind ? `${kind} ${bare}` : bare;
    const code = text(p.id) ?? (typeof p.id === 'number' ? String(p.id) : null);
    if (!name) {
      errors.push({ row, name: null, reason: 'no name' });
      continue;
    }
    if (!code) {
      errors.push({ row, name, reason: 'no id' });
      continue;
    }
    if (codes.has(code)) {
      errors.push({ row, name, reason: `id ${code} repeated` });
      continue;
    }
    const repaired = repairGeometry(f?.geometry);
    if (typeof repaired === 'string') {
      errors.push({ row, name, reason: repaired });
      continue;
    }
    codes.add(code);
    closedRings += repaired.closed;
    const lon = num(p.label_lng);
    const lat = num(p.label_lat);
    rows.push({
      row,
      code,
      name,
      population: num(p.population),
      areaKm2: num(p.area_km2),
      beforeMerger: text(p.before_merger),
      label: lon !== null && lat !== null ? [lon, lat] : null,
      geometry: repaired.geometry,
    });
  }
  return { rows, errors, closedRings };
}
