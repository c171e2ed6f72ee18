// The RFC 5491 shapes of a PIDF-LO as a representative point, the radius that covers the shape, and the shape
// itself as GeoJSON: the centre of a circle, ellipse or sphere; the area's centroid of a polygon or arc band.
import type { CallerLocation, LocationShape, LocationShapeKind } from '@hcm112/shared';
import {
  centerOfMass,
  destination,
  distance,
  simplify,
  point as turfPoint,
  polygon as turfPolygon,
} from '@turf/turf';

/** Why a shape could not be used: said to the call-taker and kept in the location history. */
export class UnusableShape extends Error {}

export type LatLon = { lat: number; lon: number; alt?: number };

/** Vertices of a drawn ellipse or arc: fine enough at the scale of a city block. */
const ARC_STEP_DEG = 10;

export function checkedPosition(lat: number, lon: number, alt?: number): LatLon {
  if (!Number.isFinite(lat) || !Number.isFinite(lon)) throw new UnusableShape('coordinates are not numbers');
  if (Math.abs(lat) > 90 || Math.abs(lon) > 180)
    throw new UnusableShape(`coordinates outside the world: ${lat} ${lon}`);
  return alt === undefined || !Number.isFinite(alt) ? { lat, lon } : { lat, lon, alt };
}

function checkedLength(value: number, what: string): number {
  if (!Number.isFinite(value) || value < 0) throw new UnusableShape(`${what} is not a length in metres`);
  if (value > 2_000_000) throw new UnusableShape(`${what} of ${value} m is not a caller's location`);
  return value;
}

const lonLat = (p: LatLon): [number, number] => [p.lon, p.lat];
const toward = (c: LatLon, metres: number, bearing: number): [number, number] =>
  destination(turfPoint(lonLat(c)), metres / 1000, bearing, { units: 'kilometers' }).geometry.coordinates as [
    number,
    number,
  ];

interface Located {
  point: LatLon;
  accuracyM: number | null;
  shape: LocationShape;
}

function located(
  kind: LocationShapeKind,
  centre: LatLon,
  accuracyM: number | null,
  ring?: [number, number][],
): Located {
  const geometry = ring
    ? { type: 'Polygon' as const, coordinates: [ring] }
    : { type: 'Point' as const, coordinates: lonLat(centre) };
  return {
    point: centre,
    accuracyM,
    shape: { kind, geometry, altitudeM: centre.alt ?? null, verticalM: null },
  };
}

export function pointShape(p: LatLon): Located {
  return located('point', p, null);
}

export function circleShape(c: LatLon, radius: number, kind: 'circle' | 'sphere' = 'circle'): Located {
  const r = checkedLength(radius, 'radius');
  const out = located(kind, c, r);
  if (kind === 'sphere') out.shape.verticalM = r;
  return out;
}

/** Orientation: degrees clockwise from north to the semi-major axis (RFC 5491 section 5.2.3). */
export function ellipseShape(
  c: LatLon,
  semiMajor: number,
  semiMinor: number,
  orientationDeg: number,
  vertical?: number,
): Located {
  const a = checkedLength(semiMajor, 'semi-major axis');
  const b = checkedLength(semiMinor, 'semi-minor axis');
  if (!Number.isFinite(orientationDeg)) throw new UnusableShape('orientation is not an angle');
  const ring: [number, number][] = [];
  for (let t = 0; t < 360; t += ARC_STEP_DEG) {
    const x = a * Math.cos((t * Math.PI) / 180);
    const y = b * Math.sin((t * Math.PI) / 180);
    ring.push(toward(c, Math.hypot(x, y), orientationDeg + (Math.atan2(y, x) * 180) / Math.PI));
  }
  ring.push(ring[0] as [number, number]);
  const out = located(vertical === undefined ? 'ellipse' : 'ellipsoid', c, Math.max(a, b), ring);
  if (vertical !== undefined) out.shape.verticalM = checkedLength(vertical, 'vertical axis');
  return out;
}

