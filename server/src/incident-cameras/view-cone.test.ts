import { describe, expect, it } from 'vitest';
import { sightOf } from './view-cone.ts';

const CAM = { lat: 10.7725, lon: 106.698 };
// A point `m` metres from the camera along a bearing (flat approximation, fine at these distances).
const toward = (bearingDeg: number, m: number) => ({
  lat: CAM.lat + (m * Math.cos((bearingDeg * Math.PI) / 180)) / 110_600,
  lon: CAM.lon + (m * Math.sin((bearingDeg * Math.PI) / 180)) / 109_360,
});
const fixed = { point: CAM, bearingDeg: 90, fovDeg: 60, rangeM: 200, ptz: false };

describe('view cone', () => {
  it('sees a point straight ahead in range and scores it by closeness and aim', () => {
    const near = sightOf(fixed, toward(90, 50), 50);
    const far = sightOf(fixed, toward(90, 150), 150);
    const offAxis = sightOf(fixed, toward(115, 50), 50);
    expect(near).toMatchObject({ inRange: true, inCone: true });
    expect(near.score).toBeGreaterThan(far.score);
    expect(near.score).toBeGreaterThan(offAxis.score);
    expect(offAxis.inCone).toBe(true);
  });

  it('does not see behind, beside the cone, or past its range', () => {
    expect(sightOf(fixed, toward(270, 50), 50).inCone).toBe(false);
    expect(sightOf(fixed, toward(135, 50), 50).inCone).toBe(false);
    expect(sightOf(fixed, toward(90, 250), 250)).toMatchObject({ inRange: false, inCone: false, score: 0 });
  });

  it('counts a PTZ or 360° camera as covering every bearing, and a camera at the scene as seeing it', () => {
    expect(sightOf({ ...fixed, ptz: true }, toward(270, 100), 100).inCone).toBe(true);
    expect(sightOf({ ...fixed, fovDeg: 360 }, toward(200, 100), 100).inCone).toBe(true);
    expect(sightOf(fixed, toward(270, 5), 5).inCone).toBe(true);
  });
});
