// Turns rtpengine's pcap of a caller's video (a location link's call) into VP8 frames in an IVF file, which
// ffmpeg then copies into WebM without decoding: the frames are exactly those the phone sent (RFC 7741).
import { createWriteStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { finished } from 'node:stream/promises';
import { type RtpPacket, readRtp } from './pcap-rtp.ts';

/** RTP's video clock. */
const VIDEO_RATE = 90_000;

export interface CallerVideo {
  /** Capture time of the first packet of the first key frame (ms since the epoch). */
  startedAtMs: number;
  durationMs: number;
  frames: number;
  width: number;
  height: number;
}

/**
 * Writes the caller's VP8 frames from `pcapPath` to `ivfPath`, from the first key frame on. Null when the capture
 * holds no whole key frame. The phone's stream is the one with the most packets: rtpengine accepts only VP8 from
 * the phone (video.ts), a retransmission stream has its own SSRC and a console watching gets a copy that starts
 * later.
 */
export async function extractCallerVideo(pcapPath: string, ivfPath: string): Promise<CallerVideo | null> {
  const streams = new Map<string, RtpPacket[]>();
  for (const p of readRtp(await readFile(pcapPath))) {
    const key = `${p.dstPort}/${p.ssrc}/${p.payloadType}`;
    const stream = streams.get(key);
    if (stream) stream.push(p);
    else streams.set(key, [p]);
  }
  const phone = [...streams.values()].sort((a, b) => b.length - a.length)[0];
  if (!phone) return null;
  const frames = wholeFrames(phone);
  const first = frames.findIndex((f) => isKeyFrame(f.parts[0]));
  const key = frames[first];
  if (!key?.parts[0]) return null;
  const kept = frames.slice(first);
  const size = keyFrameSize(key.parts[0]);
  const ticks = kept.map((f) => (f.timestamp - key.timestamp) >>> 0);
  await writeIvf(ivfPath, kept, ticks, size);
  const last = ticks[ticks.length - 1] ?? 0;
  // The last frame lasts as long as the one before it, as a player shows it.
  const step = ticks.length > 1 ? last - (ticks[ticks.length - 2] ?? 0) : 0;
  return {
    startedAtMs: key.atUs / 1000,
    durationMs: Math.round(((last + step) * 1000) / VIDEO_RATE),
    frames: kept.length,
    ...size,
  };
}

interface Frame {
  atUs: number;
  timestamp: number;
  /** The frame's bytes as its packets carried them (views into the capture: nothing copied). */
  parts: Buffer[];
}

/**
 * The frames whose every packet arrived: packets in sequence order (16-bit sequence numbers extended across
 * wraps), one frame per RTP timestamp, starting with a packet marked as a frame's start and ending with the
 * marker bit. A frame with a packet missing is left out; the decoder carries on from the next frame.
 */
function wholeFrames(stream: RtpPacket[]): Frame[] {
  let seq = 0;
  let previous = stream[0]?.sequence ?? 0;
  const bySeq = new Map<number, RtpPacket>();
  for (const p of stream) {
    // The signed distance from the previous packet, in -32768..32767: right across a wrap and for late packets.
    seq += ((p.sequence - previous + 0x8000) & 0xffff) - 0x8000;
    previous = p.sequence;
    if (!bySeq.has(seq)) bySeq.set(seq, p);
  }
  const ordered = [...bySeq.entries()].sort((a, b) => a[0] - b[0]).map(([s, p]) => ({ p, seq: s }));
  const frames: Frame[] = [];
  let parts: Buffer[] = [];
  let start: { atUs: number; timestamp: number } | null = null;
  let expected = 0;
  for (const { p, seq } of ordered) {
    const vp8 = vp8Payload(p.payload);
    if (!vp8) {
      start = null;
      continue;
    }
    if (vp8.startsFrame) {
      start = { atUs: p.atUs, timestamp: p.timestamp };
      parts = [];
    } else if (!start || seq !== expected || p.timestamp !== start.timestamp) {
      start = null;
      continue;
    }
    parts.push(vp8.data);
    expected = seq + 1;
    if (p.marker) {
      frames.push({ atUs: start.atUs, timestamp: start.timestamp, parts });
      start = null;
    }
  }
  return frames;
}

/** The VP8 payload descriptor (RFC 7741 section 4.2) stripped: the frame's bytes and whether they start it. */
function vp8Payload(payload: Buffer): { startsFrame: boolean; data: Buffer } | null {
  if (payload.length < 1) return null;
  const first = payload[0] as number;
  let at = 1;
  if (first & 0x80) {
    const ext = payload[at++] ?? 0;
    if (ext & 0x80) at += (payload[at] ?? 0) & 0x80 ? 2 : 1; // picture ID, 7 or 15 bits
    if (ext & 0x40) at += 1; // TL0PICIDX
    if (ext & 0x30) at += 1; // TID / KEYIDX
  }
  if (at >= payload.length) return null;
  return { startsFrame: (first & 0x10) !== 0 && (first & 0x07) === 0, data: payload.subarray(at) };
}

/** A VP8 key frame: the frame tag's lowest bit clear, then the start code 9d 01 2a (RFC 6386 section 9.1). */
function isKeyFrame(frame: Buffer | undefined): boolean {
  return (
    frame !== undefined &&
    frame.length >= 10 &&
    ((frame[0] as number) & 1) === 0 &&
    frame[3] === 0x9d &&
    frame[4] === 0x01 &&
    frame[5] === 0x2a
  );
}

function keyFrameSize(frame: Buffer): { width: number; height: number } {
  return { width: frame.readUInt16LE(6) & 0x3fff, height: frame.readUInt16LE(8) & 0x3fff };
}

/**
 * An IVF file (the VP8 test vectors' container): a 32-byte header, then each frame with its time in RTP ticks,
 * written as it goes so that the frames are never copied into one more buffer.
 */
async function writeIvf(
  path: string,
  frames: Frame[],
  ticks: number[],
  size: { width: number; height: number },
): Promise<void> {
  const out = createWriteStream(path);
  const header = Buffer.alloc(32);
  header.write('DKIF', 0, 'latin1');
  header.writeUInt16LE(0, 4);
  header.writeUInt16LE(32, 6);
  header.write('VP80', 8, 'latin1');
  header.writeUInt16LE(size.width, 12);
  header.writeUInt16LE(size.height, 14);
  header.writeUInt32LE(VIDEO_RATE, 16);
  header.writeUInt32LE(1, 20);
  header.writeUInt32LE(frames.length, 24);
  out.write(header);
  frames.forEach((f, i) => {
    const frameHeader = Buffer.alloc(12);
    frameHeader.writeUInt32LE(
      f.parts.reduce((n, p) => n + p.length, 0),
      0,
    );
    frameHeader.writeBigUInt64LE(BigInt(ticks[i] ?? 0), 4);
    out.write(frameHeader);
    for (const part of f.parts) out.write(part);
  });
  out.end();
  await finished(out);
}
