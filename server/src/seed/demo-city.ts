// Generates the demo city from the place lists and a seed: district cells, roads, gazetteer, stations,
// units, cameras. Pure: the same seed always gives the same city.
import { createHash, createHmac } from 'node:crypto';
import { type Agency, type GeoPoint, type StreamKind, UNIT_KIND_INFO, type UnitKind } from '@hcm112/shared';
import * as turf from '@turf/turf';
import type { Feature, LineString, MultiPolygon, Polygon } from 'geojson';
import { foldForSearch } from '../addresses/normalize.ts';
import { CITY_BBOX, DISTRICTS, type DistrictSeed, PLACES, ROADS, type RoadClass } from './city-places.ts';
import { attachDemoStreams } from './demo-cameras.ts';
import { type Random, seededRandom } from './random.ts';

export const DEFAULT_SEED = 112;

export interface DemoDistrict extends DistrictSeed {
  geometry: MultiPolygon;
}
export interface DemoRoad {
  name: string;
  roadClass: RoadClass;
  geometry: LineString;
}
export interface DemoGazetteerEntry {
  kind: 'street' | 'district' | 'landmark' | 'hospital';
  name: string;
  searchText: string;
  district: string | null;
  point: GeoPoint;
}
export interface DemoStation {
  code: string;
  name: string;
  agency: Agency;
  district: string;
  address: string;
  point: GeoPoint;
}
export interface DemoUnit {
  callsign: string;
  agency: Agency;
  kind: UnitKind;
  stationCode: string;
  point: GeoPoint;
  avlTokenHash: string;
}
export interface DemoCamera {
  code: string;
  name: string;
  point: GeoPoint;
  bearingDeg: number;
  fovDeg: number;
  rangeM: number;
  layer: 'high' | 'mid' | 'low';
  owner: 'transport' | 'district';
  ptz: boolean;
  district: string | null;
  /** Only the cameras nearest the centre have one: the demo's ffmpeg test sources. */
  streamKind: StreamKind | null;
  streamUrl: string | null;
}
export interface DemoCity {
  districts: DemoDistrict[];
  roads: DemoRoad[];
  gazetteer: DemoGazetteerEntry[];
  stations: DemoStation[];
  units: DemoUnit[];
  cameras: DemoCamera[];
}

// Key material, never shown or sent: it keeps its first value because demo databases seeded before hold the
// token hashes derived from it, and a new value would lock the simulator's devices out of them.
const AVL_DEMO_SECRET = 'hcm112-demo-avl';

/** The AVL token of a demo unit's device; the simulator and tests derive it the same way. */
export function unitToken(callsign: string): string {
  return createHmac('sha256', AVL_DEMO_SECRET).update(callsign).digest('base64url');
}

export function hashUnitToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

const round = (n: number) => Math.round(n * 1e6) / 1e6;

function districtCells(): DemoDistrict[] {
  const points = turf.featureCollection(DISTRICTS.map((d) => turf.point([d.lon, d.lat], { code: d.code })));
  const cells = turf.voronoi(points, { bbox: [...CITY_BBOX] });
  return DISTRICTS.map((d, i) => {
    const cell = cells.features[i] as Feature<Polygon>;
    return { ...d, geometry: { type: 'MultiPolygon', coordinates: [cell.geometry.coordinates] } };
  });
}

export function districtAt(districts: DemoDistrict[], p: GeoPoint): DemoDistrict | null {
  const pt = turf.point([p.lon, p.lat]);
  return districts.find((d) => turf.booleanPointInPolygon(pt, d.geometry)) ?? null;
}

function jitter(rnd: Random, p: GeoPoint, metres: number): GeoPoint {
  const dLat = rnd.between(-metres, metres) / 111_320;
  const dLon = rnd.between(-metres, metres) / (111_320 * Math.cos((p.lat * Math.PI) / 180));
  return { lat: round(p.lat + dLat), lon: round(p.lon + dLon) };
}

