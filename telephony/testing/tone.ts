// Known tones for media tests: a G.711 u-law file SIPp can stream, and a frequency check of what arrived
// (Goertzel), so a test proves which side's audio crossed the relay rather than that something did.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Writes `dir/tone.ulaw`: `seconds` of a sine at `hz`, 8 kHz raw u-law (what SIPp's rtp_stream plays as PCMU). */
export async function writeTone(dir: string, hz: number, seconds = 20): Promise<string> {
  const file = join(dir, 'tone.ulaw');
  await run(
    'ffmpeg',
    ['-v', 'error', '-y', '-f', 'lavfi', '-i', `sine=frequency=${hz}:duration=${seconds}`].concat([
      '-ar',
      '8000',
      '-ac',
      '1',
      '-f',
      'mulaw',
      file,
    ]),
  );
  return file;
}

/** G.711 u-law byte to a linear sample (ITU-T G.711). */
export function ulawToLinear(byte: number): number {
  const u = ~byte & 0xff;
  const magnitude = (((u & 0x0f) << 3) + 0x84) << ((u & 0x70) >> 4);
  return u & 0x80 ? 0x84 - magnitude : magnitude - 0x84;
}

/** Power of `hz` in `samples` (Goertzel at an 8 kHz sample rate). */
export function tonePower(samples: Float64Array | number[], hz: number, rate = 8000): number {
  const k = 2 * Math.cos((2 * Math.PI * hz) / rate);
  let s1 = 0;
  let s2 = 0;
  for (const x of samples) {
    const s0 = x + k * s1 - s2;
    s2 = s1;
    s1 = s0;
  }
  return s1 * s1 + s2 * s2 - k * s1 * s2;
}

/** PCMU payloads decoded to one sample array. */
export function decodePcmu(payloads: Buffer[]): Float64Array {
  const total = payloads.reduce((n, p) => n + p.length, 0);
  const out = new Float64Array(total);
  let i = 0;
  for (const p of payloads) for (const b of p) out[i++] = ulawToLinear(b);
  return out;
}

/** How many times stronger `hz` is than `other` in the audio: a heard tone gives a ratio in the thousands. */
export function toneRatio(payloads: Buffer[], hz: number, other: number): number {
  const samples = decodePcmu(payloads);
  return tonePower(samples, hz) / Math.max(tonePower(samples, other), 1e-9);
}

/** Each channel of an audio file (any format ffmpeg reads), resampled to 8 kHz, as linear samples. */
export async function readChannels(file: string, channels: number): Promise<Float64Array[]> {
  const { stdout } = await run(
    'ffmpeg',
    ['-v', 'error', '-i', file, '-ar', '8000', '-ac', String(channels), '-f', 's16le', 'pipe:1'],
    { encoding: 'buffer', maxBuffer: 256 * 1024 * 1024 },
  );
  const frames = Math.floor(stdout.length / (2 * channels));
  const out = Array.from({ length: channels }, () => new Float64Array(frames));
  for (let i = 0; i < frames; i++)
    for (let c = 0; c < channels; c++) {
      const channel = out[c];
      if (channel) channel[i] = stdout.readInt16LE((i * channels + c) * 2);
    }
  return out;
}

/**
 * Share of `windowMs` windows of `samples` in which `hz` is at least `ratio` times as strong as `other`: how
 * much of a recording holds a party's tone, not only that it appears somewhere.
 */
export function toneCoverage(
  samples: Float64Array,
  hz: number,
  other: number,
  windowMs = 250,
  ratio = 10,
): number {
  const size = (8000 * windowMs) / 1000;
  let windows = 0;
  let holding = 0;
  for (let at = 0; at + size <= samples.length; at += size) {
    const w = samples.subarray(at, at + size);
    windows += 1;
    if (tonePower(w, hz) > ratio * Math.max(tonePower(w, other), 1e-9)) holding += 1;
  }
  return windows ? holding / windows : 0;
}
