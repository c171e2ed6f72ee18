// The RTP packets of one of rtpengine's pcap captures (raw IPv4 packets, each as rtpengine received or sent it
// on, already decrypted): read whole for a call's audio, or streamed for a caller's video (long and large).
import { createReadStream } from 'node:fs';

/** pcap link types rtpengine writes: raw IP (101) or Linux cooked capture (113); Ethernet (1) for safety. */
const LINK_OFFSET: Record<number, number> = { 101: 0, 113: 16, 1: 14, 228: 0 };
/** No capture record is longer (pcap's largest snap length); a longer length means the file is damaged. */
const MAX_RECORD_BYTES = 262_144;
/** How much of a capture is read at a time when streamed. */
const CHUNK_BYTES = 64 * 1024;

export interface RtpPacket {
  /** Capture time, microseconds since the epoch. */
  atUs: number;
  dstPort: number;
  ssrc: number;
  sequence: number;
  marker: boolean;
  timestamp: number;
  payloadType: number;
  payload: Buffer;
}

/** What a converter holds in memory, by part, and the most it held at once. */
export class BufferedBytes {
  private readonly parts = new Map<string, number>();
  private total = 0;
  peak = 0;

  set(part: string, bytes: number): void {
    this.total += bytes - (this.parts.get(part) ?? 0);
    this.parts.set(part, bytes);
    if (this.total > this.peak) this.peak = this.total;
  }
}

interface PcapFormat {
  le: boolean;
  nanos: boolean;
  linkOffset: number;
}

/** The capture's byte order, time resolution and link layer from its 24-byte header; null when not a pcap. */
function formatOf(head: Buffer): PcapFormat | null {
  const magic = head.readUInt32LE(0);
  const le = magic === 0xa1b2c3d4 || magic === 0xa1b23c4d;
  const nanos = magic === 0xa1b23c4d || magic === 0x4d3cb2a1;
  const linkOffset = LINK_OFFSET[(le ? head.readUInt32LE(20) : head.readUInt32BE(20)) & 0xffff];
  return linkOffset === undefined ? null : { le, nanos, linkOffset };
}

/**
 * Hands each whole record of `buf` from `at` on to `onPacket` (views into `buf`); returns where the first record
 * not wholly in `buf` starts, or -1 when a record's length says the file is damaged.
 */
function readRecords(buf: Buffer, from: number, f: PcapFormat, onPacket: (p: RtpPacket) => void): number {
  const u32 = (at: number) => (f.le ? buf.readUInt32LE(at) : buf.readUInt32BE(at));
  let at = from;
  while (at + 16 <= buf.length) {
    const length = u32(at + 8);
    if (length > MAX_RECORD_BYTES) return -1;
    const start = at + 16;
    if (start + length > buf.length) break;
    const atUs = u32(at) * 1e6 + (f.nanos ? Math.floor(u32(at + 4) / 1000) : u32(at + 4));
    const packet = rtpOf(buf.subarray(start + f.linkOffset, start + length), atUs);
    if (packet) onPacket(packet);
    at = start + length;
  }
  return at;
}

export function readRtp(file: Buffer): RtpPacket[] {
  const format = file.length >= 24 ? formatOf(file) : null;
  if (!format) return [];
  const out: RtpPacket[] = [];
  // A pcap cut short (rtpengine still writing, disk full) ends at the last whole record.
  readRecords(file, 24, format, (p) => out.push(p));
  return out;
}

/**
 * The capture's packets in file order, read a chunk at a time: besides the packets of one chunk (their payloads
 * copied out of it), at most one chunk and one unfinished record are held, whatever the capture's length.
 * `held` counts it. Ends at the last whole record, as readRtp.
 */
export async function* streamRtp(path: string, held = new BufferedBytes()): AsyncGenerator<RtpPacket> {
  let format: PcapFormat | null | undefined;
  let pending: Buffer = Buffer.alloc(0);
  const chunks = createReadStream(path, { highWaterMark: CHUNK_BYTES }) as AsyncIterable<Buffer>;
  try {
    for await (const chunk of chunks) {
      const buf = pending.length > 0 ? Buffer.concat([pending, chunk]) : chunk;
      held.set('read', buf.length);
      let at = 0;
      if (format === undefined) {
        if (buf.length < 24) {
          pending = buf;
          continue;
        }
        format = formatOf(buf);
        at = 24;
      }
      if (format === null) return;
      const packets: RtpPacket[] = [];
      let bytes = 0;
      at = readRecords(buf, at, format, (p) => {
        packets.push({ ...p, payload: Buffer.from(p.payload) });
        bytes += p.payload.length;
      });
      held.set('packets', bytes);
      if (at < 0) {
        yield* packets;
        return;
      }
      // A copy, so the chunk itself is let go.
      pending = Buffer.from(buf.subarray(at));
      held.set('read', pending.length);
      yield* packets;
      held.set('packets', 0);
    }
  } finally {
    held.set('read', 0);
    held.set('packets', 0);
  }
}

function rtpOf(ip: Buffer, atUs: number): RtpPacket | null {
  if (ip.length < 20) return null;
  const byte = (at: number) => ip.readUInt8(at);
  if (byte(0) >> 4 !== 4 || byte(9) !== 17) return null;
  const udp = (byte(0) & 0x0f) * 4;
  const rtp = udp + 8;
  if (ip.length < rtp + 12 || byte(rtp) >> 6 !== 2) return null;
  const first = byte(rtp);
  let payloadAt = rtp + 12 + (first & 0x0f) * 4;
  if (first & 0x10)
    payloadAt += ip.length >= payloadAt + 4 ? 4 + ip.readUInt16BE(payloadAt + 2) * 4 : ip.length;
  const payloadEnd = first & 0x20 ? ip.length - byte(ip.length - 1) : ip.length;
  if (payloadAt >= payloadEnd) return null;
  return {
    atUs,
    dstPort: ip.readUInt16BE(udp + 2),
    payloadType: byte(rtp + 1) & 0x7f,
    marker: (byte(rtp + 1) & 0x80) !== 0,
    sequence: ip.readUInt16BE(rtp + 2),
    timestamp: ip.readUInt32BE(rtp + 4),
    ssrc: ip.readUInt32BE(rtp + 8),
    payload: ip.subarray(payloadAt, payloadEnd),
  };
}
