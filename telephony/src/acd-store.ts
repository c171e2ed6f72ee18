// The ACD's state in Redis, laid out as shared/src/acd.ts says: waiting calls in arrival order, call-takers
// able to take one by idle time, one hash per call and per call-taker. Only this module writes it.
import {
  AcdAgentRecord,
  type AcdKeys,
  acdKeys,
  agentStateOf,
  safeJson,
  WrapUpOverride,
} from '@hcm112/shared';
import type { Redis } from 'ioredis';

/** A call call control is handling (all strings, as Redis keeps them). */
export interface AcdCall {
  tindex: string;
  tlabel: string;
  caller: string;
  /** Arrival in microseconds: the call's place in the queue. */
  arrivedUs: string;
  state: 'queued' | 'ringing' | 'answered' | 'fallback';
  /** Extension it rings at or was answered on, '' when none. */
  agent: string;
  fromTag: string;
  toTag: string;
  /** 'text' for a text-to-112 session (offered in the console, never routed by Kamailio); absent for a call. */
  channel?: 'text';
  /** A text session's overflow destination ('' for none). */
  overflowTo?: string;
}

export interface Match {
  sipCallId: string;
  extension: string;
}

// A new call in one round trip: written, queued at its arrival, and the queue and ready heads returned.
// KEYS: call hash, queue, ready. ARGV: Call-ID, tindex, tlabel, caller, arrival (us).
const ARRIVE = `
redis.call('HSET', KEYS[1], 'tindex', ARGV[2], 'tlabel', ARGV[3], 'caller', ARGV[4], 'arrivedUs', ARGV[5],
  'state', 'queued', 'agent', '', 'fromTag', '', 'toTag', '')
redis.call('ZADD', KEYS[2], ARGV[5], ARGV[1])
local c = redis.call('ZRANGE', KEYS[2], 0, 0)
local a = redis.call('ZRANGE', KEYS[3], 0, 0)
return {c[1] or '', a[1] or ''}`;

// Forgets a call that was not answered, in one round trip; returns what it was (empty when unknown).
// KEYS: call hash, queue. ARGV: Call-ID.
const FORGET_UNANSWERED = `
local h = redis.call('HGETALL', KEYS[1])
for i = 1, #h, 2 do
  if h[i] == 'state' and h[i + 1] == 'answered' then return h end
end
redis.call('DEL', KEYS[1])
redis.call('ZREM', KEYS[2], ARGV[1])
return h`;

// Consoles whose presence lapsed by Redis's clock (the one the server's heartbeats are scored with).
// KEYS: consoles. Returns the extensions.
const LAPSED_CONSOLES = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
return redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', now)`;

