// Camera analytics: the events sources post (signed), the alerts they fold into, and the sources themselves.
import { z } from 'zod';
import { GeoPoint } from './geo.ts';
import { IncidentType, Priority } from './incident-type.ts';

export const AlertKind = z.enum(['congestion', 'accident', 'crowd', 'smoke-fire', 'stopped-vehicle']);
export type AlertKind = z.infer<typeof AlertKind>;

export const AlertStatus = z.enum(['open', 'promoted', 'dismissed']);
export type AlertStatus = z.infer<typeof AlertStatus>;

export const CameraAlert = z.object({
  id: z.uuid(),
  cameraId: z.uuid(),
  cameraCode: z.string(),
  cameraName: z.string(),
  point: GeoPoint,
  kind: AlertKind,
  status: AlertStatus,
  /** Highest confidence among the folded events. */
  confidence: z.number().min(0).max(1).nullable(),
  firstAt: z.iso.datetime({ offset: true }),
  lastAt: z.iso.datetime({ offset: true }),
  /** How many events of the same camera and kind folded into this alert. */
  count: z.number().int().positive(),
  sourceName: z.string().nullable(),
  incidentId: z.uuid().nullable(),
  /** When the server took the camera's picture for this alert (GET /api/alerts/:id/snapshot); null if none. */
  snapshotAt: z.iso.datetime({ offset: true }).nullable(),
});
export type CameraAlert = z.infer<typeof CameraAlert>;

/** Body posted by a camera analytics source, signed with its HMAC secret. */
export const AnalyticsEvent = z.object({
  cameraCode: z.string().min(1).max(64),
  kind: AlertKind,
  at: z.iso.datetime({ offset: true }),
  confidence: z.number().min(0).max(1).optional(),
  /** The source's own id; a repeat of an id already taken is acknowledged and not counted again. */
  eventId: z.string().min(1).max(128).optional(),
});
export type AnalyticsEvent = z.infer<typeof AnalyticsEvent>;

/**
 * Headers of a signed analytics post. The signature is `sha256=` + hex HMAC-SHA256, keyed with the source's
 * secret, over `<timestamp>.<raw body>`; the timestamp is Unix seconds and must be recent.
 */
export const ANALYTICS_HEADERS = Object.freeze({
  source: 'x-analytics-source',
  timestamp: 'x-analytics-timestamp',
  signature: 'x-analytics-signature',
});

export const AlertListQuery = z.object({
  status: z.enum(['open', 'promoted', 'dismissed', 'all']).default('open'),
});
export type AlertListQuery = z.infer<typeof AlertListQuery>;

/** The incident an alert becomes unless the dispatcher picks another type. */
export const ALERT_INCIDENT_TYPE: Readonly<Record<AlertKind, { type: IncidentType; subtype: string }>> =
  Object.freeze({
    accident: { type: 'traffic', subtype: 'collision-injury' },
    'smoke-fire': { type: 'fire', subtype: 'structure-fire' },
    crowd: { type: 'crime', subtype: 'disturbance' },
    congestion: { type: 'other', subtype: 'public-hazard' },
    'stopped-vehicle': { type: 'other', subtype: 'public-hazard' },
  });

export const PromoteAlertRequest = z
  .object({
    type: IncidentType.optional(),
    subtype: z.string().min(1).max(64).optional(),
    priority: Priority.optional(),
    note: z.string().trim().min(1).max(2000).optional(),
  })
  .refine((v) => !v.type || v.subtype, { message: 'required with type', path: ['subtype'] });
export type PromoteAlertRequest = z.infer<typeof PromoteAlertRequest>;

export const AlertSourceName = z
  .string()
  .regex(/^[a-z0-9][a-z0-9._-]{1,63}$/, 'lower-case letters, digits, dot, dash, underscore (2-64)');

export const AlertSource = z.object({
  id: z.uuid(),
  name: AlertSourceName,
  active: z.boolean(),
  createdAt: z.iso.datetime({ offset: true }),
});
export type AlertSource = z.infer<typeof AlertSource>;

export const CreateAlertSourceRequest = z.object({ name: AlertSourceName });
export type CreateAlertSourceRequest = z.infer<typeof CreateAlertSourceRequest>;

export const UpdateAlertSourceRequest = z
  .object({ active: z.boolean().optional(), rotateSecret: z.literal(true).optional() })
  .refine((v) => v.active !== undefined || v.rotateSecret, { message: 'active or rotateSecret is required' });
export type UpdateAlertSourceRequest = z.infer<typeof UpdateAlertSourceRequest>;

/** Returned once, when a source is created or its secret rotated: the secret is never shown again. */
export const AlertSourceWithSecret = z.object({ source: AlertSource, secret: z.string() });
export type AlertSourceWithSecret = z.infer<typeof AlertSourceWithSecret>;
