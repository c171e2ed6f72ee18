// The contract between the server and call control: where call events travel (Redis streams, and the BullMQ queue
// of events that failed once), the ACD's layout in Redis (which the server reads and writes only where marked:
// console presence and the centre's wrap-up), and the commands the server may send.
import { z } from 'zod';
import { AgentReason, type AgentState } from './call.ts';

/**
 * Call control -> server: every call and call-taker event (CallControlEvent), spread over this many Redis streams
 * by call (or extension). Each stream is read in order by one reader at a time per server, so one call's events
 * apply in order while different calls are recorded in parallel (PostgreSQL then shares one disk flush among them).
 */
export const CALL_EVENT_SHARDS = 16;

/** The shard that carries the events of one call (SIP Call-ID) or one call-taker (extension). */
export function callEventShard(subject: string): number {
  // FNV-1a: stable across processes and restarts.
  let hash = 0x811c9dc5;
  for (let i = 0; i < subject.length; i += 1) hash = Math.imul(hash ^ subject.charCodeAt(i), 0x01000193);
  return (hash >>> 0) % CALL_EVENT_SHARDS;
}

/**
 * The Redis stream of one shard's call events, under the deployment's REDIS_PREFIX. Each entry: `e`, the event as
 * JSON; `a`, how many attempts it gets before it is parked for a supervisor. An entry is deleted once applied.
 */
export function callEventStream(prefix: string, shard: number): string {
  return `${prefix}:call-events:${shard}`;
}

/** The consumer group the servers read call-event streams in (each entry goes to one server). */
export const CALL_EVENT_GROUP = 'recorders';

/**
 * Server -> server: BullMQ queue of call events whose first attempt failed (most often an event read before its
 * call's arrival was recorded): retried with back-off, off the stream, so the shard's later events go on.
 */
export const CALL_EVENT_RETRY_QUEUE = 'call-events-retry';

/** Server -> call control: AcdCommand jobs; the job's return value is the command's result. */
export const ACD_COMMANDS_QUEUE = 'acd-commands';

/** Redis keys of one deployment's ACD, under its REDIS_PREFIX. */
export function acdKeys(prefix: string) {
  return Object.freeze({
    /** Sorted set: SIP Call-IDs waiting, scored by arrival in microseconds (FIFO). */
    queue: `${prefix}:acd:queue`,
    /** Sorted set: extensions able to take a call now, scored by idle-since in ms (longest idle first). */
    ready: `${prefix}:acd:ready`,
    /** Hash: one call call control is handling (AcdCallRecord). */
    call: (sipCallId: string) => `${prefix}:acd:call:${sipCallId}`,
    /** Hash: one call-taker's phone as the ACD sees it (AcdAgentRecord). */
    agent: (extension: string) => `${prefix}:acd:agent:${extension}`,
    /**
     * Hash written by call control: extension -> PhoneContact JSON, each registered phone's contact as Kamailio
     * last reported it, so a restart of Kamailio (registrations in memory) can put UDP phones back.
     */
    contacts: `${prefix}:acd:contacts`,
    /** String with expiry: the instance id of the call-control instance allowed to route calls. */
    leader: `${prefix}:acd:leader`,
    /** String 'up' or 'down': whether Kamailio's media relay (rtpengine) answers, as Kamailio last reported. */
    mediaRelay: `${prefix}:acd:media-relay`,
    /** String with expiry: ControllerStatus of the leader once it is connected to Kamailio and in sync. */
    controller: `${prefix}:acd:controller`,
    /**
     * Sorted set written by the server: extensions whose call-taker has a console connected, scored by the
     * time (Redis clock, ms) their presence lapses unless a heartbeat renews it. Call control sets a ready
     * call-taker whose presence lapsed not ready (console-lost) and removes the entry.
     */
    consoles: `${prefix}:acd:consoles`,
    /** Sorted set: text sessions offered to a call-taker, scored by when the offer lapses (ms). */
    textOffers: `${prefix}:acd:text-offers`,
    /** Sorted set: text sessions with an overflow destination, scored by when they have waited too long (ms). */
    textOverflows: `${prefix}:acd:text-overflows`,
    /**
     * Sorted set: text sessions the ACD finished (ended, overflowed, released), scored by when (ms), kept a day,
     * so a sync that read the server's records just before they said so never queues or adopts one again.
     */
    textsDone: `${prefix}:acd:texts-done`,
    /** Sorted set: extensions in wrap-up, scored by when it ends (ms). */
    wrapUps: `${prefix}:acd:wrap-ups`,
    /** String written by the server: WrapUpOverride JSON, the supervisor's centre-wide wrap-up seconds. */
    wrapUpOverride: `${prefix}:acd:wrap-up:override`,
    /** String written by call control at start: WrapUpDefaults JSON, its configured wrap-up figures. */
    wrapUpDefaults: `${prefix}:acd:wrap-up:defaults`,
  });
}
export type AcdKeys = ReturnType<typeof acdKeys>;

const Flag = z.enum(['0', '1']);
const Millis = z.string().regex(/^\d+$/);

/** What the ACD keeps per extension; Redis hashes hold strings. */
/** A registered phone's contact as call control keeps it (`contacts` hash), to restore it after a restart. */
export const PhoneContact = z.object({
  /** The contact URI as Kamailio saved it. */
  contact: z.string().min(1),
  /** Transport the phone registered on: udp, tcp, ws, wss. */
  transport: z.string(),
  /** When the registration expires (Unix seconds). */
  expires: z.number().int(),
});
export type PhoneContact = z.infer<typeof PhoneContact>;

