// A small city written into a folder in the real data's file layout (no real data needed): three wards (a square,
// a self-intersecting bow tie, one with an open ring), and streets, hospitals and cameras inside and outside them.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

export type Position = [lon: number, lat: number];
const feature = (properties: Record<string, unknown>, geometry: unknown) => ({
  type: 'Feature',
  properties,
  geometry,
});
const collection = (features: unknown[]) => JSON.stringify({ type: 'FeatureCollection', features });
const polygon = (ring: Position[]) => ({ type: 'Polygon', coordinates: [ring] });
const point = ([lon, lat]: Position) => ({ type: 'Point', coordinates: [lon, lat] });

/** A bow tie: its two diagonals cross at (106.705, 10.765), so the ring crosses itself (ST_IsValid: false). */
export const BOW_TIE: Position[] = [
  [106.7, 10.76],
  [106.71, 10.77],
  [106.71, 10.76],
  [106.7, 10.77],
  [106.7, 10.76],
];
export const LEFT_LOBE = { lat: 10.765, lon: 106.702 };
export const RIGHT_LOBE = { lat: 10.765, lon: 106.708 };
export const IN_SQUARE = { lat: 10.765, lon: 106.695 };
export const AT_SEA: Position = [107.5, 10.2];

/** Three wards (a square, the bow tie, one with an open ring), and rows of each kind inside and outside them. */
export function writeSmallCity(dir: string): void {
  writeFileSync(
    join(dir, 'hcmc_wards_2025.geojson'),
    collection([
      feature(
        { id: 'T1', name: 'Thử Vuông', type: 'Phường' },
        polygon([
          [106.69, 10.76],
          [106.7, 10.76],
          [106.7, 10.77],
          [106.69, 10.77],
          [106.69, 10.76],
        ]),
      ),
      feature({ id: 'T2', name: 'Thử Nơ', type: 'Phường' }, polygon(BOW_TIE)),
      feature(
        { id: 'T3', name: 'Thử Hở', type: 'Xã' },
        polygon([
          [106.71, 10.76],
          [106.72, 10.76],
          [106.72, 10.77],
          [106.71, 10.77],
        ]),
      ),
    ]),
  );
  const line = (a: Position, b: Position) => ({ type: 'LineString', coordinates: [a, b] });
  writeFileSync(
    join(dir, 'hcmc_roads_osm_2018.geojson'),
    collection([
      feature(
        { osm_id: 1, name: 'Đường Thử Một', highway: 'residential' },
        line([106.691, 10.765], [106.699, 10.765]),
      ),
      feature(
        { osm_id: 2, name: 'Lối Đi Bộ', highway: 'footway' },
        line([106.692, 10.766], [106.693, 10.766]),
      ),
      feature({ osm_id: 3, name: 'Đường Ngoài Khơi', highway: 'primary' }, line(AT_SEA, [107.51, 10.21])),
    ]),
  );
  writeFileSync(
    join(dir, 'hcmc_hospitals_osm.geojson'),
    collection([
      feature({ name: 'Bệnh viện Thử Ngoài' }, point(AT_SEA)),
      feature({ name: 'Bệnh viện Thử Trong' }, point([106.696, 10.764])),
    ]),
  );
  writeFileSync(
    join(dir, 'hcmc_traffic_cameras_2025.geojson'),
    collection([
      feature(
        { code: 'CI-IN', name: 'Thử Một - Thử Hai', ptz: true },
        point([RIGHT_LOBE.lon, RIGHT_LOBE.lat]),
      ),
      feature({ code: 'CI-SEA', name: 'Ngoài khơi', ptz: false }, point(AT_SEA)),
    ]),
  );
}
