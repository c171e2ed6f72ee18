// The rules of a console's calls out: a call-taker dials a configured destination (113, 114, 115, another
// number) from the call in their hands, or calls an abandoned caller back; the server signs a grant for that one
// number, and records what the console's softphone reports of the leg (answered, joined, withdrawn, ended or
// failed with its reason) in the audit log and the incident's timeline. An ended leg is recorded like any call.
import {
  type Call,
  type CallLeg,
  type CallLegEvent,
  CallbackNumber,
  type DialResponse,
  type User,
} from '@hcm112/shared';
import type { Updateable } from 'kysely';
import { appendAudit } from '../audit/repository.ts';
import { findCall, setCallColumns } from '../calls/repository.ts';
import type { AppContext } from '../context.ts';
import type { Db } from '../db/database.ts';
import type { CallLegsTable } from '../db/schema.ts';
import { Conflict, Forbidden, Invalid, NotFound, Unavailable } from '../errors.ts';
import { announceIncident } from '../incidents/publish.ts';
import { insertNote } from '../incidents/repository.ts';
import { loadIncident } from '../incidents/service.ts';
import { requestRecording } from '../recordings/worker.ts';
import { callbackUri, dialDestinations } from './destinations.ts';
import { signDialGrant } from './grant.ts';
import * as repo from './repository.ts';

const actorOf = (user: User) => ({ id: user.id, name: user.username });

/** The extension and secret a grant needs: a call-taker without a phone, or a server without SIP, cannot dial. */
function dialer(ctx: AppContext, user: User): { extension: string; secret: string } {
  const secret = ctx.config.SIP_AUTH_SECRET;
  if (!secret) throw new Unavailable('calls out are not configured on this server (SIP_AUTH_SECRET)');
  if (!user.sipExtension) throw new Conflict('you have no phone extension: ask an admin for one');
  return { extension: user.sipExtension, secret };
}

async function openLeg(
  ctx: AppContext,
  user: User,
  call: Call,
  leg: Pick<CallLeg, 'kind' | 'destinationKey' | 'destinationLabel' | 'targetUri'>,
  requestId?: string,
): Promise<DialResponse> {
  const { extension, secret } = dialer(ctx, user);
  const created = await ctx.db.transaction().execute(async (trx) => {
    const inserted = await repo.insertLeg(trx, { ...leg, callId: call.id, createdBy: user.id });
    await appendAudit(trx, {
      actor: actorOf(user),
      action: leg.kind === 'callback' ? 'call.callback-dial' : 'call.leg-dial',
      targetType: 'call',
      targetId: call.id,
      after: inserted,
      requestId,
    });
    return inserted;
  });
  const expiresAt = new Date(ctx.clock().getTime() + ctx.config.DIAL_GRANT_SECONDS * 1000);
  return { leg: created, grant: signDialGrant(secret, extension, leg.targetUri, created.id, expiresAt) };
}

/** Dials a configured destination from the caller's call the call-taker has in hand. */
export async function dialFromCall(
  ctx: AppContext,
  user: User,
  callId: string,
  destinationKey: string,
  requestId?: string,
): Promise<DialResponse> {
  const call = await findCall(ctx.db, callId);
  if (!call) throw new NotFound('call');
  if (call.agentUserId !== user.id) throw new Forbidden('only the call-taker on the call may hand it on');
  if (call.state !== 'answered') throw new Conflict('the call is not in progress', { state: call.state });
  const destination = dialDestinations(ctx.config).find((d) => d.key === destinationKey);
  if (!destination)
    throw new Invalid('no such destination is configured', { destination: 'not a configured destination' });
  return openLeg(
    ctx,
    user,
    call,
    {
      kind: 'handover',
      destinationKey: destination.key,
      destinationLabel: destination.label.en,
      targetUri: destination.uri,
    },
    requestId,
  );
}

/** Calls an abandoned caller back through the carrier trunk; the number is the call's own, nothing else. */
export async function dialCallback(
  ctx: AppContext,
  user: User,
  callId: string,
  requestId?: string,
): Promise<DialResponse> {
  const call = await findCall(ctx.db, callId);
  if (!call) throw new NotFound('call');
  if (call.state !== 'abandoned')
    throw new Conflict('only an abandoned call is called back', { state: call.state });
  if (!CallbackNumber.safeParse(call.callerNumber).success)
    throw new Conflict('the caller left no number to call back', { callerNumber: call.callerNumber });
  const uri = callbackUri(ctx.config, call.callerNumber);
  if (!uri) throw new Unavailable('callbacks are not configured on this server (CALLBACK_TRUNK_URI)');
  return openLeg(
    ctx,
    user,
    call,
    { kind: 'callback', destinationKey: 'callback', destinationLabel: call.callerNumber, targetUri: uri },
    requestId,
  );
}

