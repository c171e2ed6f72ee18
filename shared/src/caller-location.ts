// Who is calling and where: the caller's identity as the network gave it, the shapes of RFC 5491 as GeoJSON,
// and the history of every location a call had, with the rule that picks the one to use.
import { z } from 'zod';
import { GeoPoint, LocationSource } from './geo.ts';

/** network-asserted: P-Asserted-Identity from a trusted trunk (RFC 3325); untrusted: the From header. */
export const CallerIdentitySource = z.enum(['network-asserted', 'untrusted']);
export type CallerIdentitySource = z.infer<typeof CallerIdentitySource>;

/**
 * E.164 (+84...) for a number in an international or Vietnamese national form (0907..., 0084907..., 84907...,
 * with visual separators); null for anything else (a short code, a name, "anonymous").
 */
export function toE164(raw: string): string | null {
  const digits = raw.replace(/[\s().-]/g, '');
  if (/^\+[1-9]\d{6,14}$/.test(digits)) return digits;
  if (/^00[1-9]\d{6,14}$/.test(digits)) return `+${digits.slice(2)}`;
  // National: a trunk 0 then 9 digits (mobile 03x/05x/07x/08x/09x) or 10 (landline 02x).
  if (/^0[1-9]\d{8,9}$/.test(digits)) return `+84${digits.slice(1)}`;
  if (/^84[1-9]\d{8,9}$/.test(digits)) return `+${digits}`;
  return null;
}

/** How a Vietnamese call-taker reads and dials a number: +84905550001 as 0905550001; others unchanged. */
export function nationalForm(e164: string): string {
  return /^\+84[1-9]\d{8,9}$/.test(e164) ? `0${e164.slice(3)}` : e164;
}

/** The RFC 5491 shapes (GeoShape) a PIDF-LO can carry. */
export const LocationShapeKind = z.enum([
  'point',
  'circle',
  'ellipse',
  'arc-band',
  'polygon',
  'sphere',
  'ellipsoid',
  'prism',
]);
export type LocationShapeKind = z.infer<typeof LocationShapeKind>;

/** GeoJSON position: [longitude, latitude]. */
const Position = z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]);
/** A cell sector drawn as a polygon has tens of vertices; a 13 KB PIDF-LO polygon a few hundred. */
const MAX_VERTICES = 4000;

export const GeoJsonPoint = z.object({ type: z.literal('Point'), coordinates: Position });
export const GeoJsonPolygon = z.object({
  type: z.literal('Polygon'),
  coordinates: z.array(z.array(Position).min(4).max(MAX_VERTICES)).min(1).max(1),
});

/** The area the caller is in, as the network described it, drawn on the caller map. */
export const LocationShape = z.object({
  kind: LocationShapeKind,
  /** The area on the ground (ellipses, arcs and circles drawn as polygons; a point as a point). */
  geometry: z.discriminatedUnion('type', [GeoJsonPoint, GeoJsonPolygon]),
  /** Sphere, ellipsoid, prism: the altitude of the centre (or the prism's base) in metres. */
  altitudeM: z.number().nullable().default(null),
  /** Sphere and ellipsoid: vertical uncertainty; prism: its height, in metres. */
  verticalM: z.number().nonnegative().nullable().default(null),
});
export type LocationShape = z.infer<typeof LocationShape>;

export const CallerLocation = z.object({
  /** The representative point: the shape's centre, or for a polygon or arc band its area's centroid. */
  point: GeoPoint,
  /** Radius in metres of the circle around `point` that covers the whole shape; null for a bare point. */
  accuracyM: z.number().nonnegative().nullable(),
  source: LocationSource,
  shape: LocationShape.nullable().default(null),
  /** How it was determined, as the sender named it (PIDF-LO method, AML positioning method): GPS, Cell, Wi-Fi. */
  method: z.string().max(64).nullable().default(null),
  /** When the location was determined (PIDF-LO timestamp, AML time); null when the sender did not say. */
  at: z.iso.datetime({ offset: true }).nullable().default(null),
});
export type CallerLocation = z.infer<typeof CallerLocation>;

