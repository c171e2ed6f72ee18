// What a crew's phone asks of the road router: the way from where it is to its incident, and the hospitals
// taking patients (not diverting) for choosing where to transport: those that treat the patient's need first,
// each group nearest by road.
import {
  type CrewRoute,
  type GeoPoint,
  type HospitalCapability,
  type NearbyHospital,
  patientNeed,
} from '@hcm112/shared';
import type { AppContext } from '../context.ts';
import { listHospitals } from '../hospitals/repository.ts';
import { deviceUnit } from './crew-view.ts';
import type { DeviceIdentity } from './pairing.ts';

/** The route from `from` (the phone's fix; else the unit's last position) to the unit's incident, or null. */
export async function crewRoute(
  ctx: AppContext,
  device: DeviceIdentity,
  from: GeoPoint | null,
): Promise<CrewRoute | null> {
  const { unit, incident } = await deviceUnit(ctx, device);
  const start = from ?? unit.position?.point ?? null;
  if (!incident || !start) return null;
  const route = ctx.roads.route(start, incident.location.point, ctx.clock(), unit.kind);
  return { etaSeconds: route.seconds, metres: route.metres, estimated: route.estimated, path: route.path };
}

/** What the crew's current patient needs from a hospital (its incident's type), else an emergency department. */
export async function crewPatientNeed(ctx: AppContext, device: DeviceIdentity): Promise<HospitalCapability> {
  const { incident } = await deviceUnit(ctx, device);
  return incident ? patientNeed(incident.type, incident.subtype) : 'emergency';
}

/** Hospitals not diverting, those treating `need` first, each group nearest by road, with the road distance. */
export async function hospitalsByRoad(
  ctx: AppContext,
  from: GeoPoint,
  need: HospitalCapability,
  limit: number,
): Promise<NearbyHospital[]> {
  const open = (await listHospitals(ctx.db)).filter((h) => !h.diverting);
  const times = ctx.roads.travelTimesFrom(
    from,
    open.map((h) => h.point),
    ctx.clock(),
    'ambulance-als',
  );
  return open
    .map((h, i) => ({
      h,
      treats: h.capabilities.includes(need),
      seconds: times[i]?.seconds ?? Number.POSITIVE_INFINITY,
      metres: times[i]?.metres ?? 0,
    }))
    .sort((a, b) => Number(b.treats) - Number(a.treats) || a.seconds - b.seconds)
    .slice(0, limit)
    .map(({ h, metres }) => ({ name: h.name, point: h.point, distanceM: metres }));
}
