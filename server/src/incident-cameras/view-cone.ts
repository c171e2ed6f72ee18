// Whether a camera can see a point, and how well: the view-cone test (turf sector, point in polygon) and the
// score that ranks surfaced cameras. Pure: the candidates come from the indexed range query.
import type { GeoPoint } from '@hcm112/shared';
import * as turf from '@turf/turf';

export interface ConeCamera {
  point: GeoPoint;
  bearingDeg: number;
  fovDeg: number;
  rangeM: number;
  ptz: boolean;
}

export interface Sight {
  inRange: boolean;
  inCone: boolean;
  /** 0-100: 60 % closeness within range, 40 % how near the middle of the view the point lies. */
  score: number;
}

/** Weight of a camera that sees all around without being aimed (fov 360, bearing unknown). */
const UNAIMED_AIM = 0.5;
const SECTOR_STEPS = 32;
/**
 * Within this distance of the lens the bearing to a reported location means little (locations are good to
 * tens of metres): the camera is at the scene and is surfaced.
 */
const AT_THE_SCENE_M = 10;

function angleBetween(a: number, b: number): number {
  const d = Math.abs((((a - b) % 360) + 360) % 360);
  return d > 180 ? 360 - d : d;
}

/** A PTZ camera can turn to any bearing; a 360° camera sees every bearing. */
function coversAllBearings(camera: ConeCamera): boolean {
  return camera.ptz || camera.fovDeg >= 360;
}

export function sightOf(camera: ConeCamera, target: GeoPoint, distanceM: number): Sight {
  const inRange = distanceM <= camera.rangeM;
  const from = turf.point([camera.point.lon, camera.point.lat]);
  const to = turf.point([target.lon, target.lat]);
  let inCone = false;
  let aim = 0;
  if (inRange && coversAllBearings(camera)) {
    inCone = true;
    aim = camera.ptz ? 1 : UNAIMED_AIM;
  } else if (inRange) {
    const half = camera.fovDeg / 2;
    const cone = turf.sector(from, camera.rangeM / 1000, camera.bearingDeg - half, camera.bearingDeg + half, {
      steps: SECTOR_STEPS,
      units: 'kilometers',
    });
    const atScene = distanceM < AT_THE_SCENE_M;
    inCone = atScene || turf.booleanPointInPolygon(to, cone);
    const offset = atScene ? 0 : angleBetween(turf.bearing(from, to), camera.bearingDeg);
    aim = inCone ? Math.max(0, 1 - offset / half) : 0;
  }
  const closeness = inRange ? 1 - distanceM / camera.rangeM : 0;
  const score = inCone ? Math.round(100 * (0.6 * closeness + 0.4 * aim)) : 0;
  return { inRange, inCone, score };
}
