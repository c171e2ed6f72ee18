// The way each unit sent to an incident has still to drive, with its ETA, for the dispatch map.
import type { Incident, UnitKind, UnitRoute, UnitStatus } from '@hcm112/shared';
import type { AppContext } from '../context.ts';
import { unitsHeadingTo } from './repository.ts';

/** Units on their way: dispatched (turning out) or en route. On scene or transporting they are not heading there. */
const HEADING_THERE: UnitStatus[] = ['dispatched', 'en-route'];

export async function routesToIncident(ctx: AppContext, incident: Incident): Promise<UnitRoute[]> {
  const now = ctx.clock();
  const units = await unitsHeadingTo(ctx.db, incident.id, HEADING_THERE);
  return units.map((u) => {
    const r = ctx.roads.route(u.position, incident.location.point, now, u.kind as UnitKind);
    return {
      unitId: u.id,
      callsign: u.callsign,
      kind: u.kind as UnitKind,
      status: u.status as UnitStatus,
      etaSeconds: r.seconds,
      metres: r.metres,
      estimated: r.estimated,
      path: r.path.map(([lon, lat]) => [round6(lon), round6(lat)] as [number, number]),
    };
  });
}

/** Ten centimetres is all a map needs; halves the body. */
const round6 = (x: number) => Math.round(x * 1e6) / 1e6;
