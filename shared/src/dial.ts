// A console's calls out: the configured destinations a call-taker may hand a caller on to (113 police, 114 fire
// and rescue, 115 ambulance, colleagues, other numbers), the legs it dials, and the grant the SIP edge checks.
import { z } from 'zod';

/** A destination's key: `113`, `114`, `115`, or `n1`, `n2`... for the other configured numbers. */
export const DialDestinationKey = z.string().regex(/^(11[345]|n[0-9]{1,2})$/);
export type DialDestinationKey = z.infer<typeof DialDestinationKey>;

export const DialDestination = z.object({
  key: DialDestinationKey,
  kind: z.enum(['agency', 'number']),
  label: z.object({ en: z.string(), vi: z.string() }),
  uri: z.string(),
});
export type DialDestination = z.infer<typeof DialDestination>;

export const CallLegKind = z.enum(['handover', 'callback']);
export type CallLegKind = z.infer<typeof CallLegKind>;

/**
 * dialing: the console is calling; talking: the destination answered, the caller on hold; conference: all three
 * hear each other; withdrawn: the call-taker muted while the destination and the caller talk; ended, failed.
 */
export const CallLegState = z.enum(['dialing', 'talking', 'conference', 'withdrawn', 'ended', 'failed']);
export type CallLegState = z.infer<typeof CallLegState>;

export const CallLeg = z.object({
  id: z.uuid(),
  callId: z.uuid(),
  kind: CallLegKind,
  destinationKey: z.string(),
  destinationLabel: z.string(),
  targetUri: z.string(),
  sipCallId: z.string().nullable(),
  state: CallLegState,
  failureReason: z.string().nullable(),
  createdBy: z.uuid(),
  createdAt: z.iso.datetime({ offset: true }),
  answeredAt: z.iso.datetime({ offset: true }).nullable(),
  joinedAt: z.iso.datetime({ offset: true }).nullable(),
  endedAt: z.iso.datetime({ offset: true }).nullable(),
});
export type CallLeg = z.infer<typeof CallLeg>;

/** What the console puts on its INVITE: the edge lets the call out only to `uri`, once, before `expiresAt`. */
export const DialGrant = z.object({
  uri: z.string(),
  headers: z.array(z.string()),
  expiresAt: z.iso.datetime({ offset: true }),
});
export type DialGrant = z.infer<typeof DialGrant>;

export const DialResponse = z.object({ leg: CallLeg, grant: DialGrant });
export type DialResponse = z.infer<typeof DialResponse>;

/** POST /calls/:id/legs: dial a configured destination from the caller's call in hand. */
export const DialLegRequest = z.object({ destination: DialDestinationKey }).strict();
export type DialLegRequest = z.infer<typeof DialLegRequest>;

/** What the console's softphone reports of a leg; `reason` says why one failed (the SIP cause). */
export const CallLegEvent = z
  .object({
    event: z.enum(['answered', 'joined', 'withdrawn', 'rejoined', 'ended', 'failed']),
    sipCallId: z.string().min(1).max(256).optional(),
    reason: z.string().max(200).optional(),
  })
  .strict();
export type CallLegEvent = z.infer<typeof CallLegEvent>;

/** A caller's number a callback may dial: digits, an optional leading +. */
export const CallbackNumber = z.string().regex(/^\+?[0-9]{3,15}$/);
