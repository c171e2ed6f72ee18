// What real SIP user agents do beyond a plain call, each between a SIPp caller and a SIPp call-taker's phone
// through Kamailio and rtpengine: early media (183 with SDP) and session timers (RFC 4028) with a refresh.
import { dial, startPhone } from '@hcm112/telephony/testing';
import { describe, expect, it } from 'vitest';
import { callTaker, recordedCall } from './call-helpers.ts';
import { withCallStack } from './call-stack.ts';

const stack = withCallStack();

describe('SIP interop', () => {
  it("passes a phone's early media (183 with SDP) to the caller through the media relay, then the answer", async () => {
    const phone = await startPhone(stack.kamailio, '8301', { scenario: 'call-taker-early-media.xml' });
    const taker = await callTaker(stack, '8301');
    await dial(stack.kamailio, '0966000001', { scenario: 'caller-hears-early-media.xml' }).ok();
    await phone.run.ok();
    const call = await recordedCall(stack.tdb, '0966000001', 'ended');
    expect(call.agentUserId).toBe(taker.user.id);
  });

  it("carries a session timer (RFC 4028) to the phone and back, and the caller's refresh re-INVITE", async () => {
    const phone = await startPhone(stack.kamailio, '8302', { scenario: 'call-taker-session-timer.xml' });
    const taker = await callTaker(stack, '8302');
    await dial(stack.kamailio, '0966000002', { scenario: 'caller-refreshes-session-timer.xml' }).ok();
    await phone.run.ok();
    const call = await recordedCall(stack.tdb, '0966000002', 'ended');
    expect(call).toMatchObject({ agentUserId: taker.user.id, endedBy: 'caller' });
  });
});
