// The server's readers of the call-event streams: an applied event leaves its stream; an event read before its
// call's arrival is retried off the stream while the shard's later events go on, and applies once its call is
// recorded; an entry nobody can read is dropped, not retried for ever, and does not hold up its shard.
import { CALL_EVENT_GROUP, CALL_EVENT_SHARDS, callEventShard, callEventStream } from '@hcm112/shared';
import { waitFor } from '@hcm112/telephony/testing';
import { describe, expect, it } from 'vitest';
import { arrivalEvent, emitCallEvents } from '../support/call-events.ts';
import { withServer } from '../support/server-stack.ts';

const stack = withServer();
const t = (s: number) => new Date(Date.UTC(2026, 11, 7, 8, 0, s)).toISOString();

const arrival = (sipCallId: string, callerNumber: string, at = t(0)) =>
  arrivalEvent(sipCallId, callerNumber, { at });

/** Another Call-ID on the same shard as `sipCallId`. */
function sameShardAs(sipCallId: string, tag: string): string {
  for (let n = 0; ; n += 1) {
    const other = `${tag}-${n}@phone`;
    if (callEventShard(other) === callEventShard(sipCallId)) return other;
  }
}

const stateOf = async (sipCallId: string) =>
  (
    await stack.tdb.db
      .selectFrom('calls')
      .select('state')
      .where('sip_call_id', '=', sipCallId)
      .executeTakeFirst()
  )?.state;

/** Entries left in every stream, and read but not applied. */
async function leftInStreams(): Promise<{ entries: number; held: number }> {
  const { redis, config } = stack.server.ctx;
  let entries = 0;
  let held = 0;
  for (let shard = 0; shard < CALL_EVENT_SHARDS; shard += 1) {
    const stream = callEventStream(config.REDIS_PREFIX, shard);
    entries += await redis.xlen(stream);
    const [count] = (await redis.xpending(stream, CALL_EVENT_GROUP).catch(() => [0])) as [number];
    held += Number(count);
  }
  return { entries, held };
}

describe('call-event streams', () => {
  it('apply a call’s events and leave nothing behind', async () => {
    const sipCallId = `stream-${Date.now()}@phone`;
    await emitCallEvents(stack.server, [
      arrival(sipCallId, '0903000001'),
      { type: 'abandoned', sipCallId, at: t(3), callerNumber: '0903000001', reason: 'caller' },
    ]);
    await waitFor(async () => ((await stateOf(sipCallId)) === 'abandoned' ? true : undefined), 'abandoned');
    await waitFor(async () => {
      const left = await leftInStreams();
      return left.entries === 0 && left.held === 0 ? true : undefined;
    }, 'the streams empty');
  });

  it('retry an event ahead of its call off the stream; the shard’s later events go on', async () => {
    const early = `early-${Date.now()}@phone`;
    const later = sameShardAs(early, `later-${Date.now()}`);
    // The answer comes before its call's arrival; another call's arrival behind it on the same shard.
    await emitCallEvents(stack.server, [
      { type: 'offered', sipCallId: early, at: t(2), extension: '1001' },
      arrival(later, '0903000002'),
    ]);
    await waitFor(
      async () => ((await stateOf(later)) === 'queued' ? true : undefined),
      'the later call recorded',
    );
    expect(await stateOf(early)).toBeUndefined();
    await emitCallEvents(stack.server, [arrival(early, '0903000003', t(1))]);
    // The retried offer applies once its call is recorded.
    await waitFor(
      async () => ((await stateOf(early)) === 'ringing-agent' ? true : undefined),
      'the early offer applied on retry',
      30_000,
    );
  });

  it('drop an entry nobody can read and go on with its shard', async () => {
    const { redis, config } = stack.server.ctx;
    const sipCallId = `after-garbage-${Date.now()}@phone`;
    const stream = callEventStream(config.REDIS_PREFIX, callEventShard(sipCallId));
    await redis.xadd(stream, '*', 'e', '{"type":"arrived", not json', 'a', '5');
    await redis.xadd(stream, '*', 'e', JSON.stringify({ type: 'no-such-event' }), 'a', '5');
    await emitCallEvents(stack.server, [arrival(sipCallId, '0903000004')]);
    await waitFor(
      async () => ((await stateOf(sipCallId)) === 'queued' ? true : undefined),
      'recorded after them',
    );
    await waitFor(async () => ((await leftInStreams()).entries === 0 ? true : undefined), 'both dropped');
    const failed = await stack.tdb.db.selectFrom('failed_call_events').select('event_type').execute();
    expect(failed.map((f) => f.event_type)).not.toContain('no-such-event');
  });
});
