// The rules of incident cameras: which cameras can see an incident (surfacing), keeping the stored list in
// step with the incident's location and the registry, and dispatchers pinning or hiding cameras.
import type { GeoPoint, SetIncidentCameraRequest, SurfacedCamera } from '@hcm112/shared';
import { type Actor, appendAudit } from '../audit/repository.ts';
import type { AppContext } from '../context.ts';
import type { Db } from '../db/database.ts';
import { Conflict, NotFound } from '../errors.ts';
import * as repo from './repository.ts';
import { sightOf } from './view-cone.ts';

/** What recomputing needs: also what the geodata command gives it outside a running server. */
export type SurfacingDeps = Pick<AppContext, 'db' | 'events' | 'clock'>;

/** Above this many changed places a registry change recomputes every open incident instead. */
const MAX_POINTS_NEAR = 100;

/**
 * The cameras that can see a point: in range (indexed), inside the view cone (PTZ: any bearing). Cameras in
 * `keepIds` (pinned or hidden by a dispatcher) stay in the list whatever their geometry.
 */
export async function surfaceCameras(
  db: Db,
  point: GeoPoint,
  keepIds: string[] = [],
): Promise<repo.StoredSight[]> {
  const keep = new Set(keepIds);
  const out: repo.StoredSight[] = [];
  for (const camera of await repo.camerasInRange(db, point, keepIds)) {
    const sight = sightOf(camera, point, camera.distanceM);
    if (sight.inCone || keep.has(camera.id))
      out.push({
        cameraId: camera.id,
        distanceM: camera.distanceM,
        inCone: sight.inCone,
        score: sight.score,
      });
  }
  return out;
}

export function samePoint(a: GeoPoint | undefined, b: GeoPoint | undefined): boolean {
  return !!a && !!b && Math.abs(a.lat - b.lat) < 1e-9 && Math.abs(a.lon - b.lon) < 1e-9;
}

/** Recomputes inside the caller's transaction, serialised per incident; false when there is no incident. */
async function recomputeIn(trx: Db, incidentId: string, at: Date): Promise<boolean> {
  await repo.lockIncidentCameras(trx, incidentId);
  const point = await repo.incidentPoint(trx, incidentId);
  if (!point) return false;
  const sights = await surfaceCameras(trx, point, await repo.flaggedCameraIds(trx, incidentId));
  await repo.storeIncidentCameras(trx, incidentId, point, sights, at);
  return true;
}

async function publishList(ctx: SurfacingDeps, incidentId: string, at: Date): Promise<SurfacedCamera[]> {
  const cameras = await repo.loadIncidentCameras(ctx.db, incidentId);
  await ctx.events.publish({ type: 'incident.cameras', incidentId, cameras, computedAt: at.toISOString() });
  return cameras;
}

/** Computes, stores and pushes an incident's cameras from its current location. */
export async function recomputeIncidentCameras(ctx: SurfacingDeps, incidentId: string): Promise<void> {
  const at = ctx.clock();
  const stored = await ctx.db.transaction().execute((trx) => recomputeIn(trx, incidentId, at));
  if (stored) await publishList(ctx, incidentId, at);
}

/** The stored list; computed first if it is missing or was computed for another location. */
export async function incidentCameras(ctx: AppContext, incidentId: string): Promise<SurfacedCamera[]> {
  const [current, computed] = await Promise.all([
    repo.incidentPoint(ctx.db, incidentId),
    repo.computedPoint(ctx.db, incidentId),
  ]);
  if (!current) throw new NotFound('incident');
  if (!samePoint(current, computed)) await recomputeIncidentCameras(ctx, incidentId);
  return repo.loadIncidentCameras(ctx.db, incidentId);
}

export async function setIncidentCamera(
  ctx: AppContext,
  actor: Actor,
  ids: { incidentId: string; cameraId: string },
  flags: SetIncidentCameraRequest,
  requestId?: string,
): Promise<SurfacedCamera[]> {
  const at = ctx.clock();
  await ctx.db.transaction().execute(async (trx) => {
    await repo.lockIncidentCameras(trx, ids.incidentId);
    const state = await repo.incidentAndCamera(trx, ids);
    if (!state.incidentStatus) throw new NotFound('incident');
    if (!state.cameraExists) throw new NotFound('camera');
    if (state.incidentStatus === 'closed') throw new Conflict('the incident is closed');
    await repo.setFlags(trx, ids.incidentId, ids.cameraId, flags);
    await recomputeIn(trx, ids.incidentId, at);
    await appendAudit(trx, {
      actor,
      action: 'incident.camera.set',
      targetType: 'incident',
      targetId: ids.incidentId,
      before: { cameraId: ids.cameraId, ...state.flags },
      after: { cameraId: ids.cameraId, ...state.flags, ...flags },
      requestId,
    });
  });
  return publishList(ctx, ids.incidentId, at);
}

/** After a registry or health change: recompute the open incidents near the changed places or listing them. */
export async function recomputeAfterCameraChange(
  ctx: SurfacingDeps,
  change: { cameraIds: string[]; points: GeoPoint[] },
): Promise<number> {
  const near =
    change.points.length > MAX_POINTS_NEAR
      ? await repo.openIncidentIds(ctx.db)
      : await repo.openIncidentsNear(ctx.db, change.points);
  const listing = await repo.openIncidentsWithCamera(ctx.db, change.cameraIds);
  const ids = [...new Set([...near, ...listing])];
  for (const id of ids) await recomputeIncidentCameras(ctx, id);
  return ids.length;
}
