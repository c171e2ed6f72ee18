// What real SIP user agents do beyond a plain call, between a SIPp caller and a call-taker's phone (SIPp, or
// baresip where a real phone's behaviour matters) through Kamailio and rtpengine: a phone on TCP, hold and
// resume, early media (183 with SDP), session timers (RFC 4028) with a refresh, and DTMF (RFC 4733).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  captureRtp,
  dial,
  freeMediaPort,
  type RtpPacket,
  startBaresip,
  startPhone,
  tonePower,
  toneRatio,
  waitFor,
  writeTone,
} from '@hcm112/telephony/testing';
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

  it("relays the caller's DTMF (RFC 4733 telephone-events) to the phone", async () => {
    const callerMedia = await freeMediaPort();
    const phoneMedia = await freeMediaPort();
    const capture = await captureRtp(`udp and dst port ${phoneMedia}`);
    const phone = await startPhone(stack.kamailio, '8303', {
      scenario: 'call-taker-answers-dtmf.xml',
      args: ['-mi', '127.0.0.1', '-mp', String(phoneMedia)],
    });
    await callTaker(stack, '8303');
    await dial(stack.kamailio, '0966000003', {
      scenario: 'caller-sends-dtmf.xml',
      args: ['-mi', '127.0.0.1', '-mp', String(callerMedia)],
    }).ok();
    await phone.run.ok();
    const packets = await capture.stop();
    // RFC 4733 events for key 5 (first payload byte), as negotiated (payload type 96, which SIPp sends them
    // with), arriving from rtpengine rather than straight from the caller.
    const relay = stack.kamailio.rtpengine;
    if (!relay) throw new Error('the test Kamailio runs without its media relay');
    const events = packets.filter((p) => p.payloadType === 96);
    expect(events.length).toBeGreaterThan(0);
    expect(new Set(events.map((p) => p.payload[0]))).toEqual(new Set([5]));
    for (const p of events) expect(p.srcPort >= relay.portMin && p.srcPort <= relay.portMax).toBe(true);
  });

  it('lets a real phone (baresip) put the caller on hold and resume (re-INVITEs sendonly, then sendrecv)', async () => {
    const phone = await startBaresip(stack.kamailio, '8304');
    try {
      await callTaker(stack, '8304');
      const caller = dial(stack.kamailio, '0966000004', { scenario: 'caller-held-and-resumed.xml' });
      await recordedCall(stack.tdb, '0966000004', 'answered');
      await phone.command('hold');
      await waitFor(
        async () => (/hold/i.test(phone.output()) ? true : undefined),
        'baresip to hold the call',
      );
      await phone.command('resume');
      await caller.ok();
      await recordedCall(stack.tdb, '0966000004', 'ended');
    } finally {
      await phone.stop();
    }
  });

  it('lets a real phone (baresip) on TCP answer, and both sides hear each other (tones checked by frequency, on the wire and in what baresip decoded)', async () => {
    const toneDir = mkdtempSync(join(tmpdir(), 'e112-tone-'));
    const phone = await startBaresip(stack.kamailio, '8305', { transport: 'tcp', toneHz: 440 });
    try {
      await writeTone(toneDir, 1000);
      const taker = await callTaker(stack, '8305');
      const callerMedia = await freeMediaPort();
      const [low, high] = phone.rtpPorts;
      const capture = await captureRtp(`udp and (port ${callerMedia} or portrange ${low}-${high})`);
      await dial(stack.kamailio, '0966000005', {
        scenario: 'caller-talks-tone.xml',
        args: ['-mi', '127.0.0.1', '-mp', String(callerMedia), '-d', '3000'],
        cwd: toneDir,
      }).ok();
      const call = await recordedCall(stack.tdb, '0966000005', 'ended');
      const packets = await capture.stop();
      expect(call.agentUserId).toBe(taker.user.id);
      const payloads = (list: RtpPacket[]) => list.map((p) => p.payload);
      const toCaller = packets.filter((p) => p.dstPort === callerMedia);
      const toPhone = packets.filter((p) => p.dstPort >= low && p.dstPort <= high);
      expect(toneRatio(payloads(toCaller), 440, 1000)).toBeGreaterThan(1000);
      expect(toneRatio(payloads(toPhone), 1000, 440)).toBeGreaterThan(1000);
      // What baresip itself decoded and would play, not only what reached its port.
      const heard = await phone.heard();
      expect(heard.length).toBeGreaterThan(8000);
      expect(tonePower(heard, 1000) / tonePower(heard, 440)).toBeGreaterThan(1000);
    } finally {
      await phone.stop();
      rmSync(toneDir, { recursive: true, force: true });
    }
  });
});