/** Angles in degrees clockwise from north: the band from `start` over `opening` between the two radii. */
export function arcBandShape(
  c: LatLon,
  inner: number,
  outer: number,
  start: number,
  opening: number,
): Located {
  const rIn = checkedLength(inner, 'inner radius');
  const rOut = checkedLength(outer, 'outer radius');
  if (rOut <= rIn) throw new UnusableShape('arc band: outer radius not beyond the inner one');
  if (!Number.isFinite(start) || !Number.isFinite(opening) || opening <= 0 || opening > 360)
    throw new UnusableShape('arc band: start or opening angle out of range');
  const steps = Math.max(2, Math.ceil(opening / ARC_STEP_DEG));
  const outerArc: [number, number][] = [];
  const innerArc: [number, number][] = [];
  for (let i = 0; i <= steps; i++) {
    const bearing = start + (opening * i) / steps;
    outerArc.push(toward(c, rOut, bearing));
    if (rIn > 0) innerArc.unshift(toward(c, rIn, bearing));
  }
  const ring = [...outerArc, ...(rIn > 0 ? innerArc : [lonLat(c)])];
  ring.push(ring[0] as [number, number]);
  return areaShape('arc-band', ring);
}

/** A polygon (or a prism's base): the area's centroid and the distance to its farthest vertex. */
export function polygonShape(
  vertices: LatLon[],
  kind: 'polygon' | 'prism' = 'polygon',
  height?: number,
): Located {
  const ring = vertices.map(lonLat);
  const first = ring[0];
  const last = ring[ring.length - 1];
  if (first && last && (first[0] !== last[0] || first[1] !== last[1])) ring.push(first);
  if (!hasDistinctPoints(ring, 3)) throw new UnusableShape('polygon of fewer than 3 points');
  const out = areaShape(kind, ring);
  const base = vertices[0]?.alt;
  if (kind === 'prism') {
    out.shape.altitudeM = base ?? null;
    out.shape.verticalM = height === undefined ? null : checkedLength(height, 'prism height');
  }
  return out;
}

/**
 * Whether `ring` has at least `n` different points; stops once found (a Set of the points as text took 0.3-0.5 ms for
 * a 590-vertex cell polygon, more than its centroid).
 */
function hasDistinctPoints(ring: [number, number][], n: number): boolean {
  const seen: [number, number][] = [];
  for (const p of ring) {
    if (seen.some((q) => q[0] === p[0] && q[1] === p[1])) continue;
    seen.push(p);
    if (seen.length >= n) return true;
  }
  return false;
}

function areaShape(kind: LocationShapeKind, ring: [number, number][]): Located {
  const area = turfPolygon([ring]);
  const [lon, lat] = centerOfMass(area).geometry.coordinates as [number, number];
  const centre = checkedPosition(lat, lon);
  let farthest = 0;
  for (const v of ring)
    farthest = Math.max(farthest, distance([lon, lat], v, { units: 'kilometers' }) * 1000);
  return located(kind, centre, Math.round(farthest * 10) / 10, drawnRing(area, ring));
}

/** Rings longer than this are thinned for the map (a coverage prediction sends hundreds of vertices). */
const DRAWN_VERTICES = 100;
/** ~1 m in degrees: what the thinned outline may move, far under any cell's or handset's uncertainty. */
const DRAWN_TOLERANCE_DEG = 0.00001;

/**
 * The outline kept with the call and drawn: the sender's own when short, else thinned by Douglas-Peucker within
 * ~1 m, so a 13 KB polygon does not travel through the queue, the database and every console at full length (the
 * centre and radius come from the full outline; the sender's document is kept raw in the history).
 */
function drawnRing(area: ReturnType<typeof turfPolygon>, ring: [number, number][]): [number, number][] {
  if (ring.length <= DRAWN_VERTICES) return ring;
  const thin = simplify(area, { tolerance: DRAWN_TOLERANCE_DEG }).geometry.coordinates[0] as
    | [number, number][]
    | undefined;
  return thin && thin.length >= 4 ? thin : ring;
}

export function toCallerLocation(
  l: Located,
  method: string | null,
  at: string | null,
  source: CallerLocation['source'] = 'pidf-lo',
): CallerLocation {
  return {
    point: { lat: l.point.lat, lon: l.point.lon },
    accuracyM: l.accuracyM,
    source,
    shape: l.shape,
    method,
    at,
  };
}
