import { describe, expect, it } from 'vitest';
import { encodeNetstring, NetstringDecoder } from './netstring.ts';

describe('netstring framing', () => {
  it('reassembles frames split across chunks and counts bytes, not characters', () => {
    const payload = JSON.stringify({ caller: 'Nguyễn', body: 'x'.repeat(70_000) });
    const wire = Buffer.concat([encodeNetstring(payload), encodeNetstring('{"event":"sync-done"}')]);
    const decoder = new NetstringDecoder();
    const frames: string[] = [];
    for (let i = 0; i < wire.length; i += 1000) frames.push(...decoder.push(wire.subarray(i, i + 1000)));
    expect(frames).toEqual([payload, '{"event":"sync-done"}']);
  });

  it('refuses a frame without its trailing comma', () => {
    expect(() => new NetstringDecoder().push(Buffer.from('3:abc;'))).toThrow(/comma/);
  });

  it('refuses a length beyond the limit before buffering it', () => {
    expect(() => new NetstringDecoder(10).push(Buffer.from('11:'))).toThrow(/length/);
  });
});
