// A long capture of a caller's video converts with bounded memory: real VP8 from ffmpeg (libvpx), sent as RTP
// (RFC 7741) in a pcap as rtpengine writes it, two minutes long with packets out of order, copies, a sequence
// wrap and a smaller second stream (a console's copy); the converter keeps every frame and never holds more than
// a fixed number of bytes, whatever the capture's length.
import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { extractCallerVideo } from '../../src/recordings/pcap-video.ts';
import { storeVideo } from '../../src/recordings/video-store.ts';

const dir = mkdtempSync(join(tmpdir(), 'e112-pcap-video-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const FPS = 30;
const LOOPS = 60;
/** Whatever the capture's length, the converter holds less than this. */
const BOUND_BYTES = 1024 * 1024;

/** Two seconds of 640x480 VP8 (a key frame each second), the frames as libvpx wrote them. */
function encodedFrames(): Buffer[] {
  const ivf = join(dir, 'source.ivf');
  const args = ['-v', 'error', '-f', 'lavfi', '-i', `testsrc2=size=640x480:rate=${FPS}`, '-t', '2'];
  const out = ['-c:v', 'libvpx', '-b:v', '3M', '-g', String(FPS), '-f', 'ivf', '-y', ivf];
  const run = spawnSync(loadConfig().FFMPEG_PATH, [...args, ...out]);
  expect(run.status, run.stderr.toString()).toBe(0);
  return ivfFrames(readFileSync(ivf));
}

function ivfFrames(file: Buffer): Buffer[] {
  const frames: Buffer[] = [];
  for (let at = file.readUInt16LE(6); at + 12 <= file.length; ) {
    const size = file.readUInt32LE(at);
    frames.push(file.subarray(at + 12, at + 12 + size));
    at += 12 + size;
  }
  return frames;
}

/** One pcap record: raw IPv4 (link type 101), UDP to `port`, RTP payload type 96. */
function rtpRecord(r: {
  port: number;
  ssrc: number;
  seq: number;
  ts: number;
  marker: boolean;
  payload: Buffer;
}) {
  const rtp = Buffer.alloc(12);
  rtp.writeUInt8(0x80, 0);
  rtp.writeUInt8((r.marker ? 0x80 : 0) | 96, 1);
  rtp.writeUInt16BE(r.seq & 0xffff, 2);
  rtp.writeUInt32BE(r.ts >>> 0, 4);
  rtp.writeUInt32BE(r.ssrc, 8);
  const ip = Buffer.alloc(28);
  ip.writeUInt8(0x45, 0);
  ip.writeUInt16BE(28 + 12 + r.payload.length, 2);
  ip.writeUInt8(17, 9);
  ip.writeUInt16BE(40000, 20);
  ip.writeUInt16BE(r.port, 22);
  const length = ip.length + rtp.length + r.payload.length;
  const record = Buffer.alloc(16);
  const atUs = 1_765_000_000_000_000 + Math.round((r.ts / 90_000) * 1e6);
  record.writeUInt32LE(Math.floor(atUs / 1e6), 0);
  record.writeUInt32LE(atUs % 1e6, 4);
  record.writeUInt32LE(length, 8);
  record.writeUInt32LE(length, 12);
  return Buffer.concat([record, ip, rtp, r.payload]);
}

/** Each frame cut into packets of at most 1100 bytes, the VP8 descriptor's S bit on the first. */
function packetsOf(frame: Buffer, index: number, port: number, ssrc: number, firstSeq: number) {
  const packets = [];
  for (let at = 0; at < frame.length; at += 1100) {
    const part = frame.subarray(at, at + 1100);
    packets.push({
      port,
      ssrc,
      seq: firstSeq + packets.length,
      ts: index * (90_000 / FPS),
      marker: at + 1100 >= frame.length,
      payload: Buffer.concat([Buffer.from([at === 0 ? 0x10 : 0x00]), part]),
    });
  }
  return packets;
}

/** The capture, written as it is made; how many frames the phone sent. */
function writeCapture(path: string, source: Buffer[]): number {
  const fd = openSync(path, 'w');
  const header = Buffer.alloc(24);
  header.writeUInt32LE(0xa1b2c3d4, 0);
  header.writeUInt16LE(2, 4);
  header.writeUInt16LE(4, 6);
  header.writeUInt32LE(65535, 16);
  header.writeUInt32LE(101, 20);
  writeSync(fd, header);
  // Near the end of the 16-bit range: the sequence wraps early in the capture.
  let phoneSeq = 65_000;
  let consoleSeq = 1;
  let frames = 0;
  for (let loop = 0; loop < LOOPS; loop += 1) {
    for (const frame of source) {
      const phone = packetsOf(frame, frames, 5004, 0x1111, phoneSeq);
      phoneSeq += phone.length;
      const records: Buffer[] = phone.map((p) => rtpRecord(p));
      // Out of order (the frame's last two packets swapped) and a copy of its first packet.
      if (frames % 7 === 0 && records.length > 2) records.push(...records.splice(-2, 1));
      if (frames % 11 === 0) records.push(records[0] as Buffer);
      // A console watching for the first ten seconds: a smaller stream of its own.
      if (frames < 10 * FPS) {
        const copy = packetsOf(frame, frames, 6006, 0x2222, consoleSeq);
        consoleSeq += copy.length;
        records.push(...copy.map((p) => rtpRecord(p)));
      }
      for (const record of records) writeSync(fd, record);
      frames += 1;
    }
  }
  closeSync(fd);
  return frames;
}

describe('caller video conversion', () => {
  it('converts a two-minute capture frame for frame, holding a bounded number of bytes', async () => {
    const source = encodedFrames();
    const pcap = join(dir, 'caller.pcap');
    const sent = writeCapture(pcap, source);
    expect(statSync(pcap).size).toBeGreaterThan(20 * BOUND_BYTES);

    const ivf = join(dir, 'caller.ivf');
    const video = await extractCallerVideo(pcap, ivf);
    expect(video).toMatchObject({ frames: sent, width: 640, height: 480, durationMs: (sent * 1000) / FPS });
    expect(video!.peakBufferedBytes).toBeGreaterThan(0);
    expect(video!.peakBufferedBytes).toBeLessThan(BOUND_BYTES);

    // The phone's frames, byte for byte and in order, with the header's frame count.
    const written = readFileSync(ivf);
    expect(written.readUInt32LE(24)).toBe(sent);
    const frames = ivfFrames(written);
    expect(frames).toHaveLength(sent);
    frames.forEach((frame, i) => {
      if (!frame.equals(source[i % source.length] as Buffer)) throw new Error(`frame ${i} differs`);
    });

    const stored = await storeVideo(loadConfig().FFMPEG_PATH, join(dir, 'store'), 'link', '2026-12-07', ivf);
    expect(stored.sizeBytes).toBeGreaterThan(statSync(ivf).size / 2);
  });
});
