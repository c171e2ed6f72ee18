// Travel times and routes along the streets, as the recommendation, the dispatch map and the simulator use them.
import { z } from 'zod';
import { UnitKind } from './unit.ts';
import { UnitStatus } from './unit-status.ts';

/** How long a drive takes; `estimated` when it is not from the street network (off it, or no network loaded). */
export const TravelEstimate = z.object({
  seconds: z.number().nonnegative(),
  metres: z.number().nonnegative(),
  estimated: z.boolean(),
});
export type TravelEstimate = z.infer<typeof TravelEstimate>;

/** An assigned unit's way to its incident, drawn on the dispatch map with its ETA. */
export const UnitRoute = z.object({
  unitId: z.uuid(),
  callsign: z.string(),
  kind: UnitKind,
  status: UnitStatus,
  etaSeconds: z.number().nonnegative(),
  metres: z.number().nonnegative(),
  estimated: z.boolean(),
  /** [lon, lat] points from the unit to the incident. */
  path: z.array(z.tuple([z.number(), z.number()])),
});
export type UnitRoute = z.infer<typeof UnitRoute>;

export const IncidentRoutes = z.object({ routes: z.array(UnitRoute) });
export type IncidentRoutes = z.infer<typeof IncidentRoutes>;

/** A crew's way from where its phone is to its incident, for the crews' app. */
export const CrewRoute = z.object({
  etaSeconds: z.number().nonnegative(),
  metres: z.number().nonnegative(),
  estimated: z.boolean(),
  /** [lon, lat] points from the unit to the incident. */
  path: z.array(z.tuple([z.number(), z.number()])),
});
export type CrewRoute = z.infer<typeof CrewRoute>;
