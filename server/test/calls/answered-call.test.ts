// An emergency call end to end: SIPp dials 112 into real Kamailio, call control offers it to the ready
// call-taker's registered phone, they answer; the caller hangs up, or the call-taker ends it from the console.
import type { Call } from '@hcm112/shared';
import { dial, startPhone } from '@hcm112/telephony/testing';
import { describe, expect, test } from 'vitest';
import { callTaker, recordedCall, telephonyActions } from './call-helpers.ts';
import { withCallStack } from './call-stack.ts';

const stack = withCallStack({ kamailio: { RING_TIMEOUT_MS: '4000' } });

describe('an answered call', () => {
  test('is offered to the ready call-taker, answered, ended by the caller, and recorded', async () => {
    const phone = await startPhone(stack.kamailio, '2001');
    const taker = await callTaker(stack, '2001');
    const console = await stack.subscribe(taker, ['calls']);

    await dial(stack.kamailio, '0901234567').ok();
    await phone.run.ok();

    const call = await recordedCall(stack.tdb, '0901234567', 'ended');
    expect(call).toMatchObject({
      callerNumber: '+84901234567',
      dialedNumber: '112',
      service: '112',
      agentUserId: taker.user.id,
      endedBy: 'caller',
    });
    expect(call.answeredAt).not.toBeNull();
    const audit = await telephonyActions(stack.tdb, call.id);
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining(['call.arrived', 'call.offered', 'call.answered', 'call.ended']),
    );
    // The console saw the call and the call-taker's own phone go ringing, on a call, and free again.
    await console.waitFor(
      (m) =>
        m.type === 'event' &&
        m.envelope.event.type === 'call.updated' &&
        m.envelope.event.call.state === 'ended',
      'the ended call',
    );
    const states = console.messages.flatMap((m) =>
      m.type === 'event' && m.envelope.event.type === 'calltaker.updated'
        ? [m.envelope.event.callTaker.state]
        : [],
    );
    expect(states).toEqual(expect.arrayContaining(['ringing', 'on-call', 'ready']));
  });

  test('is ended by the call-taker from the console: BYE to both phones', async () => {
    const phone = await startPhone(stack.kamailio, '2002');
    const taker = await callTaker(stack, '2002');
    const caller = dial(stack.kamailio, '0901234568', { scenario: 'caller-stays-on-line.xml' });
    const answered = await recordedCall(stack.tdb, '0901234568', 'answered');
    expect(answered.agentUserId).toBe(taker.user.id);

    // Accepting in the console the call their own phone answered confirms it and changes nothing.
    const accepted = await taker.fetch(`/api/calls/${answered.id}/accept`, { method: 'POST', json: {} });
    expect(accepted.status).toBe(200);
    expect(((await accepted.json()) as { call: Call }).call.agentUserId).toBe(taker.user.id);

    const res = await taker.fetch(`/api/calls/${answered.id}/hangup`, { method: 'POST', json: {} });
    expect(res.status).toBe(200);
    await caller.ok();
    await phone.run.ok();

    const ended = await recordedCall(stack.tdb, '0901234568', 'ended');
    expect(ended.endedBy).toBe('call-taker');
    const hangupAudit = await stack.tdb.db
      .selectFrom('audit_log')
      .select(['actor_id', 'action'])
      .where('target_id', '=', answered.id)
      .where('action', '=', 'call.hangup')
      .executeTakeFirst();
    expect(hangupAudit?.actor_id).toBe(taker.user.id);
  });

  test('may not be ended by another call-taker', async () => {
    const phone = await startPhone(stack.kamailio, '2003');
    const owner = await callTaker(stack, '2003');
    const other = await stack.loginAs('call-taker', { sipExtension: '2004' });
    const caller = dial(stack.kamailio, '0901234569', { scenario: 'caller-stays-on-line.xml' });
    const answered = await recordedCall(stack.tdb, '0901234569', 'answered');

    const res = await other.fetch(`/api/calls/${answered.id}/hangup`, { method: 'POST', json: {} });
    expect(res.status).toBe(403);
    const accept = await other.fetch(`/api/calls/${answered.id}/accept`, { method: 'POST', json: {} });
    expect(accept.status).toBe(409);

    expect((await owner.fetch(`/api/calls/${answered.id}/hangup`, { method: 'POST', json: {} })).status).toBe(
      200,
    );
    await caller.ok();
    await phone.run.ok();
  });
});
