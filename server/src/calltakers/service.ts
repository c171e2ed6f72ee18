// Call-takers' state as the ACD holds it, for consoles: listed, one's own, set ready / not ready through call
// control, and pushed to consoles as `calltaker.updated` when call control reports a change.
import {
  type AcdAgentRecord,
  agentStateOf,
  type CallTakerEvent,
  type CallTakerStatus,
  type User,
} from '@hcm112/shared';
import { appendAudit } from '../audit/repository.ts';
import { acdClientOf } from '../calls/acd-client.ts';
import { TELEPHONY_ACTOR } from '../calls/recorder.ts';
import type { AppContext } from '../context.ts';
import { Conflict, Unavailable } from '../errors.ts';
import * as repo from './repository.ts';

function statusOf(
  user: User,
  createdAt: Date,
  record: AcdAgentRecord | undefined,
  callIds: Map<string, string>,
): CallTakerStatus {
  const since = Number(record?.since ?? 0);
  return {
    userId: user.id,
    username: user.username,
    sipExtension: user.sipExtension,
    state: record ? agentStateOf(record) : 'offline',
    since: new Date(since > 0 ? since : createdAt.getTime()).toISOString(),
    callId: (record?.callId && callIds.get(record.callId)) || null,
    reason: record?.reason || null,
  };
}

async function statusesOf(ctx: AppContext, people: Array<{ user: User; createdAt: Date }>) {
  const extensions = people.flatMap((p) => (p.user.sipExtension ? [p.user.sipExtension] : []));
  const records = await acdClientOf(ctx).agents(extensions);
  const callIds = await repo.callIdsBySipId(
    ctx.db,
    [...records.values()].flatMap((r) => (r.callId ? [r.callId] : [])),
  );
  return people.map((p) =>
    statusOf(
      p.user,
      p.createdAt,
      p.user.sipExtension ? records.get(p.user.sipExtension) : undefined,
      callIds,
    ),
  );
}

export async function callTakerStatuses(ctx: AppContext): Promise<CallTakerStatus[]> {
  return statusesOf(ctx, await repo.listCallTakerUsers(ctx.db));
}

export async function callTakerStatus(ctx: AppContext, user: User): Promise<CallTakerStatus> {
  const found = await repo.findCallTakerUser(ctx.db, user.id);
  const [status] = await statusesOf(ctx, [{ user, createdAt: found?.createdAt ?? ctx.clock() }]);
  return status!;
}

/** The call-taker says they want calls, or not; call control applies it and answers with their new state. */
export async function setReady(ctx: AppContext, user: User, ready: boolean, requestId?: string) {
  if (!user.sipExtension) throw new Conflict('you have no phone extension: ask an admin for one');
  const before = await callTakerStatus(ctx, user);
  const result = await acdClientOf(ctx).command({ cmd: 'set-ready', extension: user.sipExtension, ready });
  if (!result.ok) throw new Unavailable(`call control refused: ${result.reason}`);
  const after = await callTakerStatus(ctx, user);
  await appendAudit(ctx.db, {
    actor: { id: user.id, name: user.username },
    action: ready ? 'calltaker.ready' : 'calltaker.not-ready',
    targetType: 'user',
    targetId: user.id,
    before,
    after,
    requestId,
  });
  return after;
}

/**
 * Call control reports a call-taker's new state: consoles get it; a change the ACD made itself (no answer,
 * busy, phone unregistered) is also audited.
 */
export async function publishCallTakerEvent(ctx: AppContext, e: CallTakerEvent): Promise<void> {
  const found = await repo.findUserByExtension(ctx.db, e.extension);
  if (!found) return;
  const callIds = await repo.callIdsBySipId(ctx.db, e.sipCallId ? [e.sipCallId] : []);
  const callTaker: CallTakerStatus = {
    userId: found.user.id,
    username: found.user.username,
    sipExtension: e.extension,
    state: e.state,
    since: e.at,
    callId: (e.sipCallId && callIds.get(e.sipCallId)) || null,
    reason: e.reason,
  };
  if (e.reason)
    await appendAudit(ctx.db, {
      actor: TELEPHONY_ACTOR,
      action: `calltaker.${e.state}`,
      targetType: 'user',
      targetId: found.user.id,
      after: callTaker,
    });
  await ctx.events.publish({ type: 'calltaker.updated', callTaker });
}
