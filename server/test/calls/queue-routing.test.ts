// How queued calls find a call-taker, with SIPp callers and phones against real Kamailio and call control:
// a caller who gives up, a busy phone, a phone nobody picks up, and nobody registered at all.
import type { Call, CallTakerStatus } from '@hcm112/shared';
import { dial, registerPhone, startPhone } from '@hcm112/telephony/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '../support/server.ts';
import { callTaker, recordedCall, telephonyActions } from './call-helpers.ts';
import { withCallStack } from './call-stack.ts';

const stack = withCallStack({ kamailio: { RING_TIMEOUT_MS: '3000' } });
let supervisor: Client;

beforeAll(async () => {
  supervisor = await stack.loginAs('supervisor');
});

async function stateOf(user: Client): Promise<CallTakerStatus['state']> {
  const res = await supervisor.fetch('/api/calltakers');
  const { callTakers } = (await res.json()) as { callTakers: CallTakerStatus[] };
  return callTakers.find((c) => c.userId === user.user.id)!.state;
}

describe('queued calls', () => {
  it('records a caller who hangs up while queued as abandoned, with the number to call back', async () => {
    await dial(stack.kamailio, '0911000001', { scenario: 'caller-abandons.xml', args: ['-d', '1500'] }).ok();
    const call = await recordedCall(stack.tdb, '0911000001', 'abandoned');
    expect(call).toMatchObject({ endedBy: 'caller', answeredAt: null, agentUserId: null });
    const res = await supervisor.fetch('/api/calls/abandoned');
    const { calls } = (await res.json()) as { calls: Call[] };
    expect(calls.map((c) => c.callerNumber)).toContain('+84911000001');
  });

  it('passes a call a busy phone refuses to the next ready call-taker', async () => {
    const busyPhone = await startPhone(stack.kamailio, '4001', { scenario: 'call-taker-busy.xml' });
    const busy = await callTaker(stack, '4001');
    const phone = await startPhone(stack.kamailio, '4002');
    const next = await callTaker(stack, '4002');

    await dial(stack.kamailio, '0911000002').ok();
    await busyPhone.run.ok();
    await phone.run.ok();
    const call = await recordedCall(stack.tdb, '0911000002', 'ended');
    expect(call.agentUserId).toBe(next.user.id);
    const actions = await telephonyActions(stack.tdb, call.id);
    expect(actions.map((a) => [a.action, a.after.extension ?? null])).toEqual([
      ['call.arrived', null],
      ['call.offered', '4001'],
      ['call.requeued', '4001'],
      ['call.offered', '4002'],
      ['call.answered', '4002'],
      ['call.ended', null],
    ]);
    expect(actions[2]?.after.reason).toBe('486');
    expect(await stateOf(busy)).toBe('not-ready');
  });

  it('makes a call-taker who does not answer not ready, and the call keeps its place ahead of later ones', async () => {
    const silentPhone = await startPhone(stack.kamailio, '4011', { scenario: 'call-taker-no-answer.xml' });
    const silent = await callTaker(stack, '4011');
    const first = dial(stack.kamailio, '0911000011');
    await recordedCall(stack.tdb, '0911000011', 'ringing-agent');
    const second = dial(stack.kamailio, '0911000012');
    await recordedCall(stack.tdb, '0911000012', 'queued');
    await silentPhone.run.ok();
    await recordedCall(stack.tdb, '0911000011', 'queued');
    expect(await stateOf(silent)).toBe('not-ready');

    // The next call-taker gets the first caller first, although the second was queued all along.
    const phone = await startPhone(stack.kamailio, '4012', { calls: 2 });
    const next = await callTaker(stack, '4012');
    await first.ok();
    await second.ok();
    await phone.run.ok();
    const a = await recordedCall(stack.tdb, '0911000011', 'ended');
    const b = await recordedCall(stack.tdb, '0911000012', 'ended');
    expect([a.agentUserId, b.agentUserId]).toEqual([next.user.id, next.user.id]);
    expect(Date.parse(a.answeredAt!)).toBeLessThan(Date.parse(b.answeredAt!));
    const actions = await telephonyActions(stack.tdb, a.id);
    expect(actions.find((x) => x.action === 'call.requeued')?.after.reason).toBe('408');
  });

  it('keeps a call waiting while no phone is registered, and offers it when one registers', async () => {
    const waiting = await callTaker(stack, '4021');
    expect(await stateOf(waiting)).toBe('offline');
    const caller = dial(stack.kamailio, '0911000021');
    await recordedCall(stack.tdb, '0911000021', 'queued');
    await new Promise((r) => setTimeout(r, 1500));
    expect((await recordedCall(stack.tdb, '0911000021', 'queued')).offeredAt).toBeNull();

    const phone = await startPhone(stack.kamailio, '4021', { registerIt: false });
    await registerPhone(stack.kamailio, phone);
    await caller.ok();
    await phone.run.ok();
    const call = await recordedCall(stack.tdb, '0911000021', 'ended');
    expect(call.agentUserId).toBe(waiting.user.id);
  });
});
