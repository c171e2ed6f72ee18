// Turns rtpengine's pcap of a caller's video (a location link's call) into VP8 frames in an IVF file, which
// ffmpeg then copies into WebM without decoding: the frames are exactly those the phone sent (RFC 7741).
import { type FileHandle, open } from 'node:fs/promises';
import { BufferedBytes, type RtpPacket, streamRtp } from './pcap-rtp.ts';

/** RTP's video clock. */
const VIDEO_RATE = 90_000;
/** Packets held to put late ones back in order (about a second of a phone's video). */
const REORDER_PACKETS = 256;

export interface CallerVideo {
  /** Capture time of the first packet of the first key frame (ms since the epoch). */
  startedAtMs: number;
  durationMs: number;
  frames: number;
  width: number;
  height: number;
  /** The most bytes of the capture the conversion held in memory at once (bounded, whatever its length). */
  peakBufferedBytes: number;
}

/**
 * Writes the caller's VP8 frames from `pcapPath` to `ivfPath`, from the first key frame on, reading the capture
 * as it goes (twice: once to find the phone's stream, once for its frames), so a long capture is never held
 * whole. Null when the capture holds no whole key frame. The phone's stream is the one with the most packets:
 * rtpengine accepts only VP8 from the phone (video.ts), a retransmission stream has its own SSRC and a console
 * watching gets a copy that starts later.
 */
export async function extractCallerVideo(pcapPath: string, ivfPath: string): Promise<CallerVideo | null> {
  const held = new BufferedBytes();
  const phone = await busiestStream(pcapPath, held);
  if (phone === undefined) return null;
  const order = new SequenceOrder();
  const frames = new FrameAssembler();
  const ivf = new IvfWriter(ivfPath);
  try {
    const take = async (packets: Sequenced[]) => {
      for (const packet of packets) {
        const frame = frames.add(packet);
        held.set('frame', frames.bytes);
        if (frame) await ivf.add(frame);
      }
    };
    for await (const p of streamRtp(pcapPath, held)) {
      if (streamOf(p) !== phone) continue;
      const ready = order.add(p);
      held.set('reorder', order.bytes);
      await take(ready);
    }
    await take(order.flush());
    held.set('reorder', 0);
    const video = await ivf.finish();
    return video && { ...video, peakBufferedBytes: held.peak };
  } finally {
    await ivf.close();
  }
}

const streamOf = (p: RtpPacket) => `${p.dstPort}/${p.ssrc}/${p.payloadType}`;

