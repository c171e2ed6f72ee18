// A real phone (baresip) as the call-taker's desk phone answers a caller who sends a location: the phone is
// offered the SDP alone (it refuses multipart bodies), the location stays in the call record, and both
// sides hear each other through rtpengine, checked by frequency on the wire and in what baresip decoded.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type Baresip,
  captureRtp,
  dial,
  freeMediaPort,
  type RtpPacket,
  startBaresip,
  tonePower,
  toneRatio,
  writeTone,
} from '@hcm112/telephony/testing';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { callTaker, recordedCall } from './call-helpers.ts';
import { withCallStack } from './call-stack.ts';

const CALLER_HZ = 1000;
const PHONE_HZ = 440;

const stack = withCallStack({ kamailio: { RING_TIMEOUT_MS: '4000' } });
let phone: Baresip | undefined;
let toneDir: string;

beforeAll(async () => {
  toneDir = mkdtempSync(join(tmpdir(), 'e112-tone-'));
  await writeTone(toneDir, CALLER_HZ);
});

// Registered with the stack's Kamailio: it leaves before Kamailio stops.
afterAll(async () => {
  await phone?.stop();
  rmSync(toneDir, { recursive: true, force: true });
});

const payloads = (packets: RtpPacket[]) => packets.map((p) => p.payload);

describe('a located call answered on a desk phone (baresip)', () => {
  test('is answered, keeps its location in the call record, and both sides hear each other', async () => {
    phone = await startBaresip(stack.kamailio, '2301', { toneHz: PHONE_HZ });
    const taker = await callTaker(stack, '2301');
    const callerMedia = await freeMediaPort();
    const [low, high] = phone.rtpPorts;
    const capture = await captureRtp(`udp and (port ${callerMedia} or portrange ${low}-${high})`);

    // The caller's SIPp run succeeds only on a 200 from the phone (a 500 would requeue the call until
    // the scenario timed out).
    await dial(stack.kamailio, '0907000301', {
      scenario: 'caller-with-location-talks-tone.xml',
      args: ['-mi', '127.0.0.1', '-mp', String(callerMedia), '-d', '3000'],
      keys: {
        location:
          '<gml:Point srsName="urn:ogc:def:crs:EPSG::4326"><gml:pos>10.7769 106.7009</gml:pos></gml:Point>',
        note: 'located caller',
      },
      cwd: toneDir,
    }).ok();
    const call = await recordedCall(stack.tdb, '0907000301', 'ended');
    const packets = await capture.stop();

    expect(phone.output()).not.toContain('500 Call Error');
    expect(call).toMatchObject({
      agentUserId: taker.user.id,
      endedBy: 'caller',
      location: { point: { lat: 10.7769, lon: 106.7009 }, accuracyM: null, source: 'pidf-lo' },
    });
    const toCaller = packets.filter((p) => p.dstPort === callerMedia);
    const toPhone = packets.filter((p) => p.dstPort >= low && p.dstPort <= high);
    expect(toCaller.length).toBeGreaterThan(100);
    expect(toPhone.length).toBeGreaterThan(100);
    expect(toneRatio(payloads(toCaller), PHONE_HZ, CALLER_HZ)).toBeGreaterThan(1000);
    expect(toneRatio(payloads(toPhone), CALLER_HZ, PHONE_HZ)).toBeGreaterThan(1000);
    // What the phone itself decoded and would play: the caller's tone, not its own.
    const heard = await phone.heard();
    expect(heard.length).toBeGreaterThan(8000);
    expect(tonePower(heard, CALLER_HZ) / tonePower(heard, PHONE_HZ)).toBeGreaterThan(1000);
  });
});
