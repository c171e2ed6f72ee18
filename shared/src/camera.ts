// Cameras: where they are, what they can see, how to watch them; and the alerts their analytics raise.
import { z } from 'zod';
import { Agency } from './agency.ts';
import { GeoPoint } from './geo.ts';

export const CameraLayer = z.enum(['high', 'mid', 'low']);
export type CameraLayer = z.infer<typeof CameraLayer>;

export const StreamKind = z.enum(['rtsp', 'hls', 'mjpeg', 'snapshot']);
export type StreamKind = z.infer<typeof StreamKind>;

export const CameraOwner = z.union([Agency, z.enum(['transport', 'district', 'private'])]);
export type CameraOwner = z.infer<typeof CameraOwner>;

export const CameraFields = z.object({
  code: z.string().min(1).max(64),
  name: z.string().min(1).max(200),
  point: GeoPoint,
  /** Direction the camera looks, degrees clockwise from north. */
  bearingDeg: z.number().min(0).lt(360),
  /** Horizontal field of view in degrees. */
  fovDeg: z.number().gt(0).max(360),
  rangeM: z.number().gt(0).max(5000),
  layer: CameraLayer,
  owner: CameraOwner,
  ptz: z.boolean().default(false),
  streamUrl: z.string().max(1000).nullable().default(null),
  streamKind: StreamKind.nullable().default(null),
  district: z.string().max(120).nullable().default(null),
});
export type CameraFields = z.infer<typeof CameraFields>;

export const Camera = CameraFields.extend({
  id: z.uuid(),
  online: z.boolean(),
  lastCheckedAt: z.iso.datetime({ offset: true }).nullable(),
});
export type Camera = z.infer<typeof Camera>;

export const UpdateCameraRequest = CameraFields.partial().refine((v) => Object.keys(v).length > 0, {
  message: 'at least one field is required',
});
export type UpdateCameraRequest = z.infer<typeof UpdateCameraRequest>;

/** A camera computed as able to see an incident. */
export const SurfacedCamera = z.object({
  cameraId: z.uuid(),
  code: z.string(),
  name: z.string(),
  point: GeoPoint,
  bearingDeg: z.number(),
  fovDeg: z.number(),
  ptz: z.boolean(),
  online: z.boolean(),
  streamKind: StreamKind.nullable(),
  distanceM: z.number().nonnegative(),
  inCone: z.boolean(),
  score: z.number(),
  pinned: z.boolean(),
  hidden: z.boolean(),
});
export type SurfacedCamera = z.infer<typeof SurfacedCamera>;

export const AlertKind = z.enum(['congestion', 'accident', 'crowd', 'smoke-fire', 'stopped-vehicle']);
export type AlertKind = z.infer<typeof AlertKind>;

export const AlertStatus = z.enum(['open', 'promoted', 'dismissed']);
export type AlertStatus = z.infer<typeof AlertStatus>;

export const CameraAlert = z.object({
  id: z.uuid(),
  cameraId: z.uuid(),
  cameraCode: z.string(),
  point: GeoPoint,
  kind: AlertKind,
  status: AlertStatus,
  confidence: z.number().min(0).max(1).nullable(),
  firstAt: z.iso.datetime({ offset: true }),
  lastAt: z.iso.datetime({ offset: true }),
  count: z.number().int().positive(),
  incidentId: z.uuid().nullable(),
});
export type CameraAlert = z.infer<typeof CameraAlert>;

/** Body posted by a camera analytics source, signed with its HMAC secret. */
export const AnalyticsEvent = z.object({
  cameraCode: z.string().min(1).max(64),
  kind: AlertKind,
  at: z.iso.datetime({ offset: true }),
  confidence: z.number().min(0).max(1).optional(),
  eventId: z.string().max(128).optional(),
});
export type AnalyticsEvent = z.infer<typeof AnalyticsEvent>;
