// How long a WAV file plays: what the announcement schedule needs to start the next message when one ends.
import { readFileSync } from 'node:fs';

/** Milliseconds of audio in a RIFF/WAVE file (its data chunk over its byte rate); throws when it is not one. */
export function wavDurationMs(file: string): number {
  const buf = readFileSync(file);
  if (buf.toString('ascii', 0, 4) !== 'RIFF' || buf.toString('ascii', 8, 12) !== 'WAVE')
    throw new Error(`${file} is not a WAV file`);
  let byteRate = 0;
  for (let at = 12; at + 8 <= buf.length; ) {
    const id = buf.toString('ascii', at, at + 4);
    const size = buf.readUInt32LE(at + 4);
    if (id === 'fmt ') byteRate = buf.readUInt32LE(at + 16);
    // ffmpeg writing to a pipe leaves the data size unset (0xFFFFFFFF): the rest of the file is the data.
    if (id === 'data' && byteRate > 0) return (Math.min(size, buf.length - at - 8) * 1000) / byteRate;
    at += 8 + size + (size % 2);
  }
  throw new Error(`${file} has no audio data`);
}
