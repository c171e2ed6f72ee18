// Call control may crash or run twice: queued calls survive a kill and are answered in arrival order, and of
// two instances only the leader routes while the standby takes over when it dies.
import { controllerInstance, dial, startPhone, waitFor } from '@hcm112/telephony/testing';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { callTaker, recordedCall, telephonyActions } from './call-helpers.ts';
import { withCallStack } from './call-stack.ts';

const stack = withCallStack({ kamailio: { RING_TIMEOUT_MS: '4000' }, callControl: false });

/** How many controllers Kamailio counts (route[SYNC] / evapi:connection-closed). */
const controllersSeenByKamailio = async () =>
  Number(/value: (\d+)/.exec(await stack.kamailio.rpc('pv.shvGet', 'controllers'))?.[1]);

describe('call control restarts', () => {
  it('answers five calls queued before a crash, and one that came during it, in arrival order', {
    timeout: 90_000,
  }, async () => {
    const first = await stack.startControl();
    const callers = ['0922000001', '0922000002', '0922000003', '0922000004', '0922000005'];
    const runs = [];
    for (const caller of callers) {
      runs.push(dial(stack.kamailio, caller));
      await recordedCall(stack.tdb, caller, 'queued');
    }
    await first.kill();
    // Nobody routes now and no fallback phone is registered: the caller hears ringing until control is back.
    runs.push(dial(stack.kamailio, '0922000006'));
    await new Promise((r) => setTimeout(r, 1000));

    await stack.startControl();
    const phone = await startPhone(stack.kamailio, '6001', { calls: 6 });
    const taker = await callTaker(stack, '6001');
    for (const run of runs) await run.ok();
    await phone.run.ok();

    const answered = [];
    for (const caller of [...callers, '0922000006'])
      answered.push(await recordedCall(stack.tdb, caller, 'ended'));
    expect(answered.every((c) => c.agentUserId === taker.user.id)).toBe(true);
    // Their arrivals, told again on the reconnect, were recorded once.
    const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM calls
      WHERE sip_call_id IN (${sql.join(answered.map((c) => c.sipCallId))})`.execute(stack.tdb.db);
    expect(rows[0]?.n).toBe(answered.length);
    const byArrival = [...answered].sort((a, b) => Date.parse(a.arrivedAt) - Date.parse(b.arrivedAt));
    const byAnswer = [...answered].sort((a, b) => Date.parse(a.answeredAt!) - Date.parse(b.answeredAt!));
    expect(byAnswer.map((c) => c.callerNumber)).toEqual(byArrival.map((c) => c.callerNumber));
    // Recorded in E.164 (+84 and the number without its trunk 0).
    expect(byArrival.map((c) => c.callerNumber)).toEqual(
      [...callers, '0922000006'].map((n) => `+84${n.slice(1)}`),
    );
  });

  it('records a queued call whose arrival never reached Redis, once, when Kamailio names it to the next call control', {
    timeout: 90_000,
  }, async () => {
    // Call control queues a call in its ACD state and hands the arrival to Redis without waiting (call-events.ts):
    // killed between the two, the call is queued with no record. The record is taken away here to stand for that.
    const first = await stack.startControl();
    const caller = '0922000021';
    const run = dial(stack.kamailio, caller);
    const queued = await recordedCall(stack.tdb, caller, 'queued');
    await first.kill();
    await sql`DELETE FROM calls WHERE id = ${queued.id}`.execute(stack.tdb.adminDb);

    await stack.startControl();
    const again = await recordedCall(stack.tdb, caller, 'queued');
    expect(again).toMatchObject({ sipCallId: queued.sipCallId, arrivedAt: queued.arrivedAt });
    const phone = await startPhone(stack.kamailio, '6021', { calls: 1 });
    const taker = await callTaker(stack, '6021');
    await run.ok();
    await phone.run.ok();
    const ended = await recordedCall(stack.tdb, caller, 'ended');
    expect(ended).toMatchObject({ id: again.id, agentUserId: taker.user.id });
    // One record of the call, whatever else call control told again.
    const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM calls
      WHERE sip_call_id = ${queued.sipCallId}`.execute(stack.tdb.db);
    expect(rows[0]?.n).toBe(1);
  });

  it('lets only the leader route; the standby takes over when the leader dies', {
    timeout: 60_000,
  }, async () => {
    const leader = await stack.startControl({ instance: 'leader' });
    const standby = await stack.startControl({ instance: 'standby', standby: true });
    const phone = await startPhone(stack.kamailio, '6011', { calls: 3 });
    await callTaker(stack, '6011');
    for (const caller of ['0922000011', '0922000012']) await dial(stack.kamailio, caller).ok();
    expect(await controllersSeenByKamailio()).toBe(1);

    await leader.kill();
    await waitFor(
      async () =>
        (await controllerInstance(stack.server.ctx.redis, stack.server.ctx.config.REDIS_PREFIX)) ===
        standby.instance
          ? true
          : undefined,
      'the standby to take over',
    );
    await dial(stack.kamailio, '0922000013').ok();
    await phone.run.ok();
    for (const caller of ['0922000011', '0922000012', '0922000013']) {
      const call = await recordedCall(stack.tdb, caller, 'ended');
      const offers = (await telephonyActions(stack.tdb, call.id)).filter((a) => a.action === 'call.offered');
      expect(offers).toHaveLength(1);
    }
    expect(await controllersSeenByKamailio()).toBe(1);
  });
});
