// What a crew's phone asks of the road router: the way from where it is to its incident, and the hospitals
// taking patients (not diverting), nearest by road first, for choosing where to transport.
import type { CrewRoute, GeoPoint, NearbyHospital, UnitKind } from '@hcm112/shared';
import type { AppContext } from '../context.ts';
import { NotFound } from '../errors.ts';
import { listHospitals } from '../hospitals/repository.ts';
import { loadIncident } from '../incidents/service.ts';
import { findUnit } from '../units/repository.ts';
import type { DeviceIdentity } from './pairing.ts';

/** The route from `from` (the phone's fix; else the unit's last position) to the unit's incident, or null. */
export async function crewRoute(
  ctx: AppContext,
  device: DeviceIdentity,
  from: GeoPoint | null,
): Promise<CrewRoute | null> {
  const unit = await findUnit(ctx.db, device.unitId, ctx.clock(), ctx.config.AVL_STALE_SECONDS);
  if (!unit) throw new NotFound('unit');
  const start = from ?? unit.position?.point ?? null;
  if (!unit.incidentId || !start) return null;
  const incident = await loadIncident(ctx.db, unit.incidentId);
  const route = ctx.roads.route(start, incident.location.point, ctx.clock(), unit.kind);
  return { etaSeconds: route.seconds, metres: route.metres, estimated: route.estimated, path: route.path };
}

/** Hospitals not diverting, nearest by road (one search from `from`), with the road distance. */
export async function hospitalsByRoad(
  ctx: AppContext,
  from: GeoPoint,
  kind: UnitKind,
  limit: number,
): Promise<NearbyHospital[]> {
  const open = (await listHospitals(ctx.db)).filter((h) => !h.diverting);
  const times = ctx.roads.travelTimesFrom(
    from,
    open.map((h) => h.point),
    ctx.clock(),
    kind,
  );
  return open
    .map((h, i) => ({
      h,
      seconds: times[i]?.seconds ?? Number.POSITIVE_INFINITY,
      metres: times[i]?.metres ?? 0,
    }))
    .sort((a, b) => a.seconds - b.seconds)
    .slice(0, limit)
    .map(({ h, metres }) => ({ name: h.name, point: h.point, distanceM: metres }));
}
