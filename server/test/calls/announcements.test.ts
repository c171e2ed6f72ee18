// Announcements while waiting: a queued caller gets early media from rtpengine (a 183 with the relay's SDP, never
// a 200) once the call has waited ANNOUNCE_AFTER_SECONDS, and hears the configured message, checked by frequency
// (test messages are known tones); a caller answered sooner never meets it; one answered after it talks to the
// call-taker both ways through the relay. With the relay down or the message files missing, a caller who waits
// gets no 183 and no failure: ringing (their phone's ringback) until a call-taker answers.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CallStats } from '@hcm112/shared';
import {
  captureRtp,
  dial,
  freeMediaPort,
  type RtpPacket,
  startPhone,
  toneCall,
  toneRatio,
  waitFor,
} from '@hcm112/telephony/testing';
import { afterAll, describe, expect, it } from 'vitest';
import type { Client } from '../support/server.ts';
import { callTaker, recordedCall } from './call-helpers.ts';
import { withCallStack } from './call-stack.ts';

const VIETNAMESE_HZ = 700;
const ENGLISH_HZ = 900;
const RINGBACK_HZ = 300;
const CALLER_HZ = 1000;
const CALLTAKER_HZ = 440;

/** The test's messages: a known tone each, as 8 kHz WAV files like the generated ones. */
const messages = mkdtempSync(join(tmpdir(), 'e112-announce-'));
for (const [name, hz, seconds] of [
  ['vi', VIETNAMESE_HZ, 3],
  ['en', ENGLISH_HZ, 3],
  ['ringback', RINGBACK_HZ, 30],
] as const)
  execFileSync('ffmpeg', [
    '-v',
    'error',
    '-f',
    'lavfi',
    '-i',
    `sine=frequency=${hz}:duration=${seconds}`,
    '-ar',
    '8000',
    '-ac',
    '1',
    '-c:a',
    'pcm_s16le',
    join(messages, `${name}.wav`),
  ]);
afterAll(() => rmSync(messages, { recursive: true, force: true }));

const stack = withCallStack({
  callControlEnv: { ANNOUNCE_AFTER_SECONDS: '1', ANNOUNCE_EVERY_SECONDS: '30', ANNOUNCE_DIR: messages },
});
const payloads = (packets: RtpPacket[]) => packets.map((p) => p.payload);

/** What rtpengine's log says it was asked to play for the call with this SIP Call-ID. */
function playsFor(sipCallId: string): number {
  const relay = stack.kamailio.rtpengine;
  if (!relay) throw new Error('the test Kamailio runs without its media relay');
  return relay
    .log()
    .split('\n')
    .filter((line) => line.includes(sipCallId) && line.includes("Received command 'play media'")).length;
}

/**
 * A caller who waits in the queue past the announcement's time (1 s here), then is answered by a call-taker's
 * phone; resolves with every SIP message SIPp received for the caller (its -trace_msg log).
 */
async function callerWaitsThenAnswered(caller: string, extension: string): Promise<string> {
  const trace = mkdtempSync(join(tmpdir(), 'e112-caller-trace-'));
  const messages = join(trace, 'messages.log');
  try {
    const phone = await startPhone(stack.kamailio, extension);
    const taker = await callTaker(stack, extension, false);
    const run = dial(stack.kamailio, caller, { args: ['-trace_msg', '-message_file', messages] });
    await recordedCall(stack.tdb, caller, 'queued');
    // Well past the configured wait: the announcement fell due while the call was queued.
    await new Promise((r) => setTimeout(r, 3000));
    const ready = await taker.fetch('/api/calltakers/me/ready', { method: 'POST', json: { ready: true } });
    expect(ready.status).toBe(200);
    await run.ok();
    await phone.run.ok();
    await recordedCall(stack.tdb, caller, 'ended');
    return readFileSync(messages, 'utf8');
  } finally {
    rmSync(trace, { recursive: true, force: true });
  }
}

/** The wallboard's figures once they report the media relay `state`. */
async function relayShown(state: CallStats['mediaRelay']): Promise<void> {
  const supervisor = await stack.loginAs('supervisor');
  await waitFor(async () => {
    const stats = (await (await supervisor.fetch('/api/calls/stats')).json()) as CallStats;
    return stats.mediaRelay === state ? true : undefined;
  }, `the wallboard figures to show the media relay ${state}`);
}

