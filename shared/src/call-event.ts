// What call control tells the server about each call and call-taker, in order; the server's calls worker
// records calls in PostgreSQL and pushes both to consoles.
import { z } from 'zod';
import { AgentReason, AgentState, CallEndedBy } from './call.ts';
import { CallerIdentitySource, CallerLocation } from './caller-location.ts';
import { LocationSource } from './geo.ts';
import { ArrivalHops } from './call-hops.ts';

const Base = z.object({ sipCallId: z.string().min(1).max(256), at: z.iso.datetime({ offset: true }) });

const Arrival = {
  callerNumber: z.string().max(64),
  callerIdentity: CallerIdentitySource.default('untrusted'),
  callerPrivacy: z.boolean().default(false),
  dialedNumber: z.string().max(32),
  location: CallerLocation.nullable(),
  /** The raw Geolocation header and PIDF-LO, kept for the record. */
  locationRaw: z.string().max(70_000).nullable(),
  /** Further locations of the same PIDF-LO (several location-info elements), kept in the history. */
  moreLocations: z.array(CallerLocation).max(10).default([]),
  /** Why a location sent could not be used (malformed XML, unknown shape, ...): recorded as unusable. */
  locationProblems: z.array(z.string().max(300)).max(10).default([]),
  /** An https: Geolocation URI (location by reference) for the server to dereference with HELD. */
  locationUri: z.string().max(2000).nullable().default(null),
};

/** Why a call ended without being answered: the caller hung up, nobody could take it, or it was lost. */
export const AbandonReason = z.enum(['caller', 'unanswered', 'lost']);
export type AbandonReason = z.infer<typeof AbandonReason>;

/**
 * Why a call went to the overflow destination: the queue was full, it waited the queue timeout, no call-taker
 * was logged in, or neither call control nor a fallback phone could take it.
 */
export const OverflowReason = z.enum(['queue-full', 'waited', 'no-call-taker', 'no-call-control']);
export type OverflowReason = z.infer<typeof OverflowReason>;

/**
 * Why the SIP edge refused an emergency INVITE: too many from one source address or one caller number, the
 * queue full with no overflow destination, a malformed request; `folded`: a flood's refusals counted together.
 */
export const RefusalReason = z.enum(['source-flood', 'caller-flood', 'queue-full', 'malformed', 'folded']);
export type RefusalReason = z.infer<typeof RefusalReason>;

export const CallEvent = z.discriminatedUnion('type', [
  Base.extend({
    type: z.literal('arrived'),
    ...Arrival,
    /** When the arrival passed each hop up to the call-events queue (call-hops.ts); absent from older senders. */
    hops: ArrivalHops.optional(),
  }),
  Base.extend({ type: z.literal('offered'), extension: z.string() }),
  Base.extend({ type: z.literal('requeued'), extension: z.string().nullable(), reason: z.string() }),
  Base.extend({ type: z.literal('answered'), extension: z.string() }),
  Base.extend({
    type: z.literal('abandoned'),
    callerNumber: z.string(),
    reason: AbandonReason.default('caller'),
  }),
  Base.extend({ type: z.literal('ended'), endedBy: CallEndedBy }),
  /** Taken by the fallback group while call control was away; recorded when it came back. */
  Base.extend({
    type: z.literal('fallback'),
    ...Arrival,
    location: Arrival.location.default(null),
    locationRaw: Arrival.locationRaw.default(null),
    extension: z.string().nullable(),
  }),
  /**
   * Waited the whole queue timeout: now ringing the fallback group (destination null), or sent to the service's
   * overflow destination (a backup centre's or agency's SIP URI) for `reason`.
   */
  Base.extend({
    type: z.literal('overflowed'),
    destination: z.string().max(256).nullable().default(null),
    reason: OverflowReason.nullable().default(null),
  }),
  /**
   * An emergency INVITE the SIP edge refused; `count` > 1 when a flood's refusals from one source were folded
   * into one record.
   */
  Base.extend({
    type: z.literal('refused'),
    callerNumber: z.string().max(64),
    callerIdentity: Arrival.callerIdentity,
    callerPrivacy: Arrival.callerPrivacy,
    dialedNumber: z.string().max(32),
    reason: RefusalReason,
    source: z.string().max(64),
    count: z.number().int().positive(),
  }),
  /** A location that came after the arrival (HELD dereference): added to the call's history, usable or not. */
  Base.extend({
    type: z.literal('located'),
    source: LocationSource,
    locations: z.array(CallerLocation).max(10),
    /** Why no location came (timeout, garbage, not an allowed server); null when there are locations. */
    problem: z.string().max(300).nullable(),
    raw: z.string().max(70_000).nullable(),
  }),
]);
export type CallEvent = z.infer<typeof CallEvent>;

/** A call-taker's phone changed state in the ACD. */
export const CallTakerEvent = z.object({
  type: z.literal('calltaker'),
  extension: z.string().regex(/^[0-9]{3,8}$/),
  state: AgentState,
  at: z.iso.datetime({ offset: true }),
  /** SIP Call-ID of the call ringing or answered. */
  sipCallId: z.string().max(256).nullable(),
  /** Set when the ACD made this change itself (audited as the system's doing). */
  reason: AgentReason.nullable().catch(null),
  /** Why the ACD last took them out of ready, kept until they choose (CallTakerStatus.reason). */
  standingReason: AgentReason.nullable().default(null),
  /** In wrap-up: when it ends by itself. */
  wrapUpUntil: z.iso.datetime({ offset: true }).nullable().default(null),
});
export type CallTakerEvent = z.infer<typeof CallTakerEvent>;

/** Every job of the call-events queue. */
export const CallControlEvent = z.discriminatedUnion('type', [...CallEvent.options, CallTakerEvent]);
export type CallControlEvent = z.infer<typeof CallControlEvent>;
