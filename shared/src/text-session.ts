// Text to 112: a citizen's emergency conversation in text (SIP MESSAGE or the public web chat), queued and
// taken by a call-taker like a call; every message kept as its transcript.
import { z } from 'zod';

/** Longest message either side may send, in characters (a SIP MESSAGE body or a chat message). */
export const TEXT_MAX_CHARS = 1000;
/** Queue name (call control -> server) of SIP MESSAGEs received by Kamailio. */
export const TEXT_IN_QUEUE = 'text-in';

export const TextChannel = z.enum(['sip', 'web']);
export type TextChannel = z.infer<typeof TextChannel>;

/** queued: waiting for a call-taker; active: a call-taker converses; overflowed: sent to the backup centre. */
export const TextSessionState = z.enum(['queued', 'active', 'overflowed', 'closed']);
export type TextSessionState = z.infer<typeof TextSessionState>;

export const TextSender = z.enum(['citizen', 'call-taker', 'system']);
export type TextSender = z.infer<typeof TextSender>;

export const TextMessage = z.object({
  id: z.number().int(),
  sessionId: z.uuid(),
  sender: TextSender,
  /** The call-taker's name for their own messages; null for the citizen and the system. */
  senderName: z.string().nullable(),
  text: z.string(),
  at: z.iso.datetime({ offset: true }),
});
export type TextMessage = z.infer<typeof TextMessage>;

export const TextSession = z.object({
  id: z.uuid(),
  channel: TextChannel,
  /** The SIP From URI, or what the citizen typed as their name or number on the web chat (may be empty). */
  citizen: z.string(),
  dialed: z.string(),
  state: TextSessionState,
  language: z.enum(['vi', 'en']),
  startedAt: z.iso.datetime({ offset: true }),
  takenAt: z.iso.datetime({ offset: true }).nullable(),
  closedAt: z.iso.datetime({ offset: true }).nullable(),
  callTakerId: z.uuid().nullable(),
  callTakerName: z.string().nullable(),
  incidentId: z.uuid().nullable(),
  overflowTo: z.string().nullable(),
  /** Its row in the calls table (channel text): queued, offered, answered and ended like a call. */
  callId: z.uuid().nullable().default(null),
  lastMessageAt: z.iso.datetime({ offset: true }),
});
export type TextSession = z.infer<typeof TextSession>;

const MessageText = z
  .string()
  .trim()
  .min(1, 'write a message')
  .max(TEXT_MAX_CHARS, `at most ${TEXT_MAX_CHARS} characters`);

/** A citizen opens the web chat with their first message. */
export const StartTextSessionRequest = z
  .object({
    text: MessageText,
    /** A name or callback number, if the citizen gives one. */
    citizen: z.string().trim().max(100).default(''),
    language: z.enum(['vi', 'en']).default('vi'),
  })
  .strict();
export type StartTextSessionRequest = z.infer<typeof StartTextSessionRequest>;

export const SendTextRequest = z.object({ text: MessageText }).strict();
export type SendTextRequest = z.infer<typeof SendTextRequest>;

export const LinkTextIncidentRequest = z.object({ incidentId: z.uuid() }).strict();

/** What a citizen's chat page receives on its event stream. */
export const CitizenTextEvent = z.discriminatedUnion('type', [
  z.object({ type: z.literal('message'), message: TextMessage }),
  z.object({ type: z.literal('state'), state: TextSessionState }),
]);
export type CitizenTextEvent = z.infer<typeof CitizenTextEvent>;

/** A SIP MESSAGE to an emergency number, as call control hands it to the server. */
export const SipTextIn = z.object({
  sipCallId: z.string().min(1).max(256),
  /** The From URI: replies are sent there. */
  from: z.string().min(1).max(512),
  dialed: z.string().min(1).max(16),
  body: z.string().max(TEXT_MAX_CHARS * 4),
  source: z.string().max(64),
  /** The service's overflow destination (kamailio.cfg OVERFLOW_11x), empty when none. */
  overflowTo: z.string().max(256),
});
export type SipTextIn = z.infer<typeof SipTextIn>;
