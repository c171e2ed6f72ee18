// The picture a camera shows at the moment its alert is raised: a still camera's own picture, or one frame
// decoded by ffmpeg from a video stream (RTSP, HLS, MJPEG); only ever from inside the camera networks.
import { spawn } from 'node:child_process';
import type { Camera } from '@hcm112/shared';
import type { AppContext } from '../context.ts';
import { fetchSnapshot } from '../feeds/passthrough.ts';
import type { Logger } from '../logger.ts';
import * as repo from './repository.ts';

const FRAME_TIMEOUT_MS = 15_000;
const FRAME_MAX_BYTES = 10 * 1024 * 1024;

export interface CapturedPicture {
  contentType: string;
  image: Buffer;
}

function ffmpegFrameArgs(kind: NonNullable<Camera['streamKind']>, url: string): string[] {
  const input = kind === 'mjpeg' ? ['-f', 'mpjpeg', '-i', url] : ['-i', url];
  const rtsp = kind === 'rtsp' ? ['-timeout', String(FRAME_TIMEOUT_MS * 1000)] : [];
  return [
    '-hide_banner',
    '-loglevel',
    'error',
    '-nostdin',
    ...rtsp,
    ...input,
    '-frames:v',
    '1',
    '-c:v',
    'mjpeg',
    '-q:v',
    '4',
    '-f',
    'image2pipe',
    'pipe:1',
  ];
}

/** One JPEG frame of a video stream, decoded by ffmpeg; rejects when none came within the timeout. */
export function grabFrame(
  ffmpegPath: string,
  kind: NonNullable<Camera['streamKind']>,
  url: string,
): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = spawn(ffmpegPath, ffmpegFrameArgs(kind, url), { stdio: ['ignore', 'pipe', 'pipe'] });
    const chunks: Buffer[] = [];
    let size = 0;
    let stderr = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), FRAME_TIMEOUT_MS);
    child.stdout.on('data', (d: Buffer) => {
      size += d.length;
      if (size > FRAME_MAX_BYTES) child.kill('SIGKILL');
      else chunks.push(d);
    });
    child.stderr.on('data', (d: Buffer) => {
      stderr = (stderr + d.toString()).slice(-500);
    });
    child.once('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.once('close', (code) => {
      clearTimeout(timer);
      const frame = Buffer.concat(chunks);
      if (code === 0 && frame.length > 0 && size <= FRAME_MAX_BYTES) resolve(frame);
      else reject(new Error(`no frame (ffmpeg exit ${code}): ${stderr.trim()}`));
    });
  });
}

/** The camera's picture now, or undefined (logged) when it has no stream or none could be had. */
export async function capturePicture(
  ctx: AppContext,
  camera: Camera,
  log: Logger,
): Promise<CapturedPicture | undefined> {
  const { streamKind: kind, streamUrl: url } = camera;
  if (!kind || !url) return undefined;
  try {
    if (kind === 'snapshot') {
      const via = { networks: ctx.cameraNetworks, dispatcher: ctx.cameraNetworks.httpAgent(), log };
      const { type, picture } = await fetchSnapshot(url, via);
      return { contentType: type, image: picture };
    }
    // ffmpeg resolves and connects by itself: check where the name points now.
    await ctx.cameraNetworks.assertUrl(url);
    return { contentType: 'image/jpeg', image: await grabFrame(ctx.config.FFMPEG_PATH, kind, url) };
  } catch (err) {
    log.warn({ reason: err instanceof Error ? err.message : String(err) }, 'alert snapshot not taken');
    return undefined;
  }
}

/** Takes and keeps the picture of a newly raised alert, then tells the consoles the alert has one. */
export async function snapshotAlert(ctx: AppContext, alertId: string, camera: Camera): Promise<void> {
  const log = ctx.log.child({ module: 'alert-snapshots', alertId, cameraId: camera.id });
  const takenAt = ctx.clock();
  const picture = await capturePicture(ctx, camera, log);
  if (!picture) return;
  await repo.saveSnapshot(ctx.db, alertId, { ...picture, takenAt });
  const alert = await repo.findAlert(ctx.db, alertId);
  if (alert) await ctx.events.publish({ type: 'alert.updated', alert });
  log.info({ bytes: picture.image.length }, 'alert snapshot taken');
}
