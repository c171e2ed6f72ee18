// Media of an emergency call crosses rtpengine: SIPp caller and call-taker phone each speak a known tone, and
// what each side received (captured on loopback) is the other side's tone, relayed by rtpengine, never direct.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type CallControlProcess,
  captureRtp,
  dial,
  freePort,
  type Kamailio,
  type RtpPacket,
  startCallControl,
  startKamailio,
  startPhone,
  toneRatio,
  unregisterPhones,
  writeTone,
} from '@hcm112/telephony/testing';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import type { RunningServer } from '../../src/server.ts';
import { createTestDatabase, type TestDatabase } from '../support/databases.ts';
import { startTestServer } from '../support/server.ts';
import { callTaker, recordedCall } from './call-helpers.ts';

const CALLER_HZ = 1000;
const CALLTAKER_HZ = 440;

let tdb: TestDatabase;
let server: RunningServer;
let kamailio: Kamailio;
let control: CallControlProcess;
const dirs: string[] = [];

beforeAll(async () => {
  tdb = await createTestDatabase();
  server = await startTestServer(tdb);
  kamailio = await startKamailio({ RING_TIMEOUT_MS: '4000' });
  control = await startCallControl(kamailio, server.ctx.config.REDIS_URL, server.ctx.config.REDIS_PREFIX);
}, 60_000);

afterEach(() => unregisterPhones(kamailio));

afterAll(async () => {
  await control?.stop();
  await kamailio?.stop();
  await server?.stop();
  await tdb?.drop();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** A folder holding `tone.ulaw` at `hz`, where a SIPp peer runs and streams it from. */
async function speaking(hz: number): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), `e112-tone-${hz}-`));
  dirs.push(dir);
  await writeTone(dir, hz);
  return dir;
}

const payloads = (packets: RtpPacket[]) => packets.map((p) => p.payload);

describe('media of an answered call', () => {
  test('each side hears the other through rtpengine: the caller 440 Hz, the call-taker 1 kHz', async () => {
    const relay = kamailio.rtpengine;
    if (!relay) throw new Error('the test Kamailio runs without its media relay');
    const inRelayRange = (port: number) => port >= relay.portMin && port <= relay.portMax;
    const callerMedia = await freePort();
    const phoneMedia = await freePort();
    const capture = await captureRtp(`udp and (port ${callerMedia} or port ${phoneMedia})`);

    const phone = await startPhone(kamailio, '2101', {
      scenario: 'calltaker-answers-tone.xml',
      args: ['-mi', '127.0.0.1', '-mp', String(phoneMedia)],
      cwd: await speaking(CALLTAKER_HZ),
    });
    await callTaker(tdb, server, '2101');
    await dial(kamailio, '0907000001', {
      scenario: 'caller-talks-tone.xml',
      args: ['-mi', '127.0.0.1', '-mp', String(callerMedia), '-d', '3000'],
      cwd: await speaking(CALLER_HZ),
    }).ok();
    await phone.run.ok();
    await recordedCall(tdb, '0907000001', 'ended');
    const packets = await capture.stop();

    const toCaller = packets.filter((p) => p.dstPort === callerMedia);
    const toPhone = packets.filter((p) => p.dstPort === phoneMedia);
    // Two seconds of 20 ms packets at least, each way.
    expect(toCaller.length).toBeGreaterThan(100);
    expect(toPhone.length).toBeGreaterThan(100);
    expect(toneRatio(payloads(toCaller), CALLTAKER_HZ, CALLER_HZ)).toBeGreaterThan(1000);
    expect(toneRatio(payloads(toPhone), CALLER_HZ, CALLTAKER_HZ)).toBeGreaterThan(1000);
    // The phone's SDP named rtpengine, not the caller: every packet either side sent or received went
    // through a port of the relay, none from one SIPp straight to the other.
    for (const p of packets) {
      expect(inRelayRange(p.srcPort) || inRelayRange(p.dstPort), `${p.srcPort} -> ${p.dstPort}`).toBe(true);
    }
  });
});
