// Writes a caller's video as WebM in the recordings folder: ffmpeg copies the VP8 frames from the IVF the
// capture gave (no decoding, no re-encoding), and the file's sha256 and size are taken as for audio.
import { spawn } from 'node:child_process';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { type StoredFile, sha256Of } from './store.ts';

export const VIDEO_EXTENSION = 'webm';
export const VIDEO_CONTENT_TYPE = 'video/webm';

/** Stores `ivfPath` as `<dir>/<yyyy-mm-dd>/<linkId>.webm`; the file appears whole or not. */
export async function storeVideo(
  ffmpeg: string,
  dir: string,
  linkId: string,
  day: string,
  ivfPath: string,
): Promise<StoredFile> {
  const folder = join(dir, day);
  await mkdir(folder, { recursive: true });
  const path = join(folder, `${linkId}.${VIDEO_EXTENSION}`);
  const partial = `${path}.part`;
  try {
    await copyToWebm(ffmpeg, ivfPath, partial);
    await rename(partial, path);
  } catch (err) {
    await rm(partial, { force: true });
    throw err;
  }
  return { path, sizeBytes: (await stat(path)).size, sha256: await sha256Of(path) };
}

function copyToWebm(ffmpeg: string, input: string, out: string): Promise<void> {
  const args = ['-v', 'error', '-nostdin', '-f', 'ivf', '-i', input, '-c', 'copy', '-f', 'webm', '-y', out];
  return new Promise((ok, fail) => {
    const child = spawn(ffmpeg, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    child.on('error', fail);
    child.on('close', (code) =>
      code === 0 ? ok() : fail(new Error(`ffmpeg exited ${code}: ${stderr.trim().slice(0, 300)}`)),
    );
  });
}
