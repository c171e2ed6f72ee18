// The events Kamailio's routing script sends over evapi (route[NOTIFY] and route[SYNC] of kamailio.cfg),
// validated on the way in. Kamailio writes an absent header as "<null>".
import { OverflowReason, RefusalReason } from '@hcm112/shared';
import { z } from 'zod';

const text = z
  .union([z.string(), z.number()])
  .optional()
  .transform((v) => (v === undefined || v === '<null>' ? '' : String(v)));
const id = z.string().min(1).max(256);
const transaction = { tindex: z.number().int(), tlabel: z.number().int() };
/** Kamailio's $TV(Sn): "seconds.microseconds". */
const kamailioTime = z.string().regex(/^\d+\.\d+$/);

const Arrival = {
  callId: id,
  caller: text,
  /** The From URI, the first P-Asserted-Identity and Privacy headers, and the address the INVITE came from. */
  from: text,
  pai: text,
  privacy: text,
  source: text,
  dialed: text,
  at: kamailioTime,
  geolocation: text,
  contentType: text,
  body: text,
  /** 1 when the service dialled has an overflow destination (kamailio.cfg OVERFLOW_11x). */
  overflow: z.number().int().default(0),
};

/**
 * Numbered and stamped by route[NOTIFY]: `happenedAt` is when it happened in Kamailio, so an event kept while
 * call control was away still says when the call was answered or ended; `boot` names the run of Kamailio that
 * numbered it (its start time), since numbers start again when Kamailio restarts and an earlier run's kept
 * events are handed over by the next one. Snapshots and sync-done are not numbered.
 */
const seq = {
  seq: z.number().int().nonnegative(),
  boot: kamailioTime.optional(),
  happenedAt: kamailioTime.optional(),
};

export const KamailioEvent = z.discriminatedUnion('event', [
  z.object({
    event: z.literal('arrived'),
    ...Arrival,
    ...transaction,
    ...seq,
    /** 1 when call control has never been told of this call. */
    first: z.number().int().default(0),
  }),
  /** A call still suspended in Kamailio, sent on sync: a restarted controller may have missed it. */
  z.object({ event: z.literal('queued'), ...Arrival, ...transaction }),
  z.object({ event: z.literal('requeue'), callId: id, reason: text, ...transaction, ...seq }),
  z.object({ event: z.literal('fallback'), ...Arrival, ...seq }),
  z.object({ event: z.literal('unanswered'), ...Arrival, ...seq }),
  /** Sent to the service's overflow destination `to`, for `reason` (route[OVERFLOW]). */
  z.object({
    event: z.literal('overflow'),
    ...Arrival,
    to: z.string().min(1).max(256),
    reason: OverflowReason,
    ...seq,
  }),
  /** The overflow destination refused or did not answer; the call is placed again (or refused if over the cap). */
  z.object({ event: z.literal('overflow-failed'), callId: id, code: text, ...seq }),
  /**
   * An emergency INVITE refused by a limit or as malformed (route[RECORD_REFUSAL]); callId "folded" with the
   * count of one source's refusals that were only counted (route[FLUSH_REFUSALS]).
   */
  z.object({
    event: z.literal('refused'),
    callId: id,
    caller: text,
    /** As for an arrival (route[CALLER_IDENTITY]); absent from a folded count and from older runs' kept events. */
    from: text,
    pai: text,
    privacy: text,
    dialed: text,
    at: kamailioTime,
    reason: RefusalReason,
    source: z.string().min(1).max(64),
    count: z.number().int().positive(),
    ...seq,
  }),
  z.object({ event: z.literal('cancel'), callId: id, caller: text, ...seq }),
  /** A SIP MESSAGE to an emergency number, accepted (202) by route[TEXT_IN]. */
  z.object({
    event: z.literal('text'),
    callId: id,
    from: z.string().min(1).max(512),
    dialed: z.string().min(1).max(16),
    source: text,
    body: text,
    overflowTo: text,
    ...seq,
  }),
  /** Kamailio offered the caller's SDP to the relay for an announcement; call control makes the answer. */
  z.object({ event: z.literal('announce-offered'), callId: id, fromTag: id, ...transaction, ...seq }),
  /** The caller got early media from the relay for the announcements (ok 1), or the relay refused it (ok 0). */
  z.object({ event: z.literal('announced'), callId: id, ok: z.number().int(), ...seq }),
  z.object({ event: z.literal('gone'), callId: id, lost: z.number().int(), ...seq }),
  z.object({
    event: z.literal('answered'),
    callId: id,
    contact: text,
    fromTag: text,
    toTag: text,
    ...seq,
  }),
  z.object({ event: z.literal('ended'), callId: id, by: text, ...seq }),
  z.object({
    event: z.literal('registration'),
    extension: z.string().regex(/^[0-9]{3,8}$/),
    registered: z.number().int(),
    /** 1: an authenticated REGISTER from another device replaced the extension's phone. */
    replaced: z.number().int().default(0),
    /** The phone's contact as saved (registered only): what restores a UDP phone after Kamailio restarts. */
    contact: text,
    /** Transport the REGISTER came on: udp, tcp, ws, wss. */
    transport: text,
    /** When the registration expires (Unix seconds). */
    expires: z.number().int().default(0),
    ...seq,
  }),
  /** rtpengine answers (1) or not (0); numbered when it changed, unnumbered as part of a sync's snapshot. */
  z.object({
    event: z.literal('media-relay'),
    up: z.number().int(),
    seq: z.number().int().nonnegative().optional(),
  }),
  /** Sent on sync: a call Kamailio still holds (unanswered with its transaction, or answered). */
  z.object({ event: z.literal('holding'), callId: id }),
  /** The end of a sync; `at`: when Kamailio took its snapshot of the calls it holds. */
  z.object({ event: z.literal('sync-done'), at: kamailioTime.optional() }),
]);
export type KamailioEvent = z.infer<typeof KamailioEvent>;
export type KamailioArrival = Extract<
  KamailioEvent,
  { event: 'arrived' | 'queued' | 'fallback' | 'unanswered' | 'overflow' }
>;

/** When the event happened in Kamailio (ISO), or `fallback` for events that do not say. */
export function happenedAt(e: KamailioEvent, fallback: Date): string {
  const at = 'happenedAt' in e ? e.happenedAt : undefined;
  return at ? new Date(Math.floor(kamailioMicros(at) / 1000)).toISOString() : fallback.toISOString();
}

/** Microseconds since the epoch from Kamailio's "seconds.microseconds". */
export function kamailioMicros(at: string): number {
  const [s = '0', us = '0'] = at.split('.');
  return Number(s) * 1_000_000 + Number(us.padEnd(6, '0').slice(0, 6));
}
