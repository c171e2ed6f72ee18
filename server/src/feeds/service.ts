// The rules of watching a camera: who may, what the browser gets for each stream kind, and the audit row
// that records who watched which camera for which incident.
import type { Camera, CameraFeed } from '@hcm112/shared';
import { type Actor, appendAudit } from '../audit/repository.ts';
import { CameraHostRefused } from '../cameras/camera-networks.ts';
import * as cameras from '../cameras/repository.ts';
import type { AppContext } from '../context.ts';
import { NotFound, Unavailable } from '../errors.ts';
import { CAMERA_UNREACHABLE } from './passthrough.ts';
import { incidentExists } from './repository.ts';
import { RestreamFailed, RestreamsFull } from './restreams.ts';

/** A camera with a stream, or 404 naming what is missing. */
export async function streamedCamera(ctx: AppContext, cameraId: string) {
  const camera = await cameras.findCamera(ctx.db, cameraId);
  if (!camera) throw new NotFound('camera');
  if (!camera.streamUrl || !camera.streamKind) throw new NotFound('stream of this camera');
  return camera as Camera & { streamUrl: string; streamKind: NonNullable<Camera['streamKind']> };
}

export async function openFeed(
  ctx: AppContext,
  actor: Actor,
  cameraId: string,
  incidentId: string | undefined,
  requestId?: string,
): Promise<CameraFeed> {
  const camera = await streamedCamera(ctx, cameraId);
  if (incidentId && !(await incidentExists(ctx.db, incidentId))) throw new NotFound('incident');
  await appendAudit(ctx.db, {
    actor,
    action: 'camera.view',
    targetType: 'camera',
    targetId: cameraId,
    after: { incidentId: incidentId ?? null, code: camera.code, kind: camera.streamKind },
    requestId,
  });
  const base = `/api/cameras/${cameraId}`;
  if (camera.streamKind === 'mjpeg') return { kind: 'mjpeg', url: `${base}/mjpeg` };
  if (camera.streamKind === 'snapshot') return { kind: 'snapshot', url: `${base}/snapshot` };
  try {
    // ffmpeg resolves and connects by itself: check where the name points now, not only when it was saved.
    await ctx.cameraNetworks.assertUrl(camera.streamUrl);
    await ctx.restreams.open(cameraId, { kind: camera.streamKind, url: camera.streamUrl });
  } catch (err) {
    if (err instanceof RestreamsFull) throw new Unavailable(err.message);
    if (err instanceof RestreamFailed || err instanceof CameraHostRefused) {
      ctx.log.warn({ cameraId, reason: err.message }, 'camera unreachable');
      throw new Unavailable(CAMERA_UNREACHABLE);
    }
    throw err;
  }
  return { kind: 'hls', url: `${base}/hls/index.m3u8` };
}
