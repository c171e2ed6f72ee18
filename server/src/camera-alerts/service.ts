// The rules of camera alerts: signed intake from analytics sources (HMAC, replay window, dedup), and a
// dispatcher promoting an alert to an incident with its camera pinned, or dismissing it.
import {
  ALERT_INCIDENT_TYPE,
  ANALYTICS_HEADERS,
  AnalyticsEvent,
  type CameraAlert,
  type PromoteAlertRequest,
} from '@hcm112/shared';
import { type Actor, appendAudit } from '../audit/repository.ts';
import { findCameraByCode } from '../cameras/repository.ts';
import type { AppContext } from '../context.ts';
import type { Db } from '../db/database.ts';
import { Conflict, Invalid, NotFound, Unauthenticated } from '../errors.ts';
import { setFlags } from '../incident-cameras/repository.ts';
import { createIncident } from '../incidents/service.ts';
import * as repo from './repository.ts';
import { signatureMatches } from './signature.ts';

export interface SignedPost {
  headers: Record<string, string | string[] | undefined>;
  rawBody: Buffer | undefined;
  body: unknown;
}

const header = (post: SignedPost, name: string) => {
  const v = post.headers[name];
  return typeof v === 'string' ? v : undefined;
};

/** The source that signed the post, or 401: one message for an unknown source and a bad signature. */
async function authenticateSource(ctx: AppContext, post: SignedPost) {
  const name = header(post, ANALYTICS_HEADERS.source);
  const stamp = header(post, ANALYTICS_HEADERS.timestamp);
  const signature = header(post, ANALYTICS_HEADERS.signature);
  if (!name || !stamp || !signature || !post.rawBody)
    throw new Unauthenticated(`signed post required: ${Object.values(ANALYTICS_HEADERS).join(', ')}`);
  const timestamp = Number(stamp);
  const skew = Math.abs(ctx.clock().getTime() / 1000 - timestamp);
  if (!Number.isInteger(timestamp) || skew > ctx.config.ANALYTICS_REPLAY_SECONDS)
    throw new Unauthenticated('timestamp outside the accepted window');
  const source = await repo.findSourceByName(ctx.db, name);
  if (!source?.active || !signatureMatches(source.secret, timestamp, post.rawBody, signature))
    throw new Unauthenticated('signature not accepted');
  // The same signed request twice inside the window is a replay, not a second event.
  const key = `${ctx.config.REDIS_PREFIX}:analytics:sig:${signature}`;
  const first = await ctx.redis.set(key, '1', 'EX', 2 * ctx.config.ANALYTICS_REPLAY_SECONDS, 'NX');
  if (!first) throw new Conflict('this signed request was already received');
  return source;
}

/** Takes one signed analytics event; returns the alert it opened or folded into. */
export async function receiveAnalyticsEvent(ctx: AppContext, post: SignedPost): Promise<CameraAlert> {
  const source = await authenticateSource(ctx, post);
  const parsed = AnalyticsEvent.safeParse(post.body);
  if (!parsed.success) throw Invalid.fromZod(parsed.error);
  const event = parsed.data;
  const camera = await findCameraByCode(ctx.db, event.cameraCode);
  if (!camera) throw new NotFound(`camera ${event.cameraCode}`);
  if (event.eventId) {
    const key = `${ctx.config.REDIS_PREFIX}:analytics:event:${source.id}:${event.eventId}`;
    const known = await ctx.redis.get(key);
    const alert = known ? await repo.findAlert(ctx.db, known) : undefined;
    if (alert) return alert;
  }
  const actor: Actor = { id: null, name: `analytics:${source.name}` };
  const { id, folded } = await ctx.db.transaction().execute(async (trx) => {
    const hit = { cameraId: camera.id, sourceId: source.id, kind: event.kind, at: new Date(event.at) };
    const result = await repo.foldEvent(
      trx,
      { ...hit, confidence: event.confidence ?? null },
      ctx.config.ALERT_DEDUP_SECONDS,
    );
    await appendAudit(trx, {
      actor,
      action: result.folded ? 'alert.fold' : 'alert.raise',
      targetType: 'alert',
      targetId: result.id,
      after: event,
    });
    return result;
  });
  if (!folded) ctx.domain.emit('alert.raised', { alertId: id, camera });
  if (event.eventId)
    await ctx.redis.set(
      `${ctx.config.REDIS_PREFIX}:analytics:event:${source.id}:${event.eventId}`,
      id,
      'EX',
      86_400,
    );
  return announceAlert(ctx, id);
}

