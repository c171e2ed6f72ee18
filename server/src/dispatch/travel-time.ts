// A unit's estimated time of arrival: the crew turning out, then the drive along the streets (roads/router.ts).
import type { GeoPoint, TravelEstimate, UnitKind } from '@hcm112/shared';
import type { RoadRouter } from '../roads/router.ts';

/** A minute from the dispatch to the wheels turning. */
export const TURNOUT_SECONDS = 60;

export function dispatchEta(
  roads: RoadRouter,
  from: GeoPoint,
  to: GeoPoint,
  kind: UnitKind,
  at: Date,
): TravelEstimate {
  const drive = roads.travelTime(from, to, at, kind);
  return { ...drive, seconds: drive.seconds + TURNOUT_SECONDS };
}
