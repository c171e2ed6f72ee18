// Cameras: where they are, what they can see, how to watch them, and the cameras surfaced for an incident.
import { z } from 'zod';
import { Agency } from './agency.ts';
import { GeoPoint } from './geo.ts';

export const CameraLayer = z.enum(['high', 'mid', 'low']);
export type CameraLayer = z.infer<typeof CameraLayer>;

/** How a camera delivers video: RTSP is restreamed by the server; the others are passed through. */
export const StreamKind = z.enum(['rtsp', 'hls', 'mjpeg', 'snapshot']);
export type StreamKind = z.infer<typeof StreamKind>;

export const CameraOwner = z.union([Agency, z.enum(['transport', 'district', 'private'])]);
export type CameraOwner = z.infer<typeof CameraOwner>;

/** The longest useful range a camera may declare; surfacing searches no further than this. */
export const MAX_CAMERA_RANGE_M = 5000;

export const CameraFields = z.object({
  code: z.string().trim().min(1).max(64),
  name: z.string().trim().min(1).max(200),
  point: GeoPoint,
  /** Direction the camera looks, degrees clockwise from north. */
  bearingDeg: z.number().min(0).lt(360),
  /** Horizontal field of view in degrees; 360 sees all around. */
  fovDeg: z.number().gt(0).max(360),
  rangeM: z.number().gt(0).max(MAX_CAMERA_RANGE_M),
  layer: CameraLayer,
  owner: CameraOwner,
  /** A pan-tilt-zoom camera can turn, so it counts as covering every bearing. */
  ptz: z.boolean().default(false),
  streamUrl: z.string().max(1000).nullable().default(null),
  streamKind: StreamKind.nullable().default(null),
  district: z.string().max(120).nullable().default(null),
});
export type CameraFields = z.infer<typeof CameraFields>;

const SCHEMES: Readonly<Record<StreamKind, readonly string[]>> = {
  rtsp: ['rtsp:', 'rtsps:'],
  hls: ['http:', 'https:'],
  mjpeg: ['http:', 'https:'],
  snapshot: ['http:', 'https:'],
};

/** Why a stream URL and kind do not go together, or null when they do (both absent is fine). */
export function streamProblem(
  url: string | null | undefined,
  kind: StreamKind | null | undefined,
): { field: 'streamUrl' | 'streamKind'; message: string } | null {
  if (!url && !kind) return null;
  if (!kind) return { field: 'streamKind', message: 'required with streamUrl' };
  if (!url) return { field: 'streamUrl', message: 'required with streamKind' };
  let scheme: string;
  try {
    scheme = new URL(url).protocol;
  } catch {
    return { field: 'streamUrl', message: 'must be an absolute URL' };
  }
  const allowed = SCHEMES[kind];
  return allowed.includes(scheme)
    ? null
    : { field: 'streamUrl', message: `a ${kind} stream needs a ${allowed.join(' or ')} URL` };
}

/** A new camera (admin form, API, one import row): the fields plus the stream URL/kind rule. */
export const CreateCameraRequest = CameraFields.superRefine((v, ctx) => {
  const problem = streamProblem(v.streamUrl, v.streamKind);
  if (problem) ctx.addIssue({ code: 'custom', path: [problem.field], message: problem.message });
});
export type CreateCameraRequest = z.infer<typeof CreateCameraRequest>;

/**
 * Any subset of the fields; the stream rule is checked against the merged camera by the server. The defaulted
 * fields are redeclared without their defaults: zod fills defaults even inside `.partial()`, which would reset
 * `ptz`, `district` and the stream of a camera whenever another field is changed.
 */
export const UpdateCameraRequest = CameraFields.extend({
  ptz: z.boolean(),
  streamUrl: z.string().max(1000).nullable(),
  streamKind: StreamKind.nullable(),
  district: z.string().max(120).nullable(),
})
  .partial()
  .refine((v) => Object.keys(v).length > 0, {
    message: 'at least one field is required',
  });
export type UpdateCameraRequest = z.infer<typeof UpdateCameraRequest>;

export const Camera = CameraFields.extend({
  id: z.uuid(),
  /** The 2025 ward of the camera's point, set by the database from the ward polygons; null outside every ward. */
  ward: z.string().max(120).nullable().default(null),
  /** From the periodic health check; a camera without a stream is never checked and stays online. */
  online: z.boolean(),
  lastCheckedAt: z.iso.datetime({ offset: true }).nullable(),
});
export type Camera = z.infer<typeof Camera>;

/** `bbox=west,south,east,north` limits the list to a map view. */
export const CameraListQuery = z.object({
  bbox: z
    .string()
    .regex(/^-?\d+(\.\d+)?(,-?\d+(\.\d+)?){3}$/, 'west,south,east,north in degrees')
    .transform((s) => s.split(',').map(Number) as [number, number, number, number])
    .optional(),
});
export type CameraListQuery = z.infer<typeof CameraListQuery>;

/** One rejected row of a bulk import: GeoJSON feature number or CSV line number (1-based). */
export const CameraImportError = z.object({
  row: z.number().int().positive(),
  code: z.string().nullable(),
  fields: z.record(z.string(), z.string()),
});
export type CameraImportError = z.infer<typeof CameraImportError>;

export const CameraImportResult = z.object({
  /** Rows written or already identical: created + updated + unchanged. */
  imported: z.number().int().nonnegative(),
  created: z.number().int().nonnegative(),
  updated: z.number().int().nonnegative(),
  unchanged: z.number().int().nonnegative(),
  errors: z.array(CameraImportError),
});
export type CameraImportResult = z.infer<typeof CameraImportResult>;

/** A camera computed as able to see an incident. */
export const SurfacedCamera = z.object({
  cameraId: z.uuid(),
  code: z.string(),
  name: z.string(),
  point: GeoPoint,
  bearingDeg: z.number(),
  fovDeg: z.number(),
  rangeM: z.number(),
  layer: CameraLayer,
  ptz: z.boolean(),
  online: z.boolean(),
  streamKind: StreamKind.nullable(),
  distanceM: z.number().nonnegative(),
  /** The incident lies inside the view cone (for a PTZ camera: inside its range). */
  inCone: z.boolean(),
  /** 0-100: closer and nearer the middle of the view is higher. */
  score: z.number(),
  pinned: z.boolean(),
  hidden: z.boolean(),
});
export type SurfacedCamera = z.infer<typeof SurfacedCamera>;

export const SetIncidentCameraRequest = z
  .object({ pinned: z.boolean().optional(), hidden: z.boolean().optional() })
  .refine((v) => v.pinned !== undefined || v.hidden !== undefined, {
    message: 'pinned or hidden is required',
  });
export type SetIncidentCameraRequest = z.infer<typeof SetIncidentCameraRequest>;

export const FeedQuery = z.object({
  /** The incident the feed is watched for; recorded in the audit log. */
  incidentId: z.uuid().optional(),
});
export type FeedQuery = z.infer<typeof FeedQuery>;

/** What the browser plays: an HLS playlist (hls.js), an MJPEG stream or a snapshot image, all under /api. */
export const CameraFeed = z.object({
  kind: z.enum(['hls', 'mjpeg', 'snapshot']),
  url: z.string(),
});
export type CameraFeed = z.infer<typeof CameraFeed>;
