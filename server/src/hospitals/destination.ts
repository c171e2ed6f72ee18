// Chooses an ambulance's hospital: among those not diverting that can treat the patient's need, the first by
// the ranking given (by road travel time in the simulator and the API: road-ranking.ts; straight line by default).
import type { GeoPoint, HospitalCapability } from '@hcm112/shared';
import * as turf from '@turf/turf';

export interface DestinationCandidate {
  id: string;
  name: string;
  point: GeoPoint;
  capabilities: readonly HospitalCapability[];
  diverting: boolean;
}

/** Orders hospitals from a point, best first, each with its cost (metres or seconds, the ranking's unit). */
export type HospitalRanking = <H extends DestinationCandidate>(
  from: GeoPoint,
  hospitals: readonly H[],
) => Promise<Array<{ hospital: H; cost: number }>> | Array<{ hospital: H; cost: number }>;

export const straightLineRanking: HospitalRanking = (from, hospitals) => {
  const here = turf.point([from.lon, from.lat]);
  return hospitals
    .map((hospital) => ({
      hospital,
      cost: turf.distance(here, turf.point([hospital.point.lon, hospital.point.lat]), { units: 'meters' }),
    }))
    .sort((a, b) => a.cost - b.cost);
};

export interface Destination<H extends DestinationCandidate> {
  hospital: H;
  cost: number;
  /** The capability the choice was made for: the need, or 'emergency' when no open hospital offers the need. */
  matched: HospitalCapability;
}

export async function chooseDestination<H extends DestinationCandidate>(
  from: GeoPoint,
  need: HospitalCapability,
  hospitals: readonly H[],
  rank: HospitalRanking = straightLineRanking,
): Promise<Destination<H> | null> {
  const open = hospitals.filter((h) => !h.diverting);
  for (const wanted of need === 'emergency' ? [need] : [need, 'emergency' as const]) {
    const able = open.filter((h) => h.capabilities.includes(wanted));
    if (able.length === 0) continue;
    const [best] = await rank(from, able);
    if (best) return { hospital: best.hospital, cost: best.cost, matched: wanted };
  }
  return null;
}
