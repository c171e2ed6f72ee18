// An emergency call from arrival to end, and the call-taker states that the ACD distributes over.
import { z } from 'zod';
import { ServiceNumber } from './agency.ts';
import { GeoPoint, LocationSource } from './geo.ts';

export const CallState = z.enum(['queued', 'ringing-agent', 'answered', 'abandoned', 'ended', 'fallback']);
export type CallState = z.infer<typeof CallState>;

export const CallerLocation = z.object({
  point: GeoPoint,
  /** Radius of the uncertainty circle in metres (RFC 5491 Circle), null when a bare point. */
  accuracyM: z.number().nonnegative().nullable(),
  source: LocationSource,
});
export type CallerLocation = z.infer<typeof CallerLocation>;

export const CallEndedBy = z.enum(['caller', 'call-taker', 'system']);
export type CallEndedBy = z.infer<typeof CallEndedBy>;

export const Call = z.object({
  id: z.uuid(),
  /** SIP Call-ID of the caller's INVITE. */
  sipCallId: z.string().min(1).max(256),
  callerNumber: z.string().max(64),
  dialedNumber: z.string().max(32),
  service: ServiceNumber,
  state: CallState,
  arrivedAt: z.iso.datetime({ offset: true }),
  offeredAt: z.iso.datetime({ offset: true }).nullable(),
  answeredAt: z.iso.datetime({ offset: true }).nullable(),
  endedAt: z.iso.datetime({ offset: true }).nullable(),
  endedBy: CallEndedBy.nullable(),
  /** Call-taker who has (or last had) the call. */
  agentUserId: z.uuid().nullable(),
  location: CallerLocation.nullable(),
  incidentId: z.uuid().nullable(),
  /** For abandoned calls: when a call-taker recorded the callback. */
  callbackAt: z.iso.datetime({ offset: true }).nullable(),
});
export type Call = z.infer<typeof Call>;

/** A call waiting or ringing, with how long the caller has waited so far. */
export const QueuedCall = Call.extend({ waitSeconds: z.number().nonnegative() });
export type QueuedCall = z.infer<typeof QueuedCall>;

/** Query of GET /calls/recent: earlier calls from one number. */
export const RecentCallsQuery = z.object({
  caller: z.string().regex(/^\+?[0-9]{2,20}$/, 'a phone number of digits'),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
export type RecentCallsQuery = z.infer<typeof RecentCallsQuery>;

export const AgentState = z.enum(['offline', 'not-ready', 'ready', 'ringing', 'on-call']);
export type AgentState = z.infer<typeof AgentState>;

/** A call-taker as the ACD sees them. */
export const CallTakerStatus = z.object({
  userId: z.uuid(),
  username: z.string(),
  sipExtension: z.string().nullable(),
  state: AgentState,
  /** When the current state began; for `ready` this is the idle-since the ACD ranks by. */
  since: z.iso.datetime({ offset: true }),
  callId: z.uuid().nullable(),
  /**
   * Why the ACD last changed their state itself (no-answer, busy, unregistered, registered,
   * registered-elsewhere: another device took over their extension, e.g. a second console), null otherwise.
   */
  reason: z.string().max(64).nullable().default(null),
});
export type CallTakerStatus = z.infer<typeof CallTakerStatus>;

export const SetReadyRequest = z.object({ ready: z.boolean() });
export type SetReadyRequest = z.infer<typeof SetReadyRequest>;

/** Supervisor figures for today (NENA: 90% answered within 15 s, 95% within 20 s). */
export const CallStats = z.object({
  waiting: z.number().int().nonnegative(),
  longestWaitSeconds: z.number().nonnegative(),
  answeredToday: z.number().int().nonnegative(),
  abandonedToday: z.number().int().nonnegative(),
  answeredWithin15sShare: z.number().min(0).max(1).nullable(),
  answeredWithin20sShare: z.number().min(0).max(1).nullable(),
  callTakers: z.record(AgentState, z.number().int().nonnegative()),
});
export type CallStats = z.infer<typeof CallStats>;
