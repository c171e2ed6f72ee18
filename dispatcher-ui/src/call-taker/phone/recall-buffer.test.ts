import { describe, expect, it } from 'vitest';
import { PcmRing, wavBytes } from './recall-buffer.ts';

const frames = (from: number, n: number) => Float32Array.from({ length: n }, (_, i) => (from + i) / 1000);
const negative = (a: Float32Array) => a.map((v) => -v);

describe('the recall ring', () => {
  it('gives back what was written, oldest first, before it is full', () => {
    const ring = new PcmRing(10);
    ring.write(frames(0, 4), negative(frames(0, 4)));
    const [left, right] = ring.last(10);
    expect(Array.from(left)).toEqual(Array.from(frames(0, 4)));
    expect(Array.from(right)).toEqual(Array.from(negative(frames(0, 4))));
  });

  it('keeps only the last frames once it wrapped, in order', () => {
    const ring = new PcmRing(10);
    for (let i = 0; i < 7; i++) ring.write(frames(i * 4, 4), negative(frames(i * 4, 4)));
    expect(ring.length).toBe(10);
    expect(Array.from(ring.last(10)[0])).toEqual(Array.from(frames(18, 10)));
    expect(Array.from(ring.last(3)[1])).toEqual(Array.from(negative(frames(25, 3))));
  });

  it('keeps the end of a block longer than the ring', () => {
    const ring = new PcmRing(5);
    ring.write(frames(0, 2), frames(0, 2));
    ring.write(frames(2, 12), frames(2, 12));
    expect(Array.from(ring.last(5)[0])).toEqual(Array.from(frames(9, 5)));
  });
});

describe('the replay as WAV', () => {
  it('is 16-bit PCM with both channels interleaved', () => {
    const view = new DataView(wavBytes([Float32Array.of(0.5, -1), Float32Array.of(1, 0)], 8000));
    expect([view.getUint16(22, true), view.getUint32(24, true), view.getUint16(34, true)]).toEqual([
      2, 8000, 16,
    ]);
    expect([44, 46, 48, 50].map((at) => view.getInt16(at, true))).toEqual([16383, 32767, -32768, 0]);
  });
});
