// An emergency call from arrival to end, and the call-taker states that the ACD distributes over.
import { z } from 'zod';
import { RecordingStoreState } from './recording.ts';
import { ServiceNumber } from './agency.ts';
import { CallerIdentitySource, CallerLocation, LocationChoiceReason } from './caller-location.ts';

export const CallState = z.enum(['queued', 'ringing-agent', 'answered', 'abandoned', 'ended', 'fallback']);
export type CallState = z.infer<typeof CallState>;

export const CallEndedBy = z.enum(['caller', 'call-taker', 'system']);
export type CallEndedBy = z.infer<typeof CallEndedBy>;

/** voice: a SIP INVITE; text: a text-to-112 session (SIP MESSAGE or web chat), queued and offered like a call. */
export const CallChannel = z.enum(['voice', 'text']);
export type CallChannel = z.infer<typeof CallChannel>;

export const Call = z.object({
  id: z.uuid(),
  /** SIP Call-ID of the caller's INVITE. */
  sipCallId: z.string().min(1).max(256),
  /** E.164 when the number could be normalised (+84...), else as the caller's URI gave it. */
  callerNumber: z.string().max(64),
  /** Where callerNumber came from: P-Asserted-Identity from a trusted trunk, or From. */
  callerIdentity: CallerIdentitySource.default('untrusted'),
  /** The caller asked for privacy (Privacy: id/header/user, or an anonymous From): an emergency call overrides it. */
  callerPrivacy: z.boolean().default(false),
  dialedNumber: z.string().max(32),
  service: ServiceNumber,
  /** How the citizen reached us; a text session's Call-ID is `text-<session id>`. */
  channel: CallChannel.default('voice'),
  state: CallState,
  arrivedAt: z.iso.datetime({ offset: true }),
  offeredAt: z.iso.datetime({ offset: true }).nullable(),
  answeredAt: z.iso.datetime({ offset: true }).nullable(),
  endedAt: z.iso.datetime({ offset: true }).nullable(),
  endedBy: CallEndedBy.nullable(),
  /** Call-taker who has (or last had) the call. */
  agentUserId: z.uuid().nullable(),
  /** The location in use, chosen from the call's history (GET /calls/:id/locations) by chooseLocation. */
  location: CallerLocation.nullable(),
  /** Why that one: the only one, the newest, or an older one much more precise and close in time. */
  locationChoice: LocationChoiceReason.nullable().default(null),
  /** The 2025 ward of that location, set by the database from the ward polygons; null outside every ward or unlocated. */
  ward: z.string().max(120).nullable().default(null),
  /** The caller's network gave the location by reference (an https: Geolocation URI): it can be asked again. */
  locationByReference: z.boolean().default(false),
  incidentId: z.uuid().nullable(),
  /** For abandoned calls: when a call-taker recorded the callback. */
  callbackAt: z.iso.datetime({ offset: true }).nullable(),
  /** Sent to an overflow destination (backup centre or agency SIP URI), and why; null when not. */
  overflowTo: z.string().nullable().default(null),
  overflowReason: z.string().nullable().default(null),
  /** Refused by the SIP edge (flood, queue full, malformed): why, from which address, how many folded here. */
  refusal: z
    .object({ reason: z.string(), source: z.string().nullable(), count: z.number().int() })
    .nullable()
    .default(null),
});
export type Call = z.infer<typeof Call>;

/** A call waiting or ringing, with how long the caller has waited so far. */
export const QueuedCall = Call.extend({ waitSeconds: z.number().nonnegative() });
export type QueuedCall = z.infer<typeof QueuedCall>;

