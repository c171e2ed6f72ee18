// Gazetteer entries of the city (streets, districts, wards, landmarks) used for geocoding without internet.
import { z } from 'zod';
import { GeoPoint } from './geo.ts';

export const GazetteerKind = z.enum(['street', 'district', 'ward', 'landmark', 'hospital', 'address']);
export type GazetteerKind = z.infer<typeof GazetteerKind>;

export const AddressMatch = z.object({
  label: z.string(),
  kind: GazetteerKind,
  point: GeoPoint,
  district: z.string().nullable(),
  ward: z.string().nullable(),
  /** Distance from the queried point, for reverse geocoding. */
  distanceM: z.number().nonnegative().nullable(),
});
export type AddressMatch = z.infer<typeof AddressMatch>;

export const GeocodeQuery = z.object({
  q: z.string().trim().min(1).max(200),
  limit: z.coerce.number().int().min(1).max(20).default(8),
});
export type GeocodeQuery = z.infer<typeof GeocodeQuery>;

export const ReverseGeocodeQuery = z.object({
  lat: z.coerce.number().min(-90).max(90),
  lon: z.coerce.number().min(-180).max(180),
});
export type ReverseGeocodeQuery = z.infer<typeof ReverseGeocodeQuery>;

/** Today's load of one 2025 ward (or of places outside every ward, `ward` null): the wallboard's "by ward". */
export const WardLoad = z.object({
  ward: z.string().nullable(),
  openIncidents: z.number().int().nonnegative(),
  incidentsToday: z.number().int().nonnegative(),
  callsToday: z.number().int().nonnegative(),
});
export type WardLoad = z.infer<typeof WardLoad>;

export const WardStats = z.object({ since: z.string(), wards: z.array(WardLoad) });
export type WardStats = z.infer<typeof WardStats>;