/** One location a call had, kept even when it was unusable (then with why and no point). */
export const LocationFix = z.object({
  id: z.number().int(),
  source: LocationSource,
  location: CallerLocation.nullable(),
  /** When the centre received it. */
  receivedAt: z.iso.datetime({ offset: true }),
  /** Why it could not be used (malformed XML, unknown shape, ...); null when usable. */
  problem: z.string().max(300).nullable(),
});
export type LocationFix = z.infer<typeof LocationFix>;

/** newest: the latest fix; more-precise: an older one much more precise and close in time; only: the one fix. */
export const LocationChoiceReason = z.enum(['only', 'newest', 'more-precise']);
export type LocationChoiceReason = z.infer<typeof LocationChoiceReason>;

export const LocationChoice = z.object({ fixId: z.number().int(), reason: LocationChoiceReason });
export type LocationChoice = z.infer<typeof LocationChoice>;

/** An older fix wins only when it is this much more precise ... */
export const MORE_PRECISE_FACTOR = 3;
/** ... and at most this much older than the newest one, so a moving caller is never held on an old fix. */
export const MORE_PRECISE_WINDOW_MS = 30_000;

const fixTime = (f: LocationFix) => Date.parse(f.location?.at ?? f.receivedAt);

/**
 * The location to use: the newest usable fix, unless an older one is much more precise (its radius a third or
 * less) and less than 30 s older. A fix without a radius counts as less precise than any with one.
 */
export function chooseLocation(fixes: readonly LocationFix[]): LocationChoice | null {
  const usable = fixes.filter((f) => f.location !== null);
  if (usable.length === 0) return null;
  const byTime = [...usable].sort((a, b) => fixTime(b) - fixTime(a) || b.id - a.id);
  const newest = byTime[0] as LocationFix;
  if (usable.length === 1) return { fixId: newest.id, reason: 'only' };
  const newestRadius = newest.location?.accuracyM ?? Number.POSITIVE_INFINITY;
  let best: LocationFix | null = null;
  for (const f of byTime.slice(1)) {
    if (fixTime(newest) - fixTime(f) >= MORE_PRECISE_WINDOW_MS) break;
    const r = f.location?.accuracyM;
    if (r === null || r === undefined) continue;
    if (
      r * MORE_PRECISE_FACTOR <= newestRadius &&
      r < (best?.location?.accuracyM ?? Number.POSITIVE_INFINITY)
    )
      best = f;
  }
  return best ? { fixId: best.id, reason: 'more-precise' } : { fixId: newest.id, reason: 'newest' };
}

/** POST /calls/:id/locations: the call-taker typed where the caller is, or moved the pin on the map. */
export const AddCallLocationRequest = z
  .object({
    source: z.enum(['manual', 'pin']),
    point: GeoPoint,
    accuracyM: z.number().nonnegative().max(100_000).nullable().default(null),
  })
  .strict();
export type AddCallLocationRequest = z.infer<typeof AddCallLocationRequest>;

/** GET /calls/:id/locations: every location of the call, oldest first, and the one in use. */
export const CallLocationHistory = z.object({
  fixes: z.array(LocationFix),
  choice: LocationChoice.nullable(),
});
export type CallLocationHistory = z.infer<typeof CallLocationHistory>;

/** The locations of one call of an incident, oldest first, and the one in use. */
export const CallLocationsOfIncident = CallLocationHistory.extend({
  callId: z.uuid(),
  callerNumber: z.string(),
  arrivedAt: z.iso.datetime({ offset: true }),
});
export type CallLocationsOfIncident = z.infer<typeof CallLocationsOfIncident>;

/** GET /incidents/:id/locations: every location each call of the incident had, calls in arrival order. */
export const IncidentLocationHistory = z.object({ calls: z.array(CallLocationsOfIncident) });
export type IncidentLocationHistory = z.infer<typeof IncidentLocationHistory>;