describe('announcements while waiting', () => {
  it('plays the Vietnamese message as early media (183 with SDP) to a caller who waits', async () => {
    const media = await freeMediaPort();
    const capture = await captureRtp(`udp and dst port ${media}`);
    const caller = dial(stack.kamailio, '0945100001', {
      scenario: 'caller-hears-announcement.xml',
      args: ['-mi', '127.0.0.1', '-mp', String(media), '-d', '1500'],
    });
    let heard: RtpPacket[];
    try {
      await caller.ok();
    } finally {
      heard = await capture.stop();
    }
    const call = await recordedCall(stack.tdb, '0945100001', 'abandoned');
    expect(playsFor(call.sipCallId)).toBeGreaterThan(0);
    // The first second of what reached the caller is the Vietnamese message (700 Hz), not the English one.
    expect(heard.length).toBeGreaterThan(40);
    expect(toneRatio(payloads(heard.slice(0, 40)), VIETNAMESE_HZ, ENGLISH_HZ)).toBeGreaterThan(1000);
  });

  it('lets a caller who heard the message hang up as usual: the 183 during their wait is no failure', async () => {
    // caller-abandons.xml is what most tests' callers do: its pause before the CANCEL meets the 183 here.
    const trace = mkdtempSync(join(tmpdir(), 'e112-caller-trace-'));
    const messages = join(trace, 'messages.log');
    try {
      await dial(stack.kamailio, '0945100006', {
        scenario: 'caller-abandons.xml',
        args: ['-d', '3000', '-trace_msg', '-message_file', messages],
      }).ok();
      await recordedCall(stack.tdb, '0945100006', 'abandoned');
      expect(readFileSync(messages, 'utf8')).toMatch(/SIP\/2\.0 183 /);
    } finally {
      rmSync(trace, { recursive: true, force: true });
    }
  });

  it('never engages the announcement for a caller answered before the wait', async () => {
    // caller-talks-tone.xml takes 180 then 200: a 183 from the centre would fail the caller.
    const call = await toneCall(stack.kamailio, {
      extension: '2301',
      caller: '0945100002',
      callerHz: CALLER_HZ,
      phoneHz: CALLTAKER_HZ,
      callMs: 2500,
      beforeDial: () => callTaker(stack, '2301'),
    });
    await call.finished();
    const recorded = await recordedCall(stack.tdb, '0945100002', 'ended');
    expect(playsFor(recorded.sipCallId)).toBe(0);
  });

  it('lets a caller answered after the announcement talk to the call-taker both ways', async () => {
    let taker: Client | undefined;
    const call = await toneCall(stack.kamailio, {
      extension: '2302',
      caller: '0945100003',
      callerHz: CALLER_HZ,
      phoneHz: CALLTAKER_HZ,
      callMs: 3000,
      callerScenario: 'caller-hears-announcement-then-talks.xml',
      capture: true,
      beforeDial: async () => {
        taker = await callTaker(stack, '2302', false);
      },
    });
    const queued = await recordedCall(stack.tdb, '0945100003', 'queued');
    // Ready once the Vietnamese message has played through (the English one is asked for next).
    await waitFor(async () => playsFor(queued.sipCallId) >= 2, 'the Vietnamese message to play through');
    const ready = await taker!.fetch('/api/calltakers/me/ready', { method: 'POST', json: { ready: true } });
    expect(ready.status).toBe(200);
    const packets = await call.finished();
    await recordedCall(stack.tdb, '0945100003', 'ended');

    const toCaller = packets.filter((p) => p.dstPort === call.callerMedia);
    const toPhone = packets.filter((p) => p.dstPort === call.phoneMedia);
    // The caller heard the message first, and the call-taker at the end (the last second of the call).
    expect(toneRatio(payloads(toCaller.slice(0, 40)), VIETNAMESE_HZ, CALLTAKER_HZ)).toBeGreaterThan(1000);
    expect(toneRatio(payloads(toCaller.slice(-50)), CALLTAKER_HZ, VIETNAMESE_HZ)).toBeGreaterThan(1000);
    expect(toneRatio(payloads(toCaller.slice(-50)), CALLTAKER_HZ, RINGBACK_HZ)).toBeGreaterThan(1000);
    expect(toPhone.length).toBeGreaterThan(100);
    expect(toneRatio(payloads(toPhone), CALLER_HZ, CALLTAKER_HZ)).toBeGreaterThan(1000);
  });

  it('lets the call-taker end an announced call from the console: BYE to both sides', async () => {
    const phone = await startPhone(stack.kamailio, '2309');
    const taker = await callTaker(stack, '2309', false);
    const caller = dial(stack.kamailio, '0945100009', { scenario: 'caller-stays-on-line.xml' });
    const queued = await recordedCall(stack.tdb, '0945100009', 'queued');
    await waitFor(async () => playsFor(queued.sipCallId) >= 1, 'the announcement to play');
    const ready = await taker.fetch('/api/calltakers/me/ready', { method: 'POST', json: { ready: true } });
    expect(ready.status).toBe(200);
    const answered = await recordedCall(stack.tdb, '0945100009', 'answered');

    const res = await taker.fetch(`/api/calls/${answered.id}/hangup`, { method: 'POST', json: {} });
    expect(res.status).toBe(200);
    await caller.ok();
    await phone.run.ok();
    expect((await recordedCall(stack.tdb, '0945100009', 'ended')).endedBy).toBe('call-taker');
  });
});

// Last in the file: these stop the relay, then replace the file's call control.
describe('announcements unavailable: the caller still waits and is answered', () => {
  it('sends no 183 while the media relay is down, and the call goes on to the call-taker', {
    timeout: 90_000,
  }, async () => {
    const relay = stack.kamailio.rtpengine;
    if (!relay) throw new Error('the test Kamailio runs without its media relay');
    await relay.stop();
    try {
      await relayShown('down');
      const received = await callerWaitsThenAnswered('0945100004', '2303');
      expect(received).toMatch(/SIP\/2\.0 180 /);
      expect(received).not.toMatch(/SIP\/2\.0 183 /);
    } finally {
      await relay.start();
    }
    await relayShown('up');
  });

  it('sends no 183 when the message files are missing, and the call goes on to the call-taker', {
    timeout: 90_000,
  }, async () => {
    const empty = mkdtempSync(join(tmpdir(), 'e112-no-announcements-'));
    try {
      await stack.control?.stop();
      await stack.startControl({ env: { ANNOUNCE_AFTER_SECONDS: '1', ANNOUNCE_DIR: empty } });
      const received = await callerWaitsThenAnswered('0945100005', '2304');
      expect(received).toMatch(/SIP\/2\.0 180 /);
      expect(received).not.toMatch(/SIP\/2\.0 183 /);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
