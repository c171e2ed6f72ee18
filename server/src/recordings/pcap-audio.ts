// Turns rtpengine's pcap of one call (raw IPv4 packets, each RTP packet as rtpengine sent it on) into two
// channels of 8 kHz linear audio, the caller's and the call-taker's, placed on one timeline by capture time.
import { readFile } from 'node:fs/promises';
import { type RtpPacket, readRtp } from './pcap-rtp.ts';

/** G.711 payload types this path decodes; anything else (comfort noise, DTMF events) is skipped. */
const PCMU = 0;
const PCMA = 8;
const RATE = 8000;

export interface CallAudio {
  /** Capture time of the first audio packet (ms since the epoch). */
  startedAtMs: number;
  /** Interleaved stereo, 16-bit little-endian: left the caller, right the call-taker. */
  pcm: Buffer;
  durationMs: number;
}

/**
 * Decodes the call's audio; `callerPort` is the caller's own media port (its first SDP offer): what rtpengine
 * sent there is the call-taker's voice, everything else the caller's. Null when the pcap holds no G.711 audio.
 */
export async function decodeCallAudio(pcapPath: string, callerPort: number): Promise<CallAudio | null> {
  const packets = readRtp(await readFile(pcapPath)).filter(
    (p) => p.payloadType === PCMU || p.payloadType === PCMA,
  );
  if (packets.length === 0) return null;
  const startUs = Math.min(...packets.map((p) => p.atUs));
  const toCaller = packets.filter((p) => p.dstPort === callerPort);
  const fromCaller = packets.filter((p) => p.dstPort !== callerPort);
  const left = placeStreams(fromCaller, startUs);
  const right = placeStreams(toCaller, startUs);
  const frames = Math.max(left.length, right.length);
  const pcm = Buffer.alloc(frames * 4);
  for (let i = 0; i < frames; i++) {
    pcm.writeInt16LE(left[i] ?? 0, i * 4);
    pcm.writeInt16LE(right[i] ?? 0, i * 4 + 2);
  }
  return { startedAtMs: startUs / 1000, pcm, durationMs: Math.round((frames * 1000) / RATE) };
}

/** One channel from one or more SSRCs (a re-INVITE or transfer may change it): RTP time within a stream. */
function placeStreams(packets: RtpPacket[], startUs: number): Int16Array {
  const bySsrc = new Map<number, RtpPacket[]>();
  for (const p of packets) {
    const stream = bySsrc.get(p.ssrc);
    if (stream) stream.push(p);
    else bySsrc.set(p.ssrc, [p]);
  }
  let frames = 0;
  const placed: Array<{ at: number; samples: Int16Array }> = [];
  for (const stream of bySsrc.values()) {
    const first = stream[0];
    if (!first) continue;
    const base = Math.round(((first.atUs - startUs) * RATE) / 1e6);
    for (const p of stream) {
      // RTP timestamps wrap at 2^32; the unsigned difference stays right across a wrap.
      const at = base + ((p.timestamp - first.timestamp) >>> 0);
      const samples = decodeG711(p.payload, p.payloadType);
      placed.push({ at, samples });
      frames = Math.max(frames, at + samples.length);
    }
  }
  const channel = new Int16Array(frames);
  for (const { at, samples } of placed) channel.set(samples, at);
  return channel;
}

function decodeG711(payload: Buffer, payloadType: number): Int16Array {
  const out = new Int16Array(payload.length);
  for (let i = 0; i < payload.length; i++)
    out[i] = payloadType === PCMU ? ulaw(payload[i] ?? 0xff) : alaw(payload[i] ?? 0xd5);
  return out;
}

function ulaw(byte: number): number {
  const u = ~byte & 0xff;
  const magnitude = (((u & 0x0f) << 3) + 0x84) << ((u & 0x70) >> 4);
  return u & 0x80 ? 0x84 - magnitude : magnitude - 0x84;
}

function alaw(byte: number): number {
  const a = byte ^ 0x55;
  const exponent = (a & 0x70) >> 4;
  let magnitude = ((a & 0x0f) << 4) + 8;
  if (exponent !== 0) magnitude = (magnitude + 0x100) << (exponent - 1);
  return a & 0x80 ? magnitude : -magnitude;
}
