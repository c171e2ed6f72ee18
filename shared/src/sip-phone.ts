// The call-taker's phone: short-lived SIP credentials the server hands a logged-in call-taker's console so its
// softphone can register with Kamailio over SIP over WebSocket (GET /api/calltakers/me/sip-credentials).
import { z } from 'zod';

export const SipCredentials = z.object({
  /** The call-taker's extension: the user part of the address the softphone registers. */
  extension: z.string().regex(/^[0-9]{3,8}$/),
  /** Digest username: `<expiry unix seconds>:<extension>` (Kamailio auth_ephemeral, REST API form). */
  username: z.string().min(1).max(128),
  /** Digest password: base64 HMAC of the username with the secret shared with Kamailio. */
  password: z.string().min(1).max(256),
  /** Digest realm and the SIP domain the softphone registers in. */
  realm: z.string().min(1).max(255),
  /** SIP over WebSocket address of Kamailio (ws:// or wss://). */
  wsUrl: z.string().regex(/^wss?:\/\//),
  /** When the credentials stop working; the console asks for new ones before then. */
  expiresAt: z.iso.datetime({ offset: true }),
});
export type SipCredentials = z.infer<typeof SipCredentials>;

/**
 * How a call-taker talks to callers: the console's own softphone (headset on the workstation) or a desk SIP phone
 * registered on their extension. With a desk phone the incident form opens when the phone answers.
 */
export const PhoneMode = z.enum(['softphone', 'desk']);
export type PhoneMode = z.infer<typeof PhoneMode>;

/** A desk phone's SIP extension as it appears in a path. */
export const SipExtension = z.string().regex(/^[0-9]{3,8}$/, 'an extension of 3 to 8 digits');

/**
 * An admin sets or resets a desk phone's SIP password (PUT /api/sip-phones/:extension/password). Only its HA1
 * digest is stored; the password is typed into the phone and never shown again.
 */
export const SetDeskPhonePasswordRequest = z.object({
  password: z
    .string()
    .min(12, 'at least 12 characters')
    .max(128)
    .regex(/^[\x21-\x7e]+$/, 'printable ASCII without spaces (what desk phones accept)'),
});
export type SetDeskPhonePasswordRequest = z.infer<typeof SetDeskPhonePasswordRequest>;

/** What the server tells about a desk phone's password: never the password or its digest. */
export const DeskPhonePassword = z.object({
  extension: SipExtension,
  realm: z.string(),
  setAt: z.iso.datetime({ offset: true }),
});
export type DeskPhonePassword = z.infer<typeof DeskPhonePassword>;
