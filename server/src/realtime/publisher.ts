// Publishes a realtime event: numbers it in its stream, keeps it for replay, and broadcasts it to every
// server instance through Redis pub/sub, all in one atomic script.
import { EVENT_STREAM, type EventEnvelope, type RealtimeEvent, type Stream } from '@hcm112/shared';
import type { Redis } from 'ioredis';

/** How many events of each stream are kept for reconnecting clients. */
export const REPLAY_LENGTH = 10_000;

// KEYS: seq counter, replay stream, channel. ARGV: stream name, ISO time, event JSON, replay length.
const PUBLISH_SCRIPT = `
local seq = redis.call('INCR', KEYS[1])
local env = '{"stream":"' .. ARGV[1] .. '","seq":' .. seq .. ',"at":"' .. ARGV[2] .. '","event":' .. ARGV[3] .. '}'
redis.call('XADD', KEYS[2], 'MAXLEN', '~', ARGV[4], seq .. '-1', 'e', env)
redis.call('PUBLISH', KEYS[3], env)
return seq
`;

export function realtimeKeys(prefix: string, stream: Stream) {
  return {
    seq: `${prefix}:rt:seq:${stream}`,
    log: `${prefix}:rt:log:${stream}`,
    channel: `${prefix}:rt:ch:${stream}`,
  };
}

export class EventPublisher {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly clock: () => Date = () => new Date(),
  ) {
    redis.defineCommand('e112Publish', { numberOfKeys: 3, lua: PUBLISH_SCRIPT });
  }

  /** Returns the sequence number the event got in its stream. */
  async publish(event: RealtimeEvent): Promise<number> {
    const stream = EVENT_STREAM[event.type];
    const keys = realtimeKeys(this.prefix, stream);
    const run = (this.redis as unknown as Record<string, (...a: unknown[]) => Promise<number>>).e112Publish!;
    return run.call(
      this.redis,
      keys.seq,
      keys.log,
      keys.channel,
      stream,
      this.clock().toISOString(),
      JSON.stringify(event),
      REPLAY_LENGTH,
    );
  }

  async head(stream: Stream): Promise<number> {
    return Number((await this.redis.get(realtimeKeys(this.prefix, stream).seq)) ?? 0);
  }

  /** Envelopes with seq > since, oldest first; null when the oldest kept is already past the gap. */
  async since(stream: Stream, since: number): Promise<EventEnvelope[] | null> {
    const keys = realtimeKeys(this.prefix, stream);
    const head = await this.head(stream);
    if (since >= head) return [];
    const entries = await this.redis.xrange(keys.log, `${since + 1}-0`, '+');
    const first = entries[0]?.[0];
    if (!first || Number(first.split('-')[0]) !== since + 1) return null;
    return entries.map(([, fields]) => JSON.parse(fields[1]!) as EventEnvelope);
  }
}
