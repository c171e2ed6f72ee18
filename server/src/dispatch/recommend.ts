// Recommends units for an incident: the response plan's lines filled with the available units that would
// arrive first (PostGIS KNN for candidates, then the travel-time model).
import type { Incident, Recommendation, UnitKind } from '@hcm112/shared';
import type { Db } from '../db/database.ts';
import { nearestUnits } from '../units/repository.ts';
import { responsePlan } from './response-plans.ts';
import { estimateTravelSeconds } from './travel-time.ts';

/** Candidates fetched per plan unit: enough that the fastest are among them after the ETA model. */
const CANDIDATES_PER_NEEDED_UNIT = 8;

export async function recommendUnits(
  db: Db,
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
  const ranked = candidates
    .map((c) => ({ c, eta: estimateTravelSeconds(c.distance_m, c.kind as UnitKind, at) }))
    .sort((a, b) => a.eta - b.eta || a.c.callsign.localeCompare(b.c.callsign));
  const taken = new Set<string>();
  const out: Recommendation[] = [];
  for (const line of plan) {
    let filled = 0;
    for (const { c, eta } of ranked) {
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
        fills: `${line.label} ${filled} of ${line.count}`,
      });
    }
  }
  return out;
}