/** The stream (destination port, SSRC, payload type) with the most packets; undefined when there are none. */
async function busiestStream(pcapPath: string, held: BufferedBytes): Promise<string | undefined> {
  const counts = new Map<string, number>();
  for await (const p of streamRtp(pcapPath, held))
    counts.set(streamOf(p), (counts.get(streamOf(p)) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
}

interface Sequenced {
  p: RtpPacket;
  /** The sequence number extended across 16-bit wraps. */
  seq: number;
}

/**
 * Puts one stream's packets back in sequence order through a window of REORDER_PACKETS: a packet is released once
 * the window is full and it is the lowest held; a copy of one already held is dropped, and so is one that comes
 * after its place was passed (later than the window).
 */
class SequenceOrder {
  private readonly held: Sequenced[] = [];
  private seq = 0;
  private previous: number | undefined;
  private released = Number.NEGATIVE_INFINITY;
  bytes = 0;

  add(p: RtpPacket): Sequenced[] {
    // The signed distance from the previous packet, in -32768..32767: right across a wrap and for late packets.
    if (this.previous !== undefined) this.seq += ((p.sequence - this.previous + 0x8000) & 0xffff) - 0x8000;
    this.previous = p.sequence;
    const seq = this.seq;
    if (seq <= this.released) return [];
    let at = this.held.length;
    while (at > 0 && (this.held[at - 1] as Sequenced).seq > seq) at -= 1;
    if (this.held[at - 1]?.seq === seq) return [];
    this.held.splice(at, 0, { p, seq });
    this.bytes += p.payload.length;
    return this.held.length > REORDER_PACKETS ? this.release(this.held.length - REORDER_PACKETS) : [];
  }

  flush(): Sequenced[] {
    return this.release(this.held.length);
  }

  private release(count: number): Sequenced[] {
    const out = this.held.splice(0, count);
    for (const s of out) this.bytes -= s.p.payload.length;
    const last = out[out.length - 1];
    if (last) this.released = last.seq;
    return out;
  }
}

interface Frame {
  atUs: number;
  timestamp: number;
  /** The frame's bytes as its packets carried them. */
  parts: Buffer[];
}

/**
 * The frames whose every packet arrived, from packets in sequence order: one frame per RTP timestamp, starting
 * with a packet marked as a frame's start and ending with the marker bit. A frame with a packet missing is left
 * out; the decoder carries on from the next frame.
 */
class FrameAssembler {
  private parts: Buffer[] = [];
  private start: { atUs: number; timestamp: number } | null = null;
  private expected = 0;
  bytes = 0;

  add({ p, seq }: Sequenced): Frame | null {
    const vp8 = vp8Payload(p.payload);
    if (!vp8) return this.drop();
    if (vp8.startsFrame) {
      this.drop();
      this.start = { atUs: p.atUs, timestamp: p.timestamp };
    } else if (!this.start || seq !== this.expected || p.timestamp !== this.start.timestamp)
      return this.drop();
    this.parts.push(vp8.data);
    this.bytes += vp8.data.length;
    this.expected = seq + 1;
    if (!p.marker) return null;
    const frame = { ...this.start, parts: this.parts };
    this.drop();
    return frame;
  }

  private drop(): null {
    this.start = null;
    this.parts = [];
    this.bytes = 0;
    return null;
  }
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
 * An IVF file (the VP8 test vectors' container): a 32-byte header, then each frame with its time in RTP ticks
 * from the first key frame, written as it comes; frames before that key frame are skipped. The header's frame
 * count is written last.
 */
class IvfWriter {
  private file: FileHandle | undefined;
  private key: { atUs: number; timestamp: number } | undefined;
  private size = { width: 0, height: 0 };
  private frames = 0;
  private ticks = [0, 0];

  constructor(private readonly path: string) {}

  async add(frame: Frame): Promise<void> {
    if (!this.key) {
      if (!isKeyFrame(frame.parts[0])) return;
      this.key = { atUs: frame.atUs, timestamp: frame.timestamp };
      this.size = keyFrameSize(frame.parts[0] as Buffer);
      this.file = await open(this.path, 'w');
      await this.file.write(this.header());
    }
    const tick = (frame.timestamp - this.key.timestamp) >>> 0;
    const frameHeader = Buffer.alloc(12);
    frameHeader.writeUInt32LE(
      frame.parts.reduce((n, p) => n + p.length, 0),
      0,
    );
    frameHeader.writeBigUInt64LE(BigInt(tick), 4);
    await this.file!.writev([frameHeader, ...frame.parts]);
    this.frames += 1;
    this.ticks = [this.ticks[1] as number, tick];
  }

  /** The video written; null when no key frame came. */
  async finish(): Promise<Omit<CallerVideo, 'peakBufferedBytes'> | null> {
    if (!this.key || !this.file) return null;
    const count = Buffer.alloc(4);
    count.writeUInt32LE(this.frames, 0);
    await this.file.write(count, 0, 4, 24);
    const [before, last] = this.ticks as [number, number];
    // The last frame lasts as long as the one before it, as a player shows it.
    const step = this.frames > 1 ? last - before : 0;
    return {
      startedAtMs: this.key.atUs / 1000,
      durationMs: Math.round(((last + step) * 1000) / VIDEO_RATE),
      frames: this.frames,
      ...this.size,
    };
  }

  async close(): Promise<void> {
    await this.file?.close();
    this.file = undefined;
  }

  private header(): Buffer {
    const header = Buffer.alloc(32);
    header.write('DKIF', 0, 'latin1');
    header.writeUInt16LE(0, 4);
    header.writeUInt16LE(32, 6);
    header.write('VP80', 8, 'latin1');
    header.writeUInt16LE(this.size.width, 12);
    header.writeUInt16LE(this.size.height, 14);
    header.writeUInt32LE(VIDEO_RATE, 16);
    header.writeUInt32LE(1, 20);
    return header;
  }
}