// Forgets a lapsed console unless a heartbeat renewed it meanwhile. KEYS: consoles. ARGV: extension.
const FORGET_LAPSED_CONSOLE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local score = redis.call('ZSCORE', KEYS[1], ARGV[1])
if score and tonumber(score) <= now then return redis.call('ZREM', KEYS[1], ARGV[1]) end
return 0`;

type Scripts = {
  acdArrive(...args: string[]): Promise<[string, string]>;
  acdForgetUnanswered(...args: string[]): Promise<string[]>;
  acdLapsedConsoles(key: string): Promise<string[]>;
  acdForgetLapsedConsole(key: string, extension: string): Promise<number>;
};

export class AcdStore {
  readonly keys: AcdKeys;
  private readonly scripts: Scripts;

  constructor(
    private readonly redis: Redis,
    prefix: string,
  ) {
    this.keys = acdKeys(prefix);
    redis.defineCommand('acdArrive', { numberOfKeys: 3, lua: ARRIVE });
    redis.defineCommand('acdForgetUnanswered', { numberOfKeys: 2, lua: FORGET_UNANSWERED });
    redis.defineCommand('acdLapsedConsoles', { numberOfKeys: 1, lua: LAPSED_CONSOLES });
    redis.defineCommand('acdForgetLapsedConsole', { numberOfKeys: 1, lua: FORGET_LAPSED_CONSOLE });
    this.scripts = redis as unknown as Scripts;
  }

  /** Queues a call never seen before; the next match when there is one. */
  async arrive(
    sipCallId: string,
    call: Pick<AcdCall, 'tindex' | 'tlabel' | 'caller' | 'arrivedUs'>,
  ): Promise<Match | undefined> {
    const [head, extension] = await this.scripts.acdArrive(
      this.keys.call(sipCallId),
      this.keys.queue,
      this.keys.ready,
      sipCallId,
      call.tindex,
      call.tlabel,
      call.caller,
      call.arrivedUs,
    );
    return head && extension ? { sipCallId: head, extension } : undefined;
  }

  /** Removes a call that ended unanswered; what it was, or undefined. An answered call is left alone. */
  async forgetUnanswered(sipCallId: string): Promise<AcdCall | undefined> {
    const flat = await this.scripts.acdForgetUnanswered(
      this.keys.call(sipCallId),
      this.keys.queue,
      sipCallId,
    );
    const h: Record<string, string> = {};
    for (let i = 0; i + 1 < flat.length; i += 2) h[flat[i]!] = flat[i + 1]!;
    return h.arrivedUs ? (h as unknown as AcdCall) : undefined;
  }

  async call(sipCallId: string): Promise<AcdCall | undefined> {
    const h = await this.redis.hgetall(this.keys.call(sipCallId));
    return h.arrivedUs ? (h as unknown as AcdCall) : undefined;
  }

  /** Writes the call; `queued` calls are (re)placed in the queue at their arrival, others taken out. */
  async saveCall(sipCallId: string, call: AcdCall): Promise<void> {
    const tx = this.redis.multi().hset(this.keys.call(sipCallId), { ...call });
    if (call.state === 'queued') tx.zadd(this.keys.queue, Number(call.arrivedUs), sipCallId);
    else tx.zrem(this.keys.queue, sipCallId);
    await tx.exec();
  }

  /** Every call call control is handling, by SIP Call-ID (a scan: for the rare reconciliation after a sync). */
  async calls(): Promise<Map<string, AcdCall>> {
    const prefix = this.keys.call('');
    const found = new Map<string, AcdCall>();
    for await (const keys of this.redis.scanStream({ match: `${prefix}*`, count: 500 }) as AsyncIterable<
      string[]
    >) {
      for (const key of keys) {
        const sipCallId = key.slice(prefix.length);
        const call = await this.call(sipCallId);
        if (call) found.set(sipCallId, call);
      }
    }
    return found;
  }

  async forgetCall(sipCallId: string): Promise<void> {
    await this.redis.multi().zrem(this.keys.queue, sipCallId).del(this.keys.call(sipCallId)).exec();
  }

  /** The longest-waiting call and the longest-idle available call-taker, when there are both. */
  async nextMatch(): Promise<Match | undefined> {
    const [[, calls], [, agents]] = (await this.redis
      .multi()
      .zrange(this.keys.queue, 0, 0)
      .zrange(this.keys.ready, 0, 0)
      .exec()) as [[null, string[]], [null, string[]]];
    const sipCallId = calls[0];
    const extension = agents[0];
    return sipCallId && extension ? { sipCallId, extension } : undefined;
  }

  async agent(extension: string): Promise<AcdAgentRecord> {
    return AcdAgentRecord.parse(await this.redis.hgetall(this.keys.agent(extension)));
  }

  /**
   * Writes a call-taker's record and keeps the ready set true to it (present, scored by idle-since, exactly
   * when they want calls, their phone is registered and they are neither on a call nor in wrap-up), and the
   * wrap-up set (scored by when it ends).
   */
  async saveAgent(extension: string, record: AcdAgentRecord): Promise<void> {
    const tx = this.redis.multi().hset(this.keys.agent(extension), { ...record });
    if (agentStateOf(record) === 'ready') tx.zadd(this.keys.ready, Number(record.idleSince), extension);
    else tx.zrem(this.keys.ready, extension);
    if (record.activity === 'wrap-up') tx.zadd(this.keys.wrapUps, Number(record.wrapUpUntil), extension);
    else tx.zrem(this.keys.wrapUps, extension);
    await tx.exec();
  }

  /** Extensions whose console presence lapsed; each stays listed until forgetLapsedConsole. */
  lapsedConsoles(): Promise<string[]> {
    return this.scripts.acdLapsedConsoles(this.keys.consoles);
  }

  async forgetLapsedConsole(extension: string): Promise<void> {
    await this.scripts.acdForgetLapsedConsole(this.keys.consoles, extension);
  }

  /** A text session offered to a call-taker lapses at `untilMs` unless accepted or declined before. */
  async offerText(sipCallId: string, untilMs: number): Promise<void> {
    await this.redis.zadd(this.keys.textOffers, untilMs, sipCallId);
  }

  /** A text session may overflow at `atMs` (it has a destination) while it still waits. */
  async overflowTextAt(sipCallId: string, atMs: number): Promise<void> {
    await this.redis.zadd(this.keys.textOverflows, atMs, sipCallId);
  }

  /** Text offers that lapsed, and text sessions that waited too long, at `atMs`. */
  async textsDue(atMs: number): Promise<{ offers: string[]; overflows: string[] }> {
    const [offers, overflows] = await Promise.all([
      this.redis.zrangebyscore(this.keys.textOffers, '-inf', atMs),
      this.redis.zrangebyscore(this.keys.textOverflows, '-inf', atMs),
    ]);
    return { offers, overflows };
  }

  /** The text session is no longer offered (accepted, declined, lapsed, gone). */
  async settleTextOffer(sipCallId: string): Promise<void> {
    await this.redis.zrem(this.keys.textOffers, sipCallId);
  }

  /** The text session will not overflow any more (answered, overflowed, gone). */
  async forgetTextOverflow(sipCallId: string): Promise<void> {
    await this.redis.zrem(this.keys.textOverflows, sipCallId);
  }

  /** The ACD finished this text session at `atMs`: it is never queued or adopted again. */
  async markTextDone(sipCallId: string, atMs: number): Promise<void> {
    await this.redis.zadd(this.keys.textsDone, atMs, sipCallId);
  }

  async textDone(sipCallId: string): Promise<boolean> {
    return (await this.redis.zscore(this.keys.textsDone, sipCallId)) !== null;
  }

  /** Forgets the text sessions finished before `beforeMs`. */
  async pruneTextsDone(beforeMs: number): Promise<void> {
    await this.redis.zremrangebyscore(this.keys.textsDone, '-inf', `(${beforeMs}`);
  }

  /** Extensions whose wrap-up ends at or before `atMs`. */
  wrapUpsDue(atMs: number): Promise<string[]> {
    return this.redis.zrangebyscore(this.keys.wrapUps, '-inf', atMs);
  }

  /** Every extension in wrap-up, with its record. */
  async wrapUps(): Promise<Array<{ extension: string; record: AcdAgentRecord }>> {
    const extensions = await this.redis.zrange(this.keys.wrapUps, 0, -1);
    return Promise.all(
      extensions.map(async (extension) => ({ extension, record: await this.agent(extension) })),
    );
  }

  /** How many calls have waited since before `arrivedBeforeUs` (queued, not ringing anyone). */
  longWaiting(arrivedBeforeUs: number): Promise<number> {
    return this.redis.zcount(this.keys.queue, '-inf', `(${arrivedBeforeUs}`);
  }

  /** Call-takers whose console is logged in (present). */
  consoleCount(): Promise<number> {
    return this.redis.zcard(this.keys.consoles);
  }

  readyCount(): Promise<number> {
    return this.redis.zcard(this.keys.ready);
  }

  /** The centre's wrap-up seconds: a supervisor's setting, else the configured default. */
  async wrapUpSeconds(defaultSeconds: number): Promise<number> {
    const raw = await this.redis.get(this.keys.wrapUpOverride);
    if (!raw) return defaultSeconds;
    const parsed = WrapUpOverride.safeParse(safeJson(raw));
    return parsed.success ? parsed.data.seconds : defaultSeconds;
  }

  async publishWrapUpDefaults(seconds: number, breakWaitSeconds: number): Promise<void> {
    await this.redis.set(this.keys.wrapUpDefaults, JSON.stringify({ seconds, breakWaitSeconds }));
  }

  /** Whether the media relay answers, as Kamailio last said (the server's wallboard figures read it). */
  async setMediaRelay(up: boolean): Promise<void> {
    await this.redis.set(this.keys.mediaRelay, up ? 'up' : 'down');
  }
}