const NEXT: Record<CallLegEvent['event'], { from: CallLeg['state'][]; to: CallLeg['state'] }> = {
  answered: { from: ['dialing'], to: 'talking' },
  joined: { from: ['talking', 'withdrawn'], to: 'conference' },
  withdrawn: { from: ['conference'], to: 'withdrawn' },
  rejoined: { from: ['withdrawn'], to: 'conference' },
  ended: { from: ['dialing', 'talking', 'conference', 'withdrawn'], to: 'ended' },
  failed: { from: ['dialing'], to: 'failed' },
};

/** What the console's softphone reports of one of its legs. */
export async function recordLegEvent(
  ctx: AppContext,
  user: User,
  legId: string,
  e: CallLegEvent,
  requestId?: string,
): Promise<CallLeg> {
  const now = ctx.clock();
  const { leg, call } = await ctx.db.transaction().execute(async (trx) => {
    const before = await repo.findLeg(trx, legId, true);
    if (!before) throw new NotFound('call leg');
    if (before.createdBy !== user.id) throw new Forbidden('only the call-taker who dialled reports this leg');
    const step = NEXT[e.event];
    if (!step.from.includes(before.state))
      throw new Conflict(`a ${before.state} leg cannot be ${e.event}`, { state: before.state });
    const changes: Updateable<CallLegsTable> = { state: step.to };
    if (e.sipCallId && !before.sipCallId) changes.sip_call_id = e.sipCallId;
    if (e.event === 'answered') changes.answered_at = now;
    if (e.event === 'joined' && !before.joinedAt) changes.joined_at = now;
    if (e.event === 'ended' || e.event === 'failed') changes.ended_at = now;
    if (e.event === 'failed') changes.failure_reason = e.reason ?? 'failed';
    const after = await repo.updateLeg(trx, legId, changes);
    await appendAudit(trx, {
      actor: actorOf(user),
      action: `call.leg-${e.event}`,
      targetType: 'call-leg',
      targetId: legId,
      before,
      after: { ...after, reason: e.reason },
      requestId,
    });
    const owner = await findCall(trx, after.callId, true);
    if (owner?.incidentId) await noteOnIncident(trx, owner.incidentId, user, after, e, now);
    if (e.event === 'answered' && after.kind === 'callback' && owner && !owner.callbackAt)
      await setCallColumns(trx, owner.id, { callback_at: now, callback_by: user.id });
    return { leg: after, call: owner };
  });
  if (call?.incidentId)
    await announceIncident(ctx, await loadIncident(ctx.db, call.incidentId), actorOf(user), undefined, true);
  if (e.event === 'answered' && leg.kind === 'callback' && call) {
    const updated = await findCall(ctx.db, call.id);
    if (updated) await ctx.events.publish({ type: 'call.updated', call: updated });
  }
  if (e.event === 'ended' && leg.answeredAt && leg.sipCallId) await askForLegRecording(ctx, leg);
  return leg;
}

function legNote(leg: CallLeg, e: CallLegEvent): string {
  const who = leg.kind === 'callback' ? `callback to ${leg.destinationLabel}` : leg.destinationLabel;
  switch (e.event) {
    case 'answered':
      return `${who} answered the call-taker`;
    case 'joined':
      return `${who} joined the caller in a conference`;
    case 'withdrawn':
      return `call-taker withdrew (muted); ${who} talks with the caller`;
    case 'rejoined':
      return `call-taker back in the conference with ${who}`;
    case 'ended':
      return `${who} left the call`;
    case 'failed':
      return `${who} not reached (${e.reason ?? 'failed'}); the caller stayed with the call-taker`;
  }
}

async function noteOnIncident(
  db: Db,
  incidentId: string,
  user: User,
  leg: CallLeg,
  e: CallLegEvent,
  at: Date,
): Promise<void> {
  await insertNote(db, {
    incidentId,
    authorId: user.id,
    authorName: user.username,
    kind: 'call',
    text: legNote(leg, e),
    at,
    code: 'call.leg',
    params: {
      event: e.event,
      leg: leg.kind,
      destination: leg.destinationLabel,
      ...(e.reason && { reason: e.reason }),
    },
  });
}

/** Like any answered call, a leg is recorded; asking can fail without touching the leg's record. */
async function askForLegRecording(ctx: AppContext, leg: CallLeg): Promise<void> {
  try {
    await requestRecording(ctx, { callId: leg.callId, sipCallId: leg.sipCallId!, legId: leg.id });
  } catch (err) {
    ctx.log.error({ module: 'recordings', legId: leg.id, err: String(err) }, 'leg recording not requested');
  }
}

export function legsOf(ctx: AppContext, callId: string): Promise<CallLeg[]> {
  return repo.legsOfCall(ctx.db, callId);
}
