// The rules of watching a camera: who may, what the browser gets for each stream kind, and the audit row
// that records who watched which camera for which incident.
import type { Camera, CameraFeed } from '@hcm112/shared';
import { type Actor, appendAudit } from '../audit/repository.ts';
import * as cameras from '../cameras/repository.ts';
import type { AppContext } from '../context.ts';
import { NotFound, Unavailable } from '../errors.ts';
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
    await ctx.restreams.open(cameraId, { kind: camera.streamKind, url: camera.streamUrl });
  } catch (err) {
    if (err instanceof RestreamsFull || err instanceof RestreamFailed) throw new Unavailable(err.message);
    throw err;
  }
  return { kind: 'hls', url: `${base}/hls/index.m3u8` };
}
