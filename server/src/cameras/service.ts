// The rules of the camera registry: admin create/edit/delete and bulk import, each audited and announced.
import {
  type Camera,
  type CameraFields,
  type CameraImportResult,
  CreateCameraRequest,
  type GeoPoint,
  type Role,
  type UpdateCameraRequest,
} from '@hcm112/shared';
import { type Actor, appendAudit } from '../audit/repository.ts';
import type { AppContext } from '../context.ts';
import { Conflict, Invalid, NotFound } from '../errors.ts';
import { CameraHostRefused, type CameraNetworks } from './camera-networks.ts';
import type { ParsedImport } from './import-rows.ts';
import * as repo from './repository.ts';

const UNIQUE_VIOLATION = '23505';

/** What an import needs: also what the geodata command gives it outside a running server. */
export type ImportDeps = Pick<
  AppContext,
  'db' | 'addresses' | 'events' | 'domain' | 'clock' | 'cameraNetworks'
>;
const UPSERT_CHUNK = 1000;

/** Stream URLs can carry device credentials: only admins see them; others watch through /feed. */
export function cameraForRole(camera: Camera, role: Role): Camera {
  return role === 'admin' ? camera : { ...camera, streamUrl: null };
}

export async function loadCamera(ctx: AppContext, id: string): Promise<Camera> {
  const camera = await repo.findCamera(ctx.db, id);
  if (!camera) throw new NotFound('camera');
  return camera;
}

function codeTaken(err: unknown, code: string): unknown {
  return (err as { code?: string })?.code === UNIQUE_VIOLATION
    ? new Conflict(`camera code ${code} is taken`, { code })
    : err;
}

async function announce(ctx: AppContext, camera: Camera, points: GeoPoint[]): Promise<void> {
  // Events reach every dispatcher: the same redaction as their reads.
  await ctx.events.publish({ type: 'camera.updated', camera: cameraForRole(camera, 'dispatcher') });
  ctx.domain.emit('cameras.changed', { cameraIds: [camera.id], points, reason: 'registry' });
}

export async function createCamera(
  ctx: AppContext,
  actor: Actor,
  input: CameraFields,
  requestId?: string,
): Promise<Camera> {
  await assertCameraUrl(ctx.cameraNetworks, input.streamUrl);
  const fields = { ...input, district: input.district ?? (await ctx.addresses.districtOf(input.point)) };
  const id = await ctx.db
    .transaction()
    .execute(async (trx) => {
      const newId = await repo.insertCamera(trx, fields, ctx.clock());
      await appendAudit(trx, {
        actor,
        action: 'camera.create',
        targetType: 'camera',
        targetId: newId,
        after: fields,
        requestId,
      });
      return newId;
    })
    .catch((err: unknown) => {
      throw codeTaken(err, input.code);
    });
  const camera = await loadCamera(ctx, id);
  await announce(ctx, camera, [camera.point]);
  return camera;
}

/** Applies a partial change to the whole camera and validates the result as a new camera would be. */
function mergeChange(before: Camera, change: UpdateCameraRequest): CameraFields {
  const { id: _id, online: _online, lastCheckedAt: _checked, ...current } = before;
  const merged = CreateCameraRequest.safeParse({ ...current, ...change });
  if (!merged.success) throw Invalid.fromZod(merged.error);
  return merged.data;
}

export async function updateCamera(
  ctx: AppContext,
  actor: Actor,
  id: string,
  change: UpdateCameraRequest,
  requestId?: string,
): Promise<Camera> {
  await assertCameraUrl(ctx.cameraNetworks, change.streamUrl);
  const before = await ctx.db
    .transaction()
    .execute(async (trx) => {
      const current = await repo.findCamera(trx, id, true);
      if (!current) throw new NotFound('camera');
      const fields = mergeChange(current, change);
      await repo.updateCamera(trx, id, fields, ctx.clock());
      await appendAudit(trx, {
        actor,
        action: 'camera.update',
        targetType: 'camera',
        targetId: id,
        before: current,
        after: fields,
        requestId,
      });
      return current;
    })
    .catch((err: unknown) => {
      throw codeTaken(err, change.code ?? '');
    });
  const camera = await loadCamera(ctx, id);
  await announce(ctx, camera, [before.point, camera.point]);
  return camera;
}

