// Records call events from call control into PostgreSQL, in order, and pushes each call to consoles.
import { type CallEvent, SERVICE_AGENCY, type ServiceNumber } from '@hcm112/shared';
import type { Updateable } from 'kysely';
import { appendAudit } from '../audit/repository.ts';
import type { AppContext } from '../context.ts';
import type { CallsTable } from '../db/schema.ts';
import { findCallBySipId, insertCall, updateCallBySipId, userIdOfExtension } from './repository.ts';

export const TELEPHONY_ACTOR = Object.freeze({ id: null, name: 'telephony' });

/** Thrown when an event comes before the call it belongs to is recorded; the job is retried. */
export class CallNotYetRecorded extends Error {}

export async function recordCallEvent(ctx: AppContext, e: CallEvent): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    if (e.type === 'arrived' || e.type === 'fallback') {
      const service = (e.dialedNumber in SERVICE_AGENCY ? e.dialedNumber : '112') as ServiceNumber;
      const inserted = await insertCall(trx, {
        sipCallId: e.sipCallId,
        callerNumber: e.callerNumber,
        dialedNumber: e.dialedNumber,
        service,
        state: e.type === 'fallback' ? 'fallback' : 'queued',
        arrivedAt: new Date(e.at),
        location: e.location,
        locationRaw: e.locationRaw,
      });
      if (inserted)
        await appendAudit(trx, {
          actor: TELEPHONY_ACTOR,
          action: `call.${e.type}`,
          targetType: 'call',
          targetId: inserted,
          after: e,
        });
      return;
    }
    const existing = await findCallBySipId(trx, e.sipCallId, true);
    if (!existing) throw new CallNotYetRecorded(e.sipCallId);
    const agent = 'extension' in e && e.extension ? await userIdOfExtension(trx, e.extension) : undefined;
    await updateCallBySipId(trx, e.sipCallId, changesOf(e, agent));
    await appendAudit(trx, {
      actor: TELEPHONY_ACTOR,
      action: `call.${e.type}`,
      targetType: 'call',
      targetId: existing.id,
      before: { state: existing.state, agentUserId: existing.agentUserId },
      after: e,
    });
  });
  const call = await findCallBySipId(ctx.db, e.sipCallId);
  if (call) await ctx.events.publish({ type: 'call.updated', call });
}

/** The columns an event after the arrival changes. */
function changesOf(
  e: Exclude<CallEvent, { type: 'arrived' | 'fallback' }>,
  agentUserId: string | undefined,
): Updateable<CallsTable> {
  const at = new Date(e.at);
  switch (e.type) {
    case 'offered':
      return { state: 'ringing-agent', offered_at: at, agent_user_id: agentUserId ?? null };
    case 'requeued':
      return { state: 'queued' };
    case 'overflowed':
      return { state: 'fallback' };
    case 'answered':
      return { state: 'answered', answered_at: at, ...(agentUserId && { agent_user_id: agentUserId }) };
    case 'abandoned':
      return { state: 'abandoned', ended_at: at, ended_by: e.reason === 'caller' ? 'caller' : 'system' };
    case 'ended':
      return { state: 'ended', ended_at: at, ended_by: e.endedBy };
  }
}
