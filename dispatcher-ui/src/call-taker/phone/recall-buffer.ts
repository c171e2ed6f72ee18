// The last 60 s of the call at the softphone, kept in the browser for the call-taker's instant recall: the
// caller's stream (left) and the call-taker's own microphone (right) at 8 kHz, in a ring. Nothing is ever
// connected from it to the call, so the caller never hears a replay.

/** How much of the current call the console keeps. */
export const RECALL_SECONDS = 60;
/** Telephone audio is 8 kHz (G.711): more would only cost memory (60 s x 2 channels = 3.8 MB here). */
const RATE = 8000;
/** Samples per capture block: 0.5 s at 8 kHz. */
const BLOCK = 4096;

/** The last `size` frames of two channels, oldest overwritten first. */
export class PcmRing {
  private readonly ring: [Float32Array, Float32Array];
  /** Frames written since the start. */
  private written = 0;

  constructor(readonly size: number) {
    this.ring = [new Float32Array(size), new Float32Array(size)];
  }

  /** Frames held (at most `size`). */
  get length(): number {
    return Math.min(this.written, this.size);
  }

  write(left: Float32Array, right: Float32Array): void {
    const at = this.written % this.size;
    // A block longer than the ring keeps only its end.
    const skip = Math.max(0, left.length - this.size);
    [left, right].forEach((data, c) => {
      const kept = data.subarray(skip);
      const ring = this.ring[c] as Float32Array;
      const from = (at + skip) % this.size;
      const first = Math.min(kept.length, this.size - from);
      ring.set(kept.subarray(0, first), from);
      ring.set(kept.subarray(first), 0);
    });
    this.written += left.length;
  }

  /** The last `frames` frames (at most those held), oldest first. */
  last(frames: number): [Float32Array, Float32Array] {
    const n = Math.min(this.length, Math.max(0, Math.round(frames)));
    const start = (this.written - n) % this.size;
    return this.ring.map((ring) => {
      const out = new Float32Array(n);
      const first = Math.min(n, this.size - start);
      out.set(ring.subarray(start, start + first), 0);
      out.set(ring.subarray(0, n - first), first);
      return out;
    }) as [Float32Array, Float32Array];
  }
}

export class RecallBuffer {
  private readonly context: AudioContext;
  private readonly processor: ScriptProcessorNode;
  private readonly ring: PcmRing;

  constructor(caller: MediaStream, microphone: MediaStream, seconds = RECALL_SECONDS) {
    this.context = new AudioContext({ sampleRate: RATE });
    this.ring = new PcmRing(RATE * seconds);
    const merger = this.context.createChannelMerger(2);
    this.context.createMediaStreamSource(caller).connect(merger, 0, 0);
    this.context.createMediaStreamSource(microphone).connect(merger, 0, 1);
    // A script processor rather than an AudioWorklet: a worklet module must be a script URL of its own, which the
    // console's Content-Security-Policy (default-src 'self': no blob: scripts) and single bundle do not offer.
    this.processor = this.context.createScriptProcessor(BLOCK, 2, 2);
    this.processor.onaudioprocess = (e) =>
      this.ring.write(e.inputBuffer.getChannelData(0), e.inputBuffer.getChannelData(1));
    merger.connect(this.processor);
    // It runs only while connected to an output; it writes nothing to its output buffer, so that is silence.
    this.processor.connect(this.context.destination);
    void this.context.resume();
  }

  /** Seconds of audio kept so far (at most RECALL_SECONDS). */
  get seconds(): number {
    return this.ring.length / RATE;
  }

  /** The last `seconds` kept, oldest first, as channels at 8 kHz. */
  last(seconds = RECALL_SECONDS): { channels: [Float32Array, Float32Array]; rate: number } {
    return { channels: this.ring.last(seconds * RATE), rate: RATE };
  }

  stop(): void {
    this.processor.onaudioprocess = null;
    this.processor.disconnect();
    void this.context.close();
  }
}

/** 16-bit PCM WAV of the channels (what an <audio> element plays everywhere). */
export function encodeWav(channels: readonly Float32Array[], rate: number): Blob {
  return new Blob([wavBytes(channels, rate)], { type: 'audio/wav' });
}

export function wavBytes(channels: readonly Float32Array[], rate: number): ArrayBuffer {
  const frames = channels[0]?.length ?? 0;
  const count = channels.length;
  const bytes = new DataView(new ArrayBuffer(44 + frames * count * 2));
  const text = (at: number, s: string) => {
    for (let i = 0; i < s.length; i++) bytes.setUint8(at + i, s.charCodeAt(i));
  };
  text(0, 'RIFF');
  bytes.setUint32(4, 36 + frames * count * 2, true);
  text(8, 'WAVE');
  text(12, 'fmt ');
  bytes.setUint32(16, 16, true);
  bytes.setUint16(20, 1, true);
  bytes.setUint16(22, count, true);
  bytes.setUint32(24, rate, true);
  bytes.setUint32(28, rate * count * 2, true);
  bytes.setUint16(32, count * 2, true);
  bytes.setUint16(34, 16, true);
  text(36, 'data');
  bytes.setUint32(40, frames * count * 2, true);
  let at = 44;
  for (let i = 0; i < frames; i++)
    for (const channel of channels) {
      const v = Math.max(-1, Math.min(1, channel[i] ?? 0));
      bytes.setInt16(at, v < 0 ? v * 0x8000 : v * 0x7fff, true);
      at += 2;
    }
  return bytes.buffer;
}
