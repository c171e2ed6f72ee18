// Announcement benchmark: callers who wait into real Kamailio, call control and rtpengine (no call-taker), one
// after another, each with its own media port; from a loopback capture, the time from each caller's INVITE to the
// first RTP packet of the message it received, against the configured wait (ANNOUNCE_AFTER_SECONDS): the error.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '@hcm112/server/config';
import { dial, freeMediaPort, startCallControl, startKamailio } from '@hcm112/telephony/testing';
import { type BenchRow, summarize } from './table.ts';

const CALLS = 20;
const AFTER_S = 1;

export async function benchAnnouncements(): Promise<BenchRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'e112-bench-announce-'));
  for (const name of ['vi', 'en', 'ringback'])
    execFileSync(
      'ffmpeg',
      ['-v', 'error', '-f', 'lavfi', '-i', 'sine=frequency=700:duration=3', '-ar', '8000'].concat([
        '-ac',
        '1',
        '-c:a',
        'pcm_s16le',
        join(dir, `${name}.wav`),
      ]),
    );
  const kamailio = await startKamailio({});
  const { REDIS_URL } = loadConfig();
  const control = await startCallControl(kamailio, REDIS_URL, `e112bench${process.pid}`, {
    env: { ANNOUNCE_AFTER_SECONDS: String(AFTER_S), ANNOUNCE_EVERY_SECONDS: '30', ANNOUNCE_DIR: dir },
  });
  const errorsMs: number[] = [];
  try {
    for (let i = 0; i < CALLS; i++) {
      const media = await freeMediaPort();
      const pcap = join(dir, `call-${i}.pcap`);
      const capture = await startCapture(pcap, `udp and (dst port ${kamailio.sipPort} or dst port ${media})`);
      // The caller stays 1.5 s after the 183 (as the server test does): with 0.3 s no caller's capture held RTP.
      await dial(kamailio, `0946${String(i).padStart(6, '0')}`, {
        scenario: 'caller-hears-announcement.xml',
        args: ['-mi', '127.0.0.1', '-mp', String(media), '-d', '1500'],
      }).ok();
      await stopCapture(capture);
      const { inviteAt, firstRtpAt } = readCapture(readFileSync(pcap), kamailio.sipPort, media);
      if (inviteAt !== undefined && firstRtpAt !== undefined)
        errorsMs.push((firstRtpAt - inviteAt) * 1000 - AFTER_S * 1000);
    }
  } finally {
    await control.stop();
    await kamailio.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  return [
    {
      area: 'telephony',
      name: `announcement start after the configured wait (${AFTER_S} s): INVITE to first RTP of the message, minus the wait`,
      ...summarize(errorsMs),
    },
    {
      area: 'telephony',
      name: 'callers who heard the announcement',
      value: errorsMs.length,
      unit: `of ${CALLS}`,
      samples: CALLS,
    },
  ];
}

async function startCapture(file: string, filter: string): Promise<ChildProcess> {
  const child = spawn('tcpdump', ['-i', 'lo', '-n', '-U', '-w', file, filter], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  await new Promise<void>((ok, fail) => {
    let err = '';
    child.stderr?.on('data', (d: Buffer) => {
      err += d.toString();
      if (err.includes('listening on')) ok();
    });
    child.once('exit', (code) => fail(new Error(`tcpdump exited ${code}: ${err.trim()}`)));
  });
  return child;
}

async function stopCapture(child: ChildProcess): Promise<void> {
  const exited = new Promise((done) => child.once('exit', done));
  child.kill('SIGINT');
  await exited;
}

/** The capture time of the caller's first INVITE to Kamailio and of the first RTP packet to the caller. */
function readCapture(buf: Buffer, sipPort: number, mediaPort: number) {
  const linkHeader = buf.readUInt32LE(20) === 1 ? 14 : 16;
  let inviteAt: number | undefined;
  let firstRtpAt: number | undefined;
  for (let off = 24; off + 16 <= buf.length; ) {
    const at = buf.readUInt32LE(off) + buf.readUInt32LE(off + 4) / 1e6;
    const len = buf.readUInt32LE(off + 8);
    const ip = buf.subarray(off + 16 + linkHeader, off + 16 + len);
    off += 16 + len;
    if (ip.length < 28 || ip.readUInt8(9) !== 17) continue;
    const udp = ip.subarray((ip.readUInt8(0) & 0x0f) * 4);
    const dst = udp.readUInt16BE(2);
    const data = udp.subarray(8);
    if (dst === sipPort && inviteAt === undefined && data.toString('latin1', 0, 7) === 'INVITE ')
      inviteAt = at;
    if (dst === mediaPort && firstRtpAt === undefined && data.length >= 12 && data.readUInt8(0) >> 6 === 2)
      firstRtpAt = at;
  }
  return { inviteAt, firstRtpAt };
}
