// Geographic primitives: WGS84 points and how a location was obtained.
import { z } from 'zod';

export const GeoPoint = z.object({
  lat: z.number().min(-90).max(90),
  lon: z.number().min(-180).max(180),
});
export type GeoPoint = z.infer<typeof GeoPoint>;

/**
 * Where a caller or incident location came from: pidf-lo (by value in the INVITE), held (by reference, from the
 * carrier's location server), aml (the handset's Advanced Mobile Location message), manual (typed by the
 * call-taker), pin (the call-taker moved the pin), link (the caller's phone through the location link the
 * call-taker sent: the browser's GPS position).
 */
export const LocationSource = z.enum([
  'pidf-lo',
  'geolocation-uri',
  'network',
  'manual',
  'geocoded',
  'held',
  'aml',
  'pin',
  'link',
]);
export type LocationSource = z.infer<typeof LocationSource>;

export const Place = z.object({
  point: GeoPoint,
  address: z.string().max(300).default(''),
  district: z.string().max(120).nullable().default(null),
  ward: z.string().max(120).nullable().default(null),
});
export type Place = z.infer<typeof Place>;