async function announceAlert(ctx: AppContext, id: string): Promise<CameraAlert> {
  const alert = await repo.findAlert(ctx.db, id);
  if (!alert) throw new NotFound('alert');
  await ctx.events.publish({ type: 'alert.updated', alert });
  return alert;
}

async function openAlert(ctx: AppContext, id: string): Promise<CameraAlert> {
  const alert = await repo.findAlert(ctx.db, id);
  if (!alert) throw new NotFound('alert');
  if (alert.status !== 'open')
    throw new Conflict(`the alert is already ${alert.status}`, {
      status: alert.status,
      incidentId: alert.incidentId,
    });
  return alert;
}

/** Within the new incident's transaction: claim the alert (still open) and pin its camera. */
function claimForIncident(alert: CameraAlert, actor: Actor, requestId?: string) {
  return async (trx: Db, incidentId: string) => {
    const locked = await repo.lockAlertStatus(trx, alert.id);
    if (locked?.status !== 'open')
      throw new Conflict(`the alert is already ${locked?.status}`, {
        incidentId: locked?.incident_id ?? null,
      });
    await repo.resolveAlert(trx, alert.id, { status: 'promoted', resolvedBy: actor.id, incidentId });
    await setFlags(trx, incidentId, alert.cameraId, { pinned: true });
    await appendAudit(trx, {
      actor,
      action: 'alert.promote',
      targetType: 'alert',
      targetId: alert.id,
      before: { status: 'open' },
      after: { status: 'promoted', incidentId, pinnedCameraId: alert.cameraId },
      requestId,
    });
  };
}

export async function promoteAlert(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: PromoteAlertRequest,
  requestId?: string,
) {
  const alert = await openAlert(ctx, id);
  const fallback = ALERT_INCIDENT_TYPE[alert.kind];
  const type = input.type ?? fallback.type;
  const subtype = input.type ? input.subtype! : (input.subtype ?? fallback.subtype);
  const note =
    input.note ?? `camera ${alert.cameraCode} (${alert.cameraName}): ${alert.kind}, ${alert.count} event(s)`;
  const { incident } = await createIncident(
    ctx,
    actor,
    { type, subtype, priority: input.priority, location: { point: alert.point, address: '' }, note },
    requestId,
    claimForIncident(alert, actor, requestId),
  );
  return { alert: await announceAlert(ctx, id), incident };
}

export async function dismissAlert(ctx: AppContext, actor: Actor, id: string, requestId?: string) {
  await openAlert(ctx, id);
  await ctx.db.transaction().execute(async (trx) => {
    const locked = await repo.lockAlertStatus(trx, id);
    if (locked?.status !== 'open') throw new Conflict(`the alert is already ${locked?.status}`);
    await repo.resolveAlert(trx, id, { status: 'dismissed', resolvedBy: actor.id });
    await appendAudit(trx, {
      actor,
      action: 'alert.dismiss',
      targetType: 'alert',
      targetId: id,
      before: { status: 'open' },
      after: { status: 'dismissed' },
      requestId,
    });
  });
  return { alert: await announceAlert(ctx, id) };
}

/** The picture kept with an alert (audited as a camera view), or 404 when none was taken. */
export async function alertSnapshot(ctx: AppContext, actor: Actor, id: string, requestId?: string) {
  const picture = await repo.findSnapshot(ctx.db, id);
  if (!picture) throw new NotFound('snapshot of this alert');
  await appendAudit(ctx.db, {
    actor,
    action: 'alert.snapshot.view',
    targetType: 'alert',
    targetId: id,
    after: { takenAt: picture.taken_at.toISOString() },
    requestId,
  });
  return { contentType: picture.content_type, image: picture.image };
}
