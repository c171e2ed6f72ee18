// Hospitals ranked by travel time along the streets (the road router), for choosing an ambulance's destination.
import type { UnitKind } from '@hcm112/shared';
import type { RoadRouter } from '../roads/router.ts';
import type { HospitalRanking } from './destination.ts';

/** Costs are seconds by road at `at`, for a unit of `kind`; off the network the router's estimate. */
export function roadRanking(roads: RoadRouter, at: Date, kind: UnitKind = 'ambulance-als'): HospitalRanking {
  return (from, hospitals) => {
    const times = roads.travelTimesFrom(
      from,
      hospitals.map((h) => h.point),
      at,
      kind,
    );
    return hospitals
      .map((hospital, i) => ({ hospital, cost: times[i]?.seconds ?? Number.POSITIVE_INFINITY }))
      .sort((a, b) => a.cost - b.cost);
  };
}
