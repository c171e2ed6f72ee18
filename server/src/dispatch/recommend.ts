// Recommends units for an incident: the response plan's lines filled with the available units that would
// arrive first (PostGIS KNN for candidates, then travel times along the streets, one search for them all).
import type { Incident, Recommendation, UnitKind } from '@hcm112/shared';
import type { Db } from '../db/database.ts';
import type { RoadRouter } from '../roads/router.ts';
import { nearestUnits } from '../units/repository.ts';
import { responsePlan } from './response-plans.ts';
import { TURNOUT_SECONDS } from './travel-time.ts';

/**
 * Candidates fetched per plan unit, by straight-line distance: enough that the first to arrive by road are among
 * them (a unit across the river is near in a straight line and far by road, so some spare candidates).
 */
const CANDIDATES_PER_NEEDED_UNIT = 8;

export async function recommendUnits(
  db: Db,
  roads: RoadRouter,
  incident: Pick<Incident, 'type' | 'subtype' | 'location'>,
  at: Date,
): Promise<Recommendation[]> {
  const plan = responsePlan(incident.type, incident.subtype);
  const kinds = [...new Set(plan.flatMap((l) => l.kinds))];
  const needed = plan.reduce((n, l) => n + l.count, 0);
  const candidates = await nearestUnits(db, incident.location.point, {
    statuses: ['available'],
    kinds,
    limit: Math.max(20, needed * CANDIDATES_PER_NEEDED_UNIT * kinds.length),
  });
  const travel = roads.travelTimesTo(
    incident.location.point,
    candidates.map((c) => ({ point: { lat: c.pos_lat!, lon: c.pos_lon! }, kind: c.kind as UnitKind })),
    at,
  );
  const ranked = candidates
    .map((c, i) => ({ c, t: travel[i]!, eta: travel[i]!.seconds + TURNOUT_SECONDS }))
    .sort((a, b) => a.eta - b.eta || a.c.callsign.localeCompare(b.c.callsign));
  const taken = new Set<string>();
  const out: Recommendation[] = [];
  for (const line of plan) {
    let filled = 0;
    for (const { c, t, eta } of ranked) {
      if (filled === line.count) break;
      if (taken.has(c.id) || !line.kinds.includes(c.kind as UnitKind)) continue;
      taken.add(c.id);
      filled += 1;
      out.push({
        unitId: c.id,
        callsign: c.callsign,
        kind: c.kind as UnitKind,
        agency: c.agency,
        distanceM: Math.round(c.distance_m),
        etaSeconds: eta,
        roadMetres: t.metres,
        etaEstimated: t.estimated,
        fills: `${line.label} ${filled} of ${line.count}`,
      });
    }
  }
  return out;
}
