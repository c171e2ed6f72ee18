// The call-taker side of calls: the queue, a caller's history, abandoned calls and their callbacks, taking a
// call offered in the console, ending one, and the supervisor's figures.
import { AgentState, type Call, type CallStats, type QueuedCall, type User } from '@hcm112/shared';
import { type Actor, appendAudit } from '../audit/repository.ts';
import { callTakerStatuses } from '../call-takers/service.ts';
import { countUnhandled } from './failed-events.ts';
import type { AppContext } from '../context.ts';
import { Conflict, Forbidden, NotFound } from '../errors.ts';
import { acdClientOf } from './acd-client.ts';
import { notRecordedSince } from '../recordings/repository.ts';
import { recordingStoreState } from '../recordings/store-health.ts';
import * as repo from './repository.ts';

const seconds = (from: string, to: Date) => Math.max(0, (to.getTime() - Date.parse(from)) / 1000);

export async function callQueue(ctx: AppContext): Promise<QueuedCall[]> {
  const now = ctx.clock();
  const calls = await repo.listWaitingCalls(ctx.db);
  return calls.map((call) => ({ ...call, waitSeconds: Math.round(seconds(call.arrivedAt, now)) }));
}

export async function loadCall(ctx: AppContext, id: string): Promise<Call> {
  const call = await repo.findCall(ctx.db, id);
  if (!call) throw new NotFound('call');
  return call;
}

export async function abandonedToday(ctx: AppContext): Promise<Call[]> {
  const since = await repo.startOfDay(ctx.db, ctx.clock(), ctx.config.TIME_ZONE);
  return repo.abandonedAwaitingCallback(ctx.db, since);
}

/** Records that a call-taker called an abandoned caller back. */
export async function recordCallback(ctx: AppContext, actor: Actor, id: string, requestId?: string) {
  const call = await ctx.db.transaction().execute(async (trx) => {
    const before = await repo.findCall(trx, id, true);
    if (!before) throw new NotFound('call');
    if (before.state !== 'abandoned')
      throw new Conflict('only an abandoned call is called back', { state: before.state });
    if (before.callbackAt)
      throw new Conflict('the caller was already called back', { callbackAt: before.callbackAt });
    await repo.setCallColumns(trx, id, { callback_at: ctx.clock(), callback_by: actor.id });
    const after = (await repo.findCall(trx, id))!;
    await appendAudit(trx, {
      actor,
      action: 'call.callback',
      targetType: 'call',
      targetId: id,
      before,
      after,
      requestId,
    });
    return after;
  });
  await ctx.events.publish({ type: 'call.updated', call });
  return call;
}

/**
 * The call-taker takes the call offered to them in the console: it must be ringing at or answered on their
 * phone, or answered on a fallback phone with nobody holding it yet (calls taken while call control was
 * away). It becomes theirs; repeating it changes nothing; a call held by another call-taker is a 409.
 */
export async function acceptCall(ctx: AppContext, user: User, id: string, requestId?: string): Promise<Call> {
  const actor = { id: user.id, name: user.username };
  const { call, changed } = await ctx.db.transaction().execute(async (trx) => {
    const before = await repo.findCall(trx, id, true);
    if (!before) throw new NotFound('call');
    if (before.agentUserId && before.agentUserId !== user.id)
      throw new Conflict('another call-taker has the call', { agentUserId: before.agentUserId });
    if (before.channel === 'text') throw new Conflict('a text session is accepted from its offer');
    const offeredToThem = before.state === 'ringing-agent' && before.agentUserId === user.id;
    if (!offeredToThem && before.state !== 'answered')
      throw new Conflict('the call is not offered to you', { state: before.state });
    if (before.agentUserId === user.id) return { call: before, changed: false };
    await repo.setCallColumns(trx, id, { agent_user_id: user.id });
    const after = (await repo.findCall(trx, id))!;
    await appendAudit(trx, {
      actor,
      action: 'call.accepted',
      targetType: 'call',
      targetId: id,
      before,
      after,
      requestId,
    });
    return { call: after, changed: true };
  });
  if (changed) await ctx.events.publish({ type: 'call.updated', call });
  return call;
}

/** Ends the call-taker's answered call through call control (BYE to both sides); the end arrives as an event. */
export async function hangupCall(ctx: AppContext, user: User, id: string, requestId?: string): Promise<Call> {
  const call = await loadCall(ctx, id);
  if (call.agentUserId !== user.id) throw new Forbidden('only the call-taker on the call may end it');
  // A desk phone may have answered before its event was recorded here: call control, which knows, decides then.
  if (call.state !== 'answered' && call.state !== 'ringing-agent')
    throw new Conflict('the call is not in progress', { state: call.state });
  if (call.channel === 'text') throw new Conflict('a text session is ended from its conversation');
  if (!user.sipExtension) throw new Conflict('you have no phone extension');
  const result = await acdClientOf(ctx).command({
    cmd: 'hangup',
    sipCallId: call.sipCallId,
    extension: user.sipExtension,
  });
  if (!result.ok) throw new Conflict(result.reason);
  await appendAudit(ctx.db, {
    actor: { id: user.id, name: user.username },
    action: 'call.hangup',
    targetType: 'call',
    targetId: id,
    before: { state: call.state },
    requestId,
  });
  return call;
}

/** Today's figures (NENA: 90% answered within 15 s, 95% within 20 s); an abandoned call was not answered in time. */
export async function callStats(ctx: AppContext): Promise<CallStats> {
  const now = ctx.clock();
  const since = await repo.startOfDay(ctx.db, now, ctx.config.TIME_ZONE);
  const f = await repo.callFigures(ctx.db, since);
  const offered = f.answered + f.abandoned;
  const callTakers = Object.fromEntries(AgentState.options.map((s) => [s, 0])) as CallStats['callTakers'];
  for (const status of await callTakerStatuses(ctx)) callTakers[status.state] += 1;
  return {
    waiting: f.waiting,
    longestWaitSeconds: f.oldestWaitingAt ? seconds(f.oldestWaitingAt.toISOString(), now) : 0,
    answeredToday: f.answered,
    abandonedToday: f.abandoned,
    answeredWithin15sShare: offered ? f.answeredWithin15s / offered : null,
    answeredWithin20sShare: offered ? f.answeredWithin20s / offered : null,
    callTakers,
    failedCallEvents: await countUnhandled(ctx.db),
    mediaRelay: await acdClientOf(ctx).mediaRelay(),
    notRecordedToday: await notRecordedSince(ctx.db, since),
    recordingStore: await recordingStoreState(ctx.config.RECORDING_STORE_DIR),
    overflowedToday: f.overflowed,
    refusedToday: f.refused,
  };
}
