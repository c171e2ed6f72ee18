// Call control's call-events sink against a Redis of its own: emitting never waits for Redis, events reach their
// shard's stream in the order emitted, and appends Redis refuses (here: out of memory) or whose reply was lost are
// sent again until it takes them, each event once.
import { CALL_EVENT_SHARDS, type CallControlEvent, callEventShard, callEventStream } from '@hcm112/shared';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CallEventSink } from '../src/call-events.ts';
import { type PrivateRedis, startPrivateRedis, waitFor } from '../testing/index.ts';

let server: PrivateRedis;
let redis: Redis;
const warnings: string[] = [];
const log = pino({ level: 'warn' }, { write: (line: string) => warnings.push(JSON.parse(line).msg) });

beforeAll(async () => {
  server = await startPrivateRedis();
  redis = new Redis(server.url, { maxRetriesPerRequest: null });
});

afterAll(async () => {
  redis.disconnect();
  await server.stop();
});

const abandoned = (sipCallId: string, n: number): CallControlEvent => ({
  type: 'abandoned',
  sipCallId,
  at: new Date(Date.UTC(2026, 11, 7, 12, 0, n)).toISOString(),
  callerNumber: '0905550001',
  reason: 'caller',
});

/** Every entry of every call-events stream under `prefix`, as [Call-ID, second of its time], oldest first per shard. */
async function queued(prefix: string): Promise<Array<[string, number]>> {
  const entries: Array<[string, number]> = [];
  for (let shard = 0; shard < CALL_EVENT_SHARDS; shard += 1) {
    for (const [, fields] of await redis.xrange(callEventStream(prefix, shard), '-', '+')) {
      const e = JSON.parse(fields[fields.indexOf('e') + 1]!) as Extract<
        CallControlEvent,
        { type: 'abandoned' }
      >;
      expect(callEventShard(e.sipCallId)).toBe(shard);
      entries.push([e.sipCallId, new Date(e.at).getUTCSeconds()]);
    }
  }
  return entries;
}

describe('call-events sink', () => {
  it('returns before Redis has the event, and keeps each call’s events in the order emitted', async () => {
    const prefix = 'sink-order';
    const sink = new CallEventSink(redis, prefix, 'test', log);
    const added: number[] = [];
    for (let n = 0; n < 40; n += 1) sink.emit(abandoned(`call-${n % 4}`, n), () => added.push(n));
    // Nothing is acknowledged yet: emit handed the events over without waiting.
    expect(added).toEqual([]);
    await sink.sent();
    expect(added).toHaveLength(40);
    const jobs = await queued(prefix);
    expect(jobs).toHaveLength(40);
    for (let c = 0; c < 4; c += 1) {
      const mine = jobs.filter(([id]) => id === `call-${c}`).map(([, n]) => n);
      expect(mine).toEqual(Array.from({ length: 10 }, (_, i) => c + 4 * i));
    }
    await sink.close();
  });

  it('sends refused adds again until Redis takes them, each event once', async () => {
    const prefix = 'sink-refused';
    const sink = new CallEventSink(redis, prefix, 'test', log);
    await redis.config('SET', 'maxmemory', '1');
    try {
      for (let n = 0; n < 10; n += 1) sink.emit(abandoned(`refused-${n % 3}`, n));
      await waitFor(
        async () => (warnings.includes('call events not queued yet') ? true : undefined),
        'the refusal to be logged',
        10_000,
      );
      expect(await queued(prefix)).toEqual([]);
    } finally {
      await redis.config('SET', 'maxmemory', '0');
    }
    await sink.sent();
    const jobs = await queued(prefix);
    expect(jobs).toHaveLength(10);
    expect(new Set(jobs.map(([id, n]) => `${id}/${n}`)).size).toBe(10);
    for (let c = 0; c < 3; c += 1) {
      const mine = jobs.filter(([id]) => id === `refused-${c}`).map(([, n]) => n);
      expect(mine).toEqual([...mine].sort((a, b) => a - b));
    }
    await sink.close();
  });

  it('adds an append sent again after its reply was lost once, and asks for the one it skipped', async () => {
    const prefix = 'sink-resent';
    const sink = new CallEventSink(redis, prefix, 'test', log);
    for (let n = 0; n < 3; n += 1) sink.emit(abandoned('resent', n));
    await sink.sent();
    // The same appends again, as after a reply lost with the connection: Redis already holds them.
    const again = sink as unknown as { appendAll(batch: unknown[]): Promise<void>; seq: number[] };
    const shard = callEventShard('resent');
    const sent = (n: number) => ({ shard, seq: n + 1, json: JSON.stringify(abandoned('resent', n)) });
    await again.appendAll([sent(1), sent(2)]);
    expect((await queued(prefix)).map(([, n]) => n)).toEqual([0, 1, 2]);
    // One beyond the next (an earlier append lost): refused until the earlier one comes, then both, in order.
    const refusals = () => warnings.filter((w) => w === 'call events not queued yet').length;
    const before = refusals();
    const skipped = again.appendAll([sent(4)]);
    await waitFor(async () => (refusals() > before ? true : undefined), 'the gap to be refused', 10_000);
    await again.appendAll([sent(3)]);
    await skipped;
    expect((await queued(prefix)).map(([, n]) => n)).toEqual([0, 1, 2, 3, 4]);
    await sink.close();
  });
});
