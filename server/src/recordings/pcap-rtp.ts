// The RTP packets of one of rtpengine's pcap captures (raw IPv4 packets, each as rtpengine received or sent it
// on, already decrypted), read for the audio and the video recordings alike.

/** pcap link types rtpengine writes: raw IP (101) or Linux cooked capture (113); Ethernet (1) for safety. */
const LINK_OFFSET: Record<number, number> = { 101: 0, 113: 16, 1: 14, 228: 0 };

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

export function readRtp(file: Buffer): RtpPacket[] {
  if (file.length < 24) return [];
  const magic = file.readUInt32LE(0);
  const le = magic === 0xa1b2c3d4 || magic === 0xa1b23c4d;
  const nanos = magic === 0xa1b23c4d || magic === 0x4d3cb2a1;
  const u32 = (at: number) => (le ? file.readUInt32LE(at) : file.readUInt32BE(at));
  const linkOffset = LINK_OFFSET[u32(20) & 0xffff];
  if (linkOffset === undefined) return [];
  const out: RtpPacket[] = [];
  // A pcap cut short (rtpengine still writing, disk full) ends at the last whole record.
  for (let at = 24; at + 16 <= file.length; ) {
    const atUs = u32(at) * 1e6 + (nanos ? Math.floor(u32(at + 4) / 1000) : u32(at + 4));
    const length = u32(at + 8);
    const start = at + 16;
    at = start + length;
    if (at > file.length) break;
    const packet = rtpOf(file.subarray(start + linkOffset, start + length), atUs);
    if (packet) out.push(packet);
  }
  return out;
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