function roadLine(path: ReadonlyArray<readonly [number, number]>) {
  return turf.lineString(path.map(([lat, lon]) => [lon, lat]));
}

function streetEntries(districts: DemoDistrict[]): DemoGazetteerEntry[] {
  const entries: DemoGazetteerEntry[] = [];
  for (const road of ROADS) {
    const line = roadLine(road.path);
    const length = turf.length(line, { units: 'meters' });
    // One point every ~250 m, so a house number resolves near the right stretch of the street.
    for (let at = 0; at <= length; at += 250) {
      const [lon, lat] = turf.along(line, at, { units: 'meters' }).geometry.coordinates as [number, number];
      const point = { lat: round(lat), lon: round(lon) };
      entries.push({
        kind: 'street',
        name: road.name,
        searchText: foldForSearch(road.name),
        district: districtAt(districts, point)?.name ?? null,
        point,
      });
    }
  }
  return entries;
}

function gazetteer(districts: DemoDistrict[]): DemoGazetteerEntry[] {
  const places = PLACES.map((p) => {
    const point = { lat: p.lat, lon: p.lon };
    return {
      kind: p.kind,
      name: p.name,
      searchText: foldForSearch(p.name),
      district: districtAt(districts, point)?.name ?? null,
      point,
    };
  });
  const districtEntries = districts.map((d) => ({
    kind: 'district' as const,
    name: d.name,
    searchText: foldForSearch(d.name),
    district: d.name,
    point: { lat: d.lat, lon: d.lon },
  }));
  return [...places, ...districtEntries, ...streetEntries(districts)];
}

const STATION_PLAN: ReadonlyArray<{
  agency: Agency;
  prefix: string;
  label: string;
  extra: readonly string[];
}> = [
  { agency: 'fire', prefix: 'CH', label: 'Đội Cảnh sát PCCC & CNCH', extra: ['TDU', 'BCH', 'Q12'] },
  {
    agency: 'police',
    prefix: 'CA',
    label: 'Công an',
    extra: ['TDU', 'TDU', 'BCH', 'Q12', 'GVA', 'BTA', 'Q7', 'Q8'],
  },
];

function stations(rnd: Random, districts: DemoDistrict[]): DemoStation[] {
  const out: DemoStation[] = [];
  for (const plan of STATION_PLAN) {
    const codes = [...DISTRICTS.map((d) => d.code), ...plan.extra];
    const seen = new Map<string, number>();
    for (const code of codes) {
      const n = (seen.get(code) ?? 0) + 1;
      seen.set(code, n);
      const d = districts.find((x) => x.code === code)!;
      const point = jitter(rnd, { lat: d.lat, lon: d.lon }, n === 1 ? 700 : 3000);
      out.push({
        code: `${plan.prefix}-${code}-${n}`,
        name: `${plan.label} ${d.name}${n > 1 ? ` (${n})` : ''}`,
        agency: plan.agency,
        district: d.name,
        address: d.name,
        point,
      });
    }
  }
  // Ambulance stations sit at the hospitals that host the 115 network.
  for (const [i, h] of PLACES.filter((p) => p.kind === 'hospital').entries()) {
    const point = { lat: h.lat, lon: h.lon };
    out.push({
      code: `CC-${String(i + 1).padStart(2, '0')}`,
      name: `Trạm cấp cứu 115 - ${h.name}`,
      agency: 'ambulance',
      district: districtAt(districts, point)?.name ?? '',
      address: h.name,
      point,
    });
  }
  return out;
}

/** Which unit kinds each station houses, by agency and the station's position in its list. */
function kindsFor(station: DemoStation, index: number): UnitKind[] {
  if (station.agency === 'fire') {
    const kinds: UnitKind[] = ['fire-engine', 'fire-engine'];
    if (index % 3 === 0) kinds.push('ladder-truck');
    if (index % 4 === 1) kinds.push('rescue-truck');
    if (index === 0 || index === 16) kinds.push('hazmat-truck');
    if (index === 3 || index === 18) kinds.push('rescue-boat');
    return kinds;
  }
  if (station.agency === 'police') {
    const kinds: UnitKind[] = ['police-patrol'];
    if (index % 2 === 0) kinds.push('police-motorbike');
    if (index % 4 === 0) kinds.push('traffic-police');
    return kinds;
  }
  return index % 2 === 0 ? ['ambulance-als', 'ambulance-bls'] : ['ambulance-als'];
}

