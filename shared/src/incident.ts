// Incidents: what happened, where, who called, who was sent, and the notes timeline.
import { z } from 'zod';
import { GeoPoint, Place } from './geo.ts';
import { IncidentType, Priority } from './incident-type.ts';
import { UnitKind } from './unit.ts';
import { UnitStatus } from './unit-status.ts';

export const IncidentStatus = z.enum(['new', 'dispatched', 'on-scene', 'closed']);
export type IncidentStatus = z.infer<typeof IncidentStatus>;

export const Disposition = z.enum([
  'resolved',
  'patient-transported',
  'false-alarm',
  'no-patient-found',
  'cancelled',
  'referred',
  'duplicate',
]);
export type Disposition = z.infer<typeof Disposition>;

/** Human-readable incident number, e.g. HCM-2026-000123. */
export const IncidentNumber = z.string().regex(/^HCM-\d{4}-\d{6}$/);
export type IncidentNumber = z.infer<typeof IncidentNumber>;

/**
 * What a line the system wrote into the timeline says, as a code the console renders in the reader's language
 * from `params`; `text` keeps an English rendering for older readers and for rows written before codes.
 */
export const NoteCode = z.enum([
  'call.from',
  'call.linked',
  'call.leg',
  'location.moved',
  'incident.closed',
  'incident.reopened',
  'units.dispatched',
  'unit.diverted',
  'dispatch.undone',
  'unit.status',
  'unit.acknowledged',
]);
export type NoteCode = z.infer<typeof NoteCode>;

/** The values a coded timeline line is rendered with (callsigns, statuses, numbers, a free-text reason). */
export const NoteParams = z.record(z.string(), z.union([z.string(), z.number()]));
export type NoteParams = z.infer<typeof NoteParams>;

export const IncidentNote = z.object({
  id: z.uuid(),
  at: z.iso.datetime({ offset: true }),
  authorId: z.uuid().nullable(),
  /** The author's display name (a crew's callsign for a crew's device), not their username. */
  authorName: z.string(),
  /** `note` is typed by a person; the others are written by the system into the timeline. */
  kind: z.enum(['note', 'status', 'dispatch', 'call', 'camera', 'location']),
  text: z.string().max(4000),
  code: NoteCode.nullable().default(null),
  params: NoteParams.default({}),
});
export type IncidentNote = z.infer<typeof IncidentNote>;

export const Assignment = z.object({
  unitId: z.uuid(),
  callsign: z.string(),
  kind: UnitKind,
  status: UnitStatus,
  assignedAt: z.iso.datetime({ offset: true }),
  etaSeconds: z.number().nonnegative().nullable(),
  distanceM: z.number().nonnegative().nullable(),
  /** When the crew acknowledged on its device (turnout time starts at assignedAt); null until then. */
  acknowledgedAt: z.iso.datetime({ offset: true }).nullable().default(null),
});
export type Assignment = z.infer<typeof Assignment>;

/** How long after assigning a unit the dispatcher may undo it (only while the crew has not acknowledged). */
export const ASSIGNMENT_UNDO_SECONDS = 10;

export const Incident = z.object({
  id: z.uuid(),
  number: IncidentNumber,
  type: IncidentType,
  subtype: z.string().max(64),
  priority: Priority,
  status: IncidentStatus,
  disposition: Disposition.nullable(),
  location: Place,
  callerNumbers: z.array(z.string()),
  callIds: z.array(z.uuid()),
  notes: z.array(IncidentNote),
  assignments: z.array(Assignment),
  createdAt: z.iso.datetime({ offset: true }),
  updatedAt: z.iso.datetime({ offset: true }),
  closedAt: z.iso.datetime({ offset: true }).nullable(),
  createdBy: z.uuid().nullable(),
  /** What the caller said of themselves (name, a number to call back), kept beside the calls' own numbers. */
  callerName: z.string().max(200).nullable().optional(),
  callbackNumber: z.string().max(32).nullable().optional(),
});
export type Incident = z.infer<typeof Incident>;

export const CreateIncidentRequest = z.object({
  type: IncidentType,
  subtype: z.string().min(1).max(64),
  priority: Priority.optional(),
  /** Optional when opened from a call that carries a location: the caller's location is used. */
  location: z
    .object({
      point: GeoPoint,
      address: z.string().max(300).default(''),
    })
    .optional(),
  /** The answered call this incident is opened from; its caller number and location are linked. */
  callId: z.uuid().optional(),
  note: z.string().max(4000).optional(),
});
export type CreateIncidentRequest = z.infer<typeof CreateIncidentRequest>;

export const UpdateIncidentRequest = z
  .object({
    type: IncidentType,
    subtype: z.string().min(1).max(64),
    priority: Priority,
    location: z.object({ point: GeoPoint, address: z.string().max(300).default('') }),
    /** Empty string clears it. */
    callerName: z.string().trim().max(200),
    callbackNumber: z
      .string()
      .trim()
      .regex(/^(\+?[0-9 .-]{2,32})?$/, 'digits, spaces, dots, dashes, an optional leading +'),
  })
  .partial()
  .refine((v) => Object.keys(v).length > 0, { message: 'at least one field is required' });
