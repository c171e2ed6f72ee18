// Writes a call's two-channel audio as FLAC (ffmpeg) in the recordings folder, and its sha256 and size.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';

export interface StoredFile {
  path: string;
  sizeBytes: number;
  sha256: string;
}

/**
 * FLAC, lossless: the G.711 the parties heard, kept exactly, at a twelfth of Opus's CPU (a 60 s call: 0.05 s
 * against 0.59 s), which is what lets 100 calls ending together be ready within seconds on two cores
 * (measured, docs/architecture.md).
 */
const FORMAT_ARGS = ['-c:a', 'flac', '-f', 'flac'];
export const RECORDING_EXTENSION = 'flac';
export const RECORDING_CONTENT_TYPE = 'audio/flac';

/** Stores `pcm` (stereo s16le at 8 kHz) as `<dir>/<yyyy-mm-dd>/<callId>.flac`; the file appears whole or not. */
export async function storeRecording(
  ffmpeg: string,
  dir: string,
  callId: string,
  day: string,
  pcm: Buffer,
): Promise<StoredFile> {
  const folder = join(dir, day);
  await mkdir(folder, { recursive: true });
  const path = join(folder, `${callId}.${RECORDING_EXTENSION}`);
  const partial = `${path}.part`;
  try {
    await encode(ffmpeg, pcm, partial);
    await rename(partial, path);
  } catch (err) {
    await rm(partial, { force: true });
    throw err;
  }
  return { path, sizeBytes: (await stat(path)).size, sha256: await sha256Of(path) };
}

export function sha256Of(path: string): Promise<string> {
  return new Promise((ok, fail) => {
    const hash = createHash('sha256');
    createReadStream(path)
      .on('error', fail)
      .on('data', (chunk) => hash.update(chunk))
      .on('end', () => ok(hash.digest('hex')));
  });
}

function encode(ffmpeg: string, pcm: Buffer, out: string): Promise<void> {
  const args = ['-v', 'error', '-nostdin', '-f', 's16le', '-ar', '8000', '-ac', '2', '-i', 'pipe:0']
    .concat(FORMAT_ARGS)
    .concat(['-y', out]);
  return new Promise((ok, fail) => {
    const child = spawn(ffmpeg, args, { stdio: ['pipe', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    child.on('error', fail);
    // ffmpeg that fails early closes its stdin; the exit code tells why.
    child.stdin.on('error', () => {});
    child.on('close', (code) =>
      code === 0 ? ok() : fail(new Error(`ffmpeg exited ${code}: ${stderr.trim().slice(0, 300)}`)),
    );
    child.stdin.end(pcm);
  });
}
