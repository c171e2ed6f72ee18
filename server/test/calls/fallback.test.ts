// Failing safe: with call control not running at all a 112 call rings the fallback group (and is recorded
// when control comes back), or keeps ringing until someone can take it; a call that waits the whole queue
// timeout overflows to the fallback group.
import { dial, startPhone } from '@hcm112/telephony/testing';
import { describe, expect, it } from 'vitest';
import { makeUser } from '../support/server.ts';
import { callTaker, recordedCall, telephonyActions } from './call-helpers.ts';
import { withCallStack } from './call-stack.ts';

const stack = withCallStack({
  kamailio: { FALLBACK_EXTS: '5001,5002', QUEUE_TIMEOUT_MS: '4000', RING_TIMEOUT_MS: '4000' },
  callControl: false,
});

describe('without call control', () => {
  it('rings the fallback group, and records the call once call control is back', async () => {
    const fallbackUser = await makeUser(stack.tdb.db, 'call-taker', { sipExtension: '5001' });
    const phone = await startPhone(stack.kamailio, '5001');
    await dial(stack.kamailio, '0933000001').ok();
    await phone.run.ok();
    const before = await stack.tdb.db
      .selectFrom('calls')
      .select('id')
      .where('caller_number', '=', '+84933000001')
      .execute();
    expect(before).toEqual([]);

    await stack.startControl();
    const call = await recordedCall(stack.tdb, '0933000001', 'ended');
    expect(call).toMatchObject({ agentUserId: fallbackUser.id, endedBy: 'caller', dialedNumber: '112' });
    expect(call.answeredAt).not.toBeNull();
    expect((await telephonyActions(stack.tdb, call.id)).map((a) => a.action)).toEqual([
      'call.fallback',
      'call.answered',
      'call.ended',
    ]);
  });

  it('records a call answered on the fallback phone while call control was killed at the times it happened', async () => {
    const control = await stack.startControl();
    await control.kill();
    const phone = await startPhone(stack.kamailio, '5001');
    const dialed = Date.now();
    // caller-answered.xml talks 300 ms between its ACK and its BYE.
    await dial(stack.kamailio, '0933000004').ok();
    await phone.run.ok();
    const hungUp = Date.now();
    await new Promise((r) => setTimeout(r, 1500));

    await stack.startControl();
    const call = await recordedCall(stack.tdb, '0933000004', 'ended');
    const answered = Date.parse(call.answeredAt!);
    const ended = Date.parse(call.endedAt!);
    // Kamailio's times, not the replay's (which came 1.5 s after the caller hung up, 1 ms apart).
    expect(answered).toBeGreaterThanOrEqual(dialed - 50);
    expect(ended).toBeLessThanOrEqual(hungUp + 50);
    expect(ended - answered).toBeGreaterThanOrEqual(300);
  });

  it('keeps the caller ringing while nobody can take the call, and queues it when call control is back', async () => {
    const caller = dial(stack.kamailio, '0933000002');
    await new Promise((r) => setTimeout(r, 1500));
    await stack.startControl();
    const phone = await startPhone(stack.kamailio, '5101');
    const taker = await callTaker(stack, '5101');
    await caller.ok();
    await phone.run.ok();
    const call = await recordedCall(stack.tdb, '0933000002', 'ended');
    expect(call.agentUserId).toBe(taker.user.id);
    expect((await telephonyActions(stack.tdb, call.id)).map((a) => a.action)).toEqual([
      'call.arrived',
      'call.offered',
      'call.answered',
      'call.ended',
    ]);
  });
});

describe('queue timeout', () => {
  it('overflows a call nobody took within the queue timeout to the fallback group', async () => {
    await stack.startControl();
    const fallbackUser = await makeUser(stack.tdb.db, 'call-taker', { sipExtension: '5002' });
    const phone = await startPhone(stack.kamailio, '5002');
    const caller = dial(stack.kamailio, '0933000003');
    await recordedCall(stack.tdb, '0933000003', 'queued');
    await recordedCall(stack.tdb, '0933000003', 'fallback', 15_000);
    await caller.ok();
    await phone.run.ok();
    const call = await recordedCall(stack.tdb, '0933000003', 'ended');
    expect(call.agentUserId).toBe(fallbackUser.id);
    expect((await telephonyActions(stack.tdb, call.id)).map((a) => a.action)).toEqual([
      'call.arrived',
      'call.overflowed',
      'call.answered',
      'call.ended',
    ]);
  });
});