function units(rnd: Random, all: DemoStation[]): DemoUnit[] {
  const out: DemoUnit[] = [];
  for (const agency of ['fire', 'police', 'ambulance'] as const) {
    for (const [i, st] of all.filter((s) => s.agency === agency).entries()) {
      for (const [j, kind] of kindsFor(st, i).entries()) {
        const callsign = `${st.code}-${String(j + 1).padStart(2, '0')}`;
        out.push({
          callsign,
          agency: UNIT_KIND_INFO[kind].agency,
          kind,
          stationCode: st.code,
          point: jitter(rnd, st.point, 30),
          avlTokenHash: hashUnitToken(unitToken(callsign)),
        });
      }
    }
  }
  return out;
}

function cameras(
  rnd: Random,
  districts: DemoDistrict[],
  count: number,
): Array<Omit<DemoCamera, 'streamKind' | 'streamUrl'>> {
  const lines = ROADS.map((r) => ({ road: r, line: roadLine(r.path) }));
  const lengths = lines.map((l) => turf.length(l.line, { units: 'meters' }));
  const total = lengths.reduce((a, b) => a + b, 0);
  const out: Array<Omit<DemoCamera, 'streamKind' | 'streamUrl'>> = [];
  for (let i = 0; i < count; i++) {
    // Spread over the network in proportion to length; every fifth camera at a road vertex (junction).
    let at = (i + rnd.next()) * (total / count);
    let k = 0;
    while (at > lengths[k]! && k < lines.length - 1) at -= lengths[k++]!;
    const { road, line } = lines[k]!;
    const coords = line.geometry.coordinates;
    const atVertex = i % 5 === 0;
    const here = atVertex
      ? coords[rnd.int(0, coords.length - 1)]!
      : turf.along(line, at, { units: 'meters' }).geometry.coordinates;
    const ahead = turf.along(line, Math.min(lengths[k]!, at + 20), { units: 'meters' }).geometry.coordinates;
    const roadBearing = (turf.bearing(turf.point(here), turf.point(ahead)) + 360) % 360;
    const facing = rnd.pick([0, 180, 90, 270]);
    const point = jitter(rnd, { lat: here[1]!, lon: here[0]! }, 8);
    out.push({
      code: `CAM-${String(i + 1).padStart(4, '0')}`,
      name: `${road.name} ${atVertex ? '(giao lộ)' : `km ${(at / 1000).toFixed(1)}`}`,
      point,
      bearingDeg: Math.round((roadBearing + facing + rnd.between(-15, 15) + 360) % 360) % 360,
      fovDeg: rnd.int(60, 100),
      rangeM: rnd.int(80, 250),
      layer: rnd.pick(['high', 'mid', 'mid', 'low'] as const),
      owner: rnd.chance(0.7) ? 'transport' : 'district',
      ptz: rnd.chance(0.1),
      district: districtAt(districts, point)?.name ?? null,
    });
  }
  return out;
}

export function generateDemoCity(seed = DEFAULT_SEED, cameraCount = 1000): DemoCity {
  const rnd = seededRandom(seed);
  const districts = districtCells();
  const roads = ROADS.map((r) => ({
    name: r.name,
    roadClass: r.roadClass,
    geometry: roadLine(r.path).geometry,
  }));
  const allStations = stations(rnd, districts);
  return {
    districts,
    roads,
    gazetteer: gazetteer(districts),
    stations: allStations,
    units: units(rnd, allStations),
    cameras: attachDemoStreams(cameras(rnd, districts, cameraCount)),
  };
}
