// Where an arrival's time goes: the stamps a call's arrival carries from Kamailio through call control (kept with
// the call's audit record), and, with HOP_TRACE on as the benchmark runs it, the rest of the path collected per call.
import { type HopName, HopTraceEntry, hopTraceKey } from '@hcm112/shared';
import { HopTrace } from '@hcm112/shared/hop-trace';
import { dial, waitFor } from '@hcm112/telephony/testing';
import { describe, expect, it } from 'vitest';
import { recordedCall, telephonyActions } from './call-helpers.ts';
import { withCallStack } from './call-stack.ts';

const stack = withCallStack({ env: { HOP_TRACE: 'true' }, callControlEnv: { HOP_TRACE: 'true' } });

const PATH: HopName[] = ['invite', 'notified', 'received', 'handled', 'enqueuing'];

async function traced(sipCallId: string) {
  const { redis, config } = stack.server.ctx;
  const lines = await redis.lrange(hopTraceKey(config.REDIS_PREFIX), 0, -1);
  return lines
    .map((line) => HopTraceEntry.parse(JSON.parse(line)))
    .filter((e) => e.sipCallId === sipCallId)
    .reduce<Partial<Record<HopName, number>>>((all, e) => Object.assign(all, e.hops), {});
}

describe('hop stamps of an arrival', () => {
  it('records, with the arrival, when Kamailio got the INVITE and each step of call control that followed', async () => {
    await dial(stack.kamailio, '0944022001', { scenario: 'caller-abandons.xml', args: ['-d', '500'] }).ok();
    const call = await recordedCall(stack.tdb, '0944022001', 'abandoned');
    const arrival = (await telephonyActions(stack.tdb, call.id)).find((a) => a.action === 'call.arrived');
    const hops = arrival?.after.hops as Record<string, number>;
    expect(Object.keys(hops).sort()).toEqual([...PATH].sort());
    // Kamailio's arrival stamp is the call's recorded arrival time, to the millisecond.
    expect(Math.floor(hops.invite!)).toBe(Date.parse(call.arrivedAt));
    // Each process's stamps come in the order the call passed them.
    expect(hops.notified).toBeGreaterThanOrEqual(hops.invite!);
    expect(hops.handled).toBeGreaterThanOrEqual(hops.received!);
    expect(hops.enqueuing).toBeGreaterThanOrEqual(hops.handled!);
  });

  it('collects the rest of the path per call when HOP_TRACE is on', async () => {
    await dial(stack.kamailio, '0944022002', { scenario: 'caller-abandons.xml', args: ['-d', '500'] }).ok();
    const call = await recordedCall(stack.tdb, '0944022002', 'abandoned');
    const all = await waitFor(async () => {
      const hops = await traced(call.sipCallId);
      return Object.keys(hops).length === 10 ? hops : undefined;
    }, 'every hop of the call in the trace');
    expect(Object.keys(all).sort()).toEqual(
      [...PATH, 'enqueued', 'stored', 'picked', 'committed', 'published'].sort(),
    );
    // The add and the Redis ACD step start together once the arrival is handed over; neither waits for the other.
    expect(all.enqueued).toBeGreaterThanOrEqual(all.enqueuing!);
    expect(all.stored).toBeGreaterThanOrEqual(all.enqueuing!);
    expect(all.committed).toBeGreaterThanOrEqual(all.picked!);
    expect(all.published).toBeGreaterThanOrEqual(all.committed!);
  });

  it('writes nothing when the trace is off', async () => {
    const { redis } = stack.server.ctx;
    const prefix = `${stack.server.ctx.config.REDIS_PREFIX}:off`;
    const off = new HopTrace(redis, prefix, false, () => undefined);
    off.note('off@test', { picked: 1 });
    await off.close();
    expect(await redis.exists(hopTraceKey(prefix))).toBe(0);
  });
});