export async function deleteCamera(ctx: AppContext, actor: Actor, id: string, requestId?: string) {
  const before = await ctx.db.transaction().execute(async (trx) => {
    const current = await repo.findCamera(trx, id, true);
    if (!current) throw new NotFound('camera');
    await repo.deleteCamera(trx, id);
    await appendAudit(trx, {
      actor,
      action: 'camera.delete',
      targetType: 'camera',
      targetId: id,
      before: current,
      requestId,
    });
    return current;
  });
  await ctx.events.publish({ type: 'camera.deleted', cameraId: id });
  ctx.domain.emit('cameras.changed', { cameraIds: [id], points: [before.point], reason: 'registry' });
}

/**
 * Writes the good rows of an import in one transaction (all or none of them), idempotent by camera code;
 * rejected rows come back with their errors and are never written.
 */
export async function importCameras(
  ctx: ImportDeps,
  actor: Actor,
  parsed: ParsedImport,
  requestId?: string,
): Promise<CameraImportResult> {
  const rows: CameraFields[] = [];
  for (const [i, { fields }] of parsed.rows.entries())
    await assertCameraUrl(ctx.cameraNetworks, fields.streamUrl, `row ${i + 1}: `);
  for (const { fields } of parsed.rows)
    rows.push({ ...fields, district: fields.district ?? (await ctx.addresses.districtOf(fields.point)) });
  const now = ctx.clock();
  const outcome = await ctx.db.transaction().execute(async (trx) => {
    const existing = await repo.findCamerasByCode(
      trx,
      rows.map((r) => r.code),
    );
    const total: repo.UpsertOutcome = { created: [], updated: [] };
    for (let i = 0; i < rows.length; i += UPSERT_CHUNK) {
      const part = await repo.upsertCameras(trx, rows.slice(i, i + UPSERT_CHUNK), now);
      total.created.push(...part.created);
      total.updated.push(...part.updated);
    }
    if (total.created.length + total.updated.length > 0) {
      const updated = new Set(total.updated);
      await appendAudit(trx, {
        actor,
        action: 'camera.import',
        targetType: 'camera',
        before: existing.filter((c) => updated.has(c.code)),
        after: { created: total.created, updated: total.updated, rejected: parsed.errors.length },
        requestId,
      });
    }
    return { ...total, before: existing };
  });
  const result: CameraImportResult = {
    imported: rows.length,
    created: outcome.created.length,
    updated: outcome.updated.length,
    unchanged: rows.length - outcome.created.length - outcome.updated.length,
    errors: parsed.errors,
  };
  if (result.created + result.updated > 0) await announceImport(ctx, outcome, result);
  return result;
}

async function announceImport(
  ctx: ImportDeps,
  outcome: repo.UpsertOutcome & { before: Camera[] },
  result: CameraImportResult,
) {
  await ctx.events.publish({ type: 'cameras.imported', created: result.created, updated: result.updated });
  const updated = new Set(outcome.updated);
  const moved = outcome.before.filter((c) => updated.has(c.code));
  const changed = await repo.findCamerasByCode(ctx.db, [...outcome.created, ...outcome.updated]);
  ctx.domain.emit('cameras.changed', {
    cameraIds: changed.map((c) => c.id),
    points: [...moved, ...changed].map((c) => c.point),
    reason: 'registry',
  });
}

/** A camera URL must point into the camera networks: 400 on the streamUrl field otherwise. */
async function assertCameraUrl(networks: CameraNetworks, url: string | null | undefined, where = '') {
  if (!url) return;
  try {
    await networks.assertUrl(url);
  } catch (err) {
    if (!(err instanceof CameraHostRefused)) throw err;
    throw new Invalid(`${where}${err.message}`, { streamUrl: err.message });
  }
}