export const AcdAgentRecord = z.object({
  /** The call-taker wants calls. */
  ready: Flag.default('0'),
  /** Their phone is registered with Kamailio. */
  registered: Flag.default('0'),
  activity: z.enum(['idle', 'ringing', 'on-call', 'wrap-up']).default('idle'),
  /** In wrap-up: when it ends by itself (ms since epoch), '0' otherwise. */
  wrapUpUntil: Millis.default('0'),
  /** When the current state began (ms since epoch). */
  since: Millis.default('0'),
  /** When they last became free: the ACD offers the next call to the longest idle. */
  idleSince: Millis.default('0'),
  /** SIP Call-ID of the call ringing or answered, '' when none. */
  callId: z.string().default(''),
  /** Why the ACD last took them out of ready itself, kept until they choose; '' when it did not. */
  reason: z
    .union([AgentReason, z.literal('')])
    .catch('')
    .default(''),
});
export type AcdAgentRecord = z.infer<typeof AcdAgentRecord>;

/** The state a console shows for an agent record. */
export function agentStateOf(record: AcdAgentRecord): AgentState {
  if (record.activity === 'ringing') return 'ringing';
  if (record.activity === 'on-call') return 'on-call';
  if (record.registered !== '1') return 'offline';
  if (record.ready !== '1') return 'not-ready';
  return record.activity === 'wrap-up' ? 'wrap-up' : 'ready';
}

/** The supervisor's centre-wide wrap-up, as the server stores it. */
export const WrapUpOverride = z.object({
  seconds: z.number().int().min(0),
  setBy: z.string(),
  setAt: z.iso.datetime({ offset: true }),
});
export type WrapUpOverride = z.infer<typeof WrapUpOverride>;

/** Call control's configured wrap-up figures, published so the server can show them. */
export const WrapUpDefaults = z.object({
  seconds: z.number().int().min(0),
  breakWaitSeconds: z.number().int().min(0),
});
export type WrapUpDefaults = z.infer<typeof WrapUpDefaults>;

export const ControllerStatus = z.object({
  instance: z.string(),
  since: z.iso.datetime({ offset: true }),
  /**
   * When it last came in sync with Kamailio (start, reconnection): the server then syncs the text sessions.
   * Optional so that a status written by an earlier release still names a controller (its `since` stands in).
   */
  syncedAt: z.iso.datetime({ offset: true }).optional(),
});
export type ControllerStatus = z.infer<typeof ControllerStatus>;

const Extension = z.string().regex(/^[0-9]{3,8}$/);
/** The Call-ID of a text session's call row: `text-` and the session's id. */
const TextCallId = z.string().regex(/^text-[0-9a-f-]{36}$/);

/** The Call-ID a text session is queued, offered and recorded under. */
export function textCallId(sessionId: string): string {
  return `text-${sessionId}`;
}

/** A text session to queue like a call (its call row recorded, Call-ID `text-<session id>`). */
export const TextToQueue = z.object({
  sipCallId: TextCallId,
  caller: z.string().max(512),
  /** Where it goes when it waits too long ('' for none, e.g. a web chat). */
  overflowTo: z.string().max(512),
  arrivedAt: z.iso.datetime({ offset: true }),
});
export type TextToQueue = z.infer<typeof TextToQueue>;

export const AcdCommand = z.discriminatedUnion('cmd', [
  z.object({ cmd: z.literal('set-ready'), extension: Extension, ready: z.boolean() }),
  /** The call-taker ends their wrap-up early: calls may be offered to them again. */
  z.object({ cmd: z.literal('end-wrap-up'), extension: Extension }),
  /** End an answered call (BYE to both sides), on behalf of the call-taker on it. */
  z.object({ cmd: z.literal('hangup'), sipCallId: z.string().min(1).max(256), extension: Extension }),
  /** Dereference the call's location by reference again (HELD); the answer comes as a `located` call event. */
  z.object({
    cmd: z.literal('locate'),
    sipCallId: z.string().min(1).max(256),
    uri: z.string().min(1).max(2000),
  }),
  /**
   * A text session to queue like a call (the server recorded its call row, Call-ID `text-<session id>`);
   * `overflowTo`: where it goes when it waits too long ('' for none, e.g. a web chat).
   */
  TextToQueue.extend({ cmd: z.literal('queue-text') }),
  /**
   * After call control came in sync: the text sessions waiting for a call-taker, oldest first (queued unless
   * known), those a call-taker took from the list while call control was away (on a call until they end it),
   * and those the server ended meanwhile (released: the call-taker on one wraps up).
   */
  z.object({
    cmd: z.literal('sync-texts'),
    waiting: z.array(TextToQueue).max(10_000),
    taken: z.array(TextToQueue.extend({ extension: Extension })).max(10_000),
    ended: z.array(TextCallId).max(10_000),
  }),
  /** The call-taker accepts, declines, or ends the text session offered to (or taken by) them. */
  z.object({ cmd: z.literal('answer-text'), sipCallId: TextCallId, extension: Extension }),
  z.object({ cmd: z.literal('decline-text'), sipCallId: TextCallId, extension: Extension }),
  z.object({ cmd: z.literal('end-text'), sipCallId: TextCallId, extension: Extension }),
  /** Send a SIP MESSAGE from the emergency number `from` (e.g. 112) to `to`: a call-taker's text reply. */
  z.object({
    cmd: z.literal('send-text'),
    to: z.string().min(1).max(512),
    from: z.string().min(1).max(512),
    body: z.string().min(1).max(8000),
  }),
]);
export type AcdCommand = z.infer<typeof AcdCommand>;

/** The result call control returns for a command (the BullMQ job's return value). */
export const AcdCommandResult = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), agent: AcdAgentRecord.optional() }),
  z.object({ ok: z.literal(false), reason: z.string() }),
]);
export type AcdCommandResult = z.infer<typeof AcdCommandResult>;