/** Query of GET /calls/recent: earlier calls from one number. */
export const RecentCallsQuery = z.object({
  /** Any form: calls are recorded in E.164, and a national form (0905...) finds them too. */
  caller: z.string().regex(/^\+?[0-9]{2,20}$/, 'a phone number of digits'),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
export type RecentCallsQuery = z.infer<typeof RecentCallsQuery>;

/** `wrap-up`: their call ended and they finish its paperwork; no call is offered until it ends. */
export const AgentState = z.enum(['offline', 'not-ready', 'ready', 'ringing', 'on-call', 'wrap-up']);
export type AgentState = z.infer<typeof AgentState>;

/**
 * Why the system (not the call-taker) changed their state. The ones that make them not ready (or offline)
 * stay on their status until they choose ready or not ready themselves, so their console and the wallboard
 * can say why: console-lost (no console heartbeat), unregistered (their phone), no-answer / busy / refused
 * (their phone did not take an offered call), registered-elsewhere, no-media-relay. `registered` only
 * describes a change (the phone came back).
 */
export const AgentReason = z.enum([
  'console-lost',
  'unregistered',
  'registered',
  'no-answer',
  'busy',
  'refused',
  'registered-elsewhere',
  'no-media-relay',
]);
export type AgentReason = z.infer<typeof AgentReason>;

/** A call-taker as the ACD sees them. */
export const CallTakerStatus = z.object({
  userId: z.uuid(),
  username: z.string(),
  sipExtension: z.string().nullable(),
  state: AgentState,
  /** When the current state began; for `ready` this is the idle-since the ACD ranks by. */
  since: z.iso.datetime({ offset: true }),
  callId: z.uuid().nullable(),
  /** Why the system last took them out of ready, until they choose again themselves; null when it did not. */
  reason: AgentReason.nullable().default(null),
  /** In wrap-up: when it ends by itself (the console counts down to it). */
  wrapUpUntil: z.iso.datetime({ offset: true }).nullable().default(null),
});
export type CallTakerStatus = z.infer<typeof CallTakerStatus>;

export const SetReadyRequest = z.object({ ready: z.boolean() });
export type SetReadyRequest = z.infer<typeof SetReadyRequest>;

/** Centre-wide wrap-up after each call, as GET/PUT /acd/wrap-up show it. */
export const WrapUpSetting = z.object({
  /** Seconds of wrap-up after each call now in force (0: the next call is offered at once). */
  seconds: z.number().int().min(0),
  /** Call control's configured default, in force when no supervisor has set one (null: not known yet). */
  defaultSeconds: z.number().int().min(0).nullable(),
  /** A call waiting longer than this ends the wrap-up of whoever has been in it longest. */
  breakWaitSeconds: z.number().int().min(0).nullable(),
  setBy: z.string().nullable(),
  setAt: z.iso.datetime({ offset: true }).nullable(),
});
export type WrapUpSetting = z.infer<typeof WrapUpSetting>;

/** PUT /acd/wrap-up: seconds for the whole centre (0 allowed, e.g. during a surge); null: back to the default. */
export const SetWrapUpRequest = z.object({ seconds: z.number().int().min(0).max(600).nullable() });
export type SetWrapUpRequest = z.infer<typeof SetWrapUpRequest>;
/** Whether calls' media has its relay (rtpengine): without it browser phones take no calls. */
export const MediaRelayState = z.enum(['up', 'down', 'unknown']);
export type MediaRelayState = z.infer<typeof MediaRelayState>;

/** Supervisor figures for today (NENA: 90% answered within 15 s, 95% within 20 s). */
export const CallStats = z.object({
  waiting: z.number().int().nonnegative(),
  longestWaitSeconds: z.number().nonnegative(),
  answeredToday: z.number().int().nonnegative(),
  abandonedToday: z.number().int().nonnegative(),
  answeredWithin15sShare: z.number().min(0).max(1).nullable(),
  answeredWithin20sShare: z.number().min(0).max(1).nullable(),
  callTakers: z.record(AgentState, z.number().int().nonnegative()),
  mediaRelay: MediaRelayState,
  /** Answered calls today whose recording failed (the call went on). */
  notRecordedToday: z.number().int().nonnegative(),
  recordingStore: RecordingStoreState,
  /** Call events parked after every retry failed, not yet handled by a supervisor. */
  failedCallEvents: z.number().int().nonnegative().default(0),
  /** Calls sent to an overflow destination today (backup centre, agency). */
  overflowedToday: z.number().int().nonnegative().default(0),
  /** Emergency INVITEs the SIP edge refused today (flood, queue full, malformed), folded ones counted. */
  refusedToday: z.number().int().nonnegative().default(0),
});
export type CallStats = z.infer<typeof CallStats>;

/** A call event that could not be recorded after every retry: parked for a supervisor until handled. */
export const FailedCallEvent = z.object({
  id: z.number().int(),
  sipCallId: z.string(),
  eventType: z.string(),
  event: z.unknown(),
  error: z.string(),
  attempts: z.number().int(),
  failedAt: z.iso.datetime({ offset: true }),
});
export type FailedCallEvent = z.infer<typeof FailedCallEvent>;

/** POST /calls/failed-events/:id/handled: what the supervisor did about it (re-entered the call, ...). */
export const HandleFailedCallEventRequest = z.object({ note: z.string().min(1).max(500) });
export type HandleFailedCallEventRequest = z.infer<typeof HandleFailedCallEventRequest>;