export type UpdateIncidentRequest = z.infer<typeof UpdateIncidentRequest>;

export const AddNoteRequest = z.object({ text: z.string().trim().min(1).max(4000) });
export type AddNoteRequest = z.infer<typeof AddNoteRequest>;

export const LinkCallRequest = z.object({ callId: z.uuid() });
export type LinkCallRequest = z.infer<typeof LinkCallRequest>;

export const CloseIncidentRequest = z.object({
  disposition: Disposition,
  note: z.string().max(4000).optional(),
  /**
   * The assigned units to free now; the others keep their assignment and status until they clear (their crew or
   * a dispatcher sets them available). Left out: every assigned unit is freed (the API's earlier behaviour).
   */
  releaseUnitIds: z.array(z.uuid()).max(50).optional(),
});
export type CloseIncidentRequest = z.infer<typeof CloseIncidentRequest>;

export const ReopenIncidentRequest = z.object({ reason: z.string().trim().min(1).max(4000) });
export type ReopenIncidentRequest = z.infer<typeof ReopenIncidentRequest>;

/** A search of past incidents: text matches the number, the address or a caller's number. */
export const IncidentHistoryQuery = z.object({
  q: z.string().trim().max(100).default(''),
  type: IncidentType.optional(),
  status: z.enum(['closed', 'all']).default('closed'),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type IncidentHistoryQuery = z.infer<typeof IncidentHistoryQuery>;

/**
 * Escalation of incidents left without a unit: the first row whose `minPriority` the incident's priority reaches
 * gives the seconds after opening at which it is flagged (rows sorted by minPriority, highest first).
 */
export const EscalationPolicy = z.object({
  unassigned: z.array(
    z.object({ minPriority: z.number().int().min(0).max(10), seconds: z.number().positive() }),
  ),
});
export type EscalationPolicy = z.infer<typeof EscalationPolicy>;

/** Seconds after which an incident of this priority with no unit is flagged; null when the policy has no row. */
export function unassignedLimitSeconds(policy: EscalationPolicy, priority: number): number | null {
  const row = [...policy.unassigned]
    .sort((a, b) => b.minPriority - a.minPriority)
    .find((r) => priority >= r.minPriority);
  return row ? row.seconds : null;
}

/** True when an open incident has had no unit for longer than the policy allows. */
export function isEscalated(
  policy: EscalationPolicy,
  incident: Pick<Incident, 'priority' | 'status' | 'assignments' | 'createdAt'>,
  now: Date,
): boolean {
  if (incident.status === 'closed' || incident.assignments.length > 0) return false;
  const limit = unassignedLimitSeconds(policy, incident.priority);
  return limit !== null && now.getTime() - Date.parse(incident.createdAt) >= limit * 1000;
}

/** An open incident near a new one, offered so that many callers about one event make one incident. */
export const DuplicateCandidate = z.object({
  incidentId: z.uuid(),
  number: IncidentNumber,
  type: IncidentType,
  subtype: z.string(),
  priority: Priority,
  address: z.string(),
  distanceM: z.number().nonnegative(),
  ageSeconds: z.number().nonnegative(),
});
export type DuplicateCandidate = z.infer<typeof DuplicateCandidate>;

export const DuplicateQuery = z.object({
  lat: z.coerce.number().min(-90).max(90),
  lon: z.coerce.number().min(-180).max(180),
  type: IncidentType,
  radiusM: z.coerce.number().positive().max(5000).default(300),
  windowMinutes: z.coerce
    .number()
    .positive()
    .max(24 * 60)
    .default(120),
});
export type DuplicateQuery = z.infer<typeof DuplicateQuery>;

/** One unit proposed for an incident, with the estimate it was ranked by. */
export const Recommendation = z.object({
  unitId: z.uuid(),
  callsign: z.string(),
  kind: UnitKind,
  agency: z.string(),
  distanceM: z.number().nonnegative(),
  etaSeconds: z.number().nonnegative(),
  /** Metres along the streets, or the straight line times the detour factor when estimated. */
  roadMetres: z.number().nonnegative().optional(),
  /** The ETA is a straight-line estimate (off the street network, or no network loaded), not a route. */
  etaEstimated: z.boolean().default(false),
  /** Which line of the response plan this unit fills, e.g. "fire-engine 1 of 2". */
  fills: z.string(),
});
export type Recommendation = z.infer<typeof Recommendation>;

export const AssignUnitsRequest = z.object({
  unitIds: z.array(z.uuid()).min(1).max(20),
  /** Take units that are committed elsewhere (divert). Must be explicit; audited. */
  divert: z.boolean().default(false),
});
export type AssignUnitsRequest = z.infer<typeof AssignUnitsRequest>;
