// Point -> 2025 ward and pre-2025 district, in memory: each polygon's bounding box first, then the exact test,
// so a lookup stays well under a millisecond with the city's 168 wards.
import type { GeoPoint } from '@hcm112/shared';
import { booleanPointInPolygon } from '@turf/turf';
import type { MultiPolygon, Polygon } from 'geojson';

export interface AreaShape {
  name: string;
  kind: 'district' | 'ward';
  geometry: Polygon | MultiPolygon;
}

interface Indexed {
  name: string;
  geometry: Polygon | MultiPolygon;
  box: [minLon: number, minLat: number, maxLon: number, maxLat: number];
}

function boxOf(g: Polygon | MultiPolygon): Indexed['box'] {
  const box: Indexed['box'] = [Infinity, Infinity, -Infinity, -Infinity];
  const polygons = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  for (const polygon of polygons)
    for (const [lon, lat] of polygon[0] ?? []) {
      box[0] = Math.min(box[0], lon!);
      box[1] = Math.min(box[1], lat!);
      box[2] = Math.max(box[2], lon!);
      box[3] = Math.max(box[3], lat!);
    }
  return box;
}

export class AreaIndex {
  private readonly wards: Indexed[];
  private readonly districts: Indexed[];

  constructor(shapes: AreaShape[]) {
    const index = (kind: AreaShape['kind']) =>
      shapes
        .filter((s) => s.kind === kind)
        .map((s) => ({ name: s.name, geometry: s.geometry, box: boxOf(s.geometry) }));
    this.wards = index('ward');
    this.districts = index('district');
  }

  get hasWards(): boolean {
    return this.wards.length > 0;
  }

  wardOf(p: GeoPoint): string | null {
    return find(this.wards, p);
  }

  districtOf(p: GeoPoint): string | null {
    return find(this.districts, p);
  }
}

function find(list: Indexed[], p: GeoPoint): string | null {
  const pt: [number, number] = [p.lon, p.lat];
  for (const s of list) {
    const [x0, y0, x1, y1] = s.box;
    if (p.lon < x0 || p.lon > x1 || p.lat < y0 || p.lat > y1) continue;
    if (booleanPointInPolygon(pt, s.geometry)) return s.name;
  }
  return null;
}
