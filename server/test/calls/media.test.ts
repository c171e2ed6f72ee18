// Media of an emergency call crosses rtpengine: SIPp caller and call-taker phone each speak a known tone, and
// what each side received (captured on loopback) is the other side's tone, relayed by rtpengine, never direct.
import { dial, type RtpPacket, startPhone, toneRatio, waitFor, toneCall } from '@hcm112/telephony/testing';
import { describe, expect, test } from 'vitest';
import { callTaker, recordedCall } from './call-helpers.ts';
import { withCallStack } from './call-stack.ts';

const CALLER_HZ = 1000;
const CALLTAKER_HZ = 440;

const stack = withCallStack({ kamailio: { RING_TIMEOUT_MS: '4000' } });
const payloads = (packets: RtpPacket[]) => packets.map((p) => p.payload);

describe('media of an answered call', () => {
  test.each([
    ['answers', 'call-taker-answers-tone.xml', 'caller-talks-tone.xml', '2101', '0907000001'],
    [
      'offers its media again inside the call (re-INVITE)',
      'call-taker-answers-reinvites-tone.xml',
      'caller-talks-tone-through-reinvite.xml',
      '2103',
      '0907000003',
    ],
  ])(
    'each side hears the other through rtpengine when the phone %s',
    async (_what, phoneScenario, callerScenario, extension, caller) => {
      const relay = stack.kamailio.rtpengine;
      if (!relay) throw new Error('the test Kamailio runs without its media relay');
      const inRelayRange = (port: number) => port >= relay.portMin && port <= relay.portMax;
      const call = await toneCall(stack.kamailio, {
        extension,
        caller,
        callerHz: CALLER_HZ,
        phoneHz: CALLTAKER_HZ,
        callMs: 3000,
        phoneScenario,
        callerScenario,
        capture: true,
        beforeDial: () => callTaker(stack, extension),
      });
      const { callerMedia, phoneMedia } = call;
      const packets = await call.finished();
      await recordedCall(stack.tdb, caller, 'ended');

      // The caller hears the call-taker's 440 Hz, the call-taker the caller's 1 kHz: two seconds of 20 ms
      // packets at least, each way.
      const toCaller = packets.filter((p) => p.dstPort === callerMedia);
      const toPhone = packets.filter((p) => p.dstPort === phoneMedia);
      expect(toCaller.length).toBeGreaterThan(100);
      expect(toPhone.length).toBeGreaterThan(100);
      expect(toneRatio(payloads(toCaller), CALLTAKER_HZ, CALLER_HZ)).toBeGreaterThan(1000);
      expect(toneRatio(payloads(toPhone), CALLER_HZ, CALLTAKER_HZ)).toBeGreaterThan(1000);
      // Every SDP either side saw named rtpengine, not the other side: every packet sent or received went
      // through a port of the relay, none from one SIPp straight to the other.
      for (const p of packets) {
        expect(inRelayRange(p.srcPort) || inRelayRange(p.dstPort), `${p.srcPort} -> ${p.dstPort}`).toBe(true);
      }
    },
  );

  test('the relay forgets a call the call-taker ends from the console', async () => {
    const relay = stack.kamailio.rtpengine;
    if (!relay) throw new Error('the test Kamailio runs without its media relay');
    const phone = await startPhone(stack.kamailio, '2102');
    const taker = await callTaker(stack, '2102');
    const caller = dial(stack.kamailio, '0907000002', { scenario: 'caller-stays-on-line.xml' });
    const call = await recordedCall(stack.tdb, '0907000002', 'answered');
    expect(await relay.holds(call.sipCallId)).toBe(true);

    const res = await taker.fetch(`/api/calls/${call.id}/hangup`, { method: 'POST', json: {} });
    expect(res.status).toBe(200);
    await caller.ok();
    await phone.run.ok();
    await recordedCall(stack.tdb, '0907000002', 'ended');
    await waitFor(
      async () => ((await relay.holds(call.sipCallId)) ? undefined : true),
      'rtpengine to forget the ended call',
    );
  });
});
