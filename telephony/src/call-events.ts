// Call and call-taker events for the server (which records calls in PostgreSQL and pushes both to consoles),
// appended to the Redis streams "<prefix>:call-events:<n>", one per shard of calls: durable in Redis, deleted by
// the server once applied.
//
// Emitting does not wait for Redis: call control handles Kamailio's events one at a time (serial.ts), and an append
// awaited inside that order made every later event wait a round trip (at 800 calls/s, two events a call, the
// order could not keep up). Events go out in the order emitted, those emitted while a batch is in flight in one
// pipeline with the next batch, and appends Redis refuses are sent again, as they were, until it takes them.
//
// An append sent again after a lost reply must not add the event twice: each event carries this sink's sequence
// number for its shard, and the append (one script) adds it only when that number is above the last one the
// shard took from this sink.
import { randomUUID } from 'node:crypto';
import { CALL_EVENT_SHARDS, type CallControlEvent, callEventShard, callEventStream } from '@hcm112/shared';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';

interface PendingAppend {
  shard: number;
  /** This sink's sequence number of the event within its shard, from 1. */
  seq: number;
  json: string;
  /** Called once the event is in Redis. */
  added?: () => void;
}

/** The wait before a batch Redis refused is sent again, doubling up to the last. */
const RETRY_MS = [100, 200, 400, 800, 1600, 3200];

/** How long Redis keeps a sink's sequence numbers after its last append: far longer than any resend. */
const SEQUENCE_TTL_S = 86_400;

/**
 * KEYS: the shard's stream, this sink's sequence numbers; ARGV: shard, sequence number, event JSON, attempts.
 * Adds the event only when its number is the next one for the shard (one already taken: a no-op; one beyond the
 * next: an error, so the sink sends the batch again from the earliest). A sink whose numbers Redis has forgotten
 * (idle a day) starts afresh. `#!lua` with no flags: a write script, refused whole (before it runs) when Redis is out
 * of memory.
 */
const APPEND_ONCE = `#!lua
local seq = tonumber(ARGV[2])
local last = redis.call('HGET', KEYS[2], ARGV[1])
if last then
  if seq <= tonumber(last) then return 0 end
  if seq > tonumber(last) + 1 then return redis.error_reply('GAP an earlier event of this shard is missing') end
elseif seq > 1 and redis.call('EXISTS', KEYS[2]) == 1 then
  return redis.error_reply('GAP an earlier event of this shard is missing')
end
redis.call('XADD', KEYS[1], '*', 'e', ARGV[3], 'a', ARGV[4])
redis.call('HSET', KEYS[2], ARGV[1], ARGV[2])
redis.call('EXPIRE', KEYS[2], ${SEQUENCE_TTL_S})
return 1`;

type AppendingRedis = Redis & {
  appendCallEvent(
    stream: string,
    sequences: string,
    shard: number,
    seq: number,
    json: string,
    attempts: number,
  ): Promise<number>;
};

export interface CallEventSinkOptions {
  /** Attempts the server makes at each event before parking it for a supervisor (it caps them at its own limit). */
  attempts?: number;
}

export class CallEventSink {
  private readonly redis: AppendingRedis;
  private readonly sequencesKey: string;
  private readonly seq = new Array<number>(CALL_EVENT_SHARDS).fill(0);
  private readonly attempts: number;
  private pending: PendingAppend[] = [];
  private sending: Promise<void> | undefined;

  constructor(
    redis: Redis,
    private readonly prefix: string,
    instance: string,
    private readonly log: Logger,
    options: CallEventSinkOptions = {},
  ) {
    // A sink of its own for each start: a restarted call control (same host, same PID in a container) begins its
    // sequence numbers again at 1.
    this.sequencesKey = `${prefix}:call-event-senders:${instance}:${randomUUID()}`;
    this.attempts = options.attempts ?? 1000;
    if (!('appendCallEvent' in redis))
      redis.defineCommand('appendCallEvent', { numberOfKeys: 2, lua: APPEND_ONCE });
    this.redis = redis as AppendingRedis;
  }

  /** Hands `event` to its shard's stream; `added` is called once Redis holds it. */
  emit(event: CallControlEvent, added?: () => void): void {
    const shard = callEventShard(event.type === 'calltaker' ? event.extension : event.sipCallId);
    this.seq[shard] = (this.seq[shard] ?? 0) + 1;
    this.pending.push({ shard, seq: this.seq[shard], json: JSON.stringify(event), ...(added && { added }) });
    this.sending ??= this.send();
  }

  /** Resolves when every event emitted so far is in Redis. */
  async sent(): Promise<void> {
    while (this.sending) await this.sending;
  }

  private async send(): Promise<void> {
    try {
      while (this.pending.length > 0) {
        const batch = this.pending;
        this.pending = [];
        await this.appendAll(batch);
      }
    } finally {
      this.sending = undefined;
    }
  }

  /**
   * One pipeline for the batch, in order; a batch of which Redis refused any append is sent again, whole, after a
   * wait (the sequence numbers make an append it took before a no-op), until Redis takes every one.
   */
  private async appendAll(batch: PendingAppend[]): Promise<void> {
    for (let attempt = 0; ; attempt += 1) {
      const pipeline = this.redis.pipeline() as ReturnType<Redis['pipeline']> & {
        appendCallEvent(...args: Parameters<AppendingRedis['appendCallEvent']>): unknown;
      };
      for (const a of batch) {
        pipeline.appendCallEvent(
          callEventStream(this.prefix, a.shard),
          this.sequencesKey,
          a.shard,
          a.seq,
          a.json,
          this.attempts,
        );
      }
      let err: unknown;
      try {
        const results = (await pipeline.exec()) ?? [];
        err = results.find(([e]) => e)?.[0] ?? (results.length === batch.length ? undefined : 'no reply');
      } catch (e) {
        err = e;
      }
      if (!err) break;
      const wait = RETRY_MS[Math.min(attempt, RETRY_MS.length - 1)]!;
      this.log.warn({ err, events: batch.length, attempt, retryInMs: wait }, 'call events not queued yet');
      await new Promise((r) => setTimeout(r, wait));
    }
    for (const a of batch) a.added?.();
  }

  async close(): Promise<void> {
    await this.sent();
  }
}
