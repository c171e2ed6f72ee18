// Estimated travel time: straight-line distance, a detour factor for the street grid, a speed by unit kind,
// slowed in Ho Chi Minh City's rush hours (local time, UTC+7).
import type { UnitKind } from '@hcm112/shared';

const DETOUR_FACTOR = 1.35;

/** Free-flow urban speeds with lights and sirens, km/h. Motorbikes weave through traffic. */
const BASE_SPEED_KMH: Record<UnitKind, number> = {
  'fire-engine': 32,
  'ladder-truck': 28,
  'rescue-truck': 32,
  'hazmat-truck': 28,
  'rescue-boat': 25,
  'ambulance-als': 38,
  'ambulance-bls': 38,
  'police-patrol': 40,
  'police-motorbike': 45,
  'traffic-police': 45,
};

/** Share of free-flow speed kept at a given local hour. */
export function congestionFactor(at: Date, kind: UnitKind): number {
  const local = (at.getUTCHours() + 7 + at.getUTCMinutes() / 60) % 24;
  const peak = (local >= 7 && local < 9) || (local >= 16.5 && local < 19);
  const day = local >= 6 && local < 22;
  const twoWheels = kind === 'police-motorbike' || kind === 'traffic-police';
  if (peak) return twoWheels ? 0.75 : 0.5;
  if (day) return twoWheels ? 0.9 : 0.75;
  return 1;
}

export function estimateTravelSeconds(distanceM: number, kind: UnitKind, at: Date): number {
  const kmh = BASE_SPEED_KMH[kind] * congestionFactor(at, kind);
  return Math.round((distanceM * DETOUR_FACTOR) / ((kmh * 1000) / 3600)) + 60; // plus a minute to turn out
}
