// Whether the recordings folder can take the next call's file: the wallboard raises an alert when it cannot.
import { constants } from 'node:fs';
import { access, mkdir, stat, statfs } from 'node:fs/promises';
import type { RecordingStoreState } from '@hcm112/shared';

/** Under this much free space the folder counts as full: FLAC takes about 30 MB per hour of call (bench). */
const MIN_FREE_BYTES = 200 * 1024 * 1024;
const MIN_FREE_SHARE = 0.01;

export async function recordingStoreState(dir: string): Promise<RecordingStoreState> {
  try {
    await mkdir(dir, { recursive: true });
    if (!(await stat(dir)).isDirectory()) return 'unwritable';
    await access(dir, constants.W_OK);
    const fs = await statfs(dir);
    const free = fs.bavail * fs.bsize;
    return free < MIN_FREE_BYTES || fs.bavail < fs.blocks * MIN_FREE_SHARE ? 'full' : 'ok';
  } catch {
    return 'unwritable';
  }
}
