// Records call events from call control into PostgreSQL, in order, and pushes each call to consoles.
import { type CallEvent, SERVICE_AGENCY, type ServiceNumber } from '@hcm112/shared';
import { appendAudit } from '../audit/repository.ts';
import type { AppContext } from '../context.ts';
import { findCallBySipId, insertCall, updateCallBySipId, userIdOfExtension } from './repository.ts';

const TELEPHONY = { id: null, name: 'telephony' };

/** Thrown when an event comes before the call it belongs to is recorded; the job is retried. */
export class CallNotYetRecorded extends Error {}

export async function recordCallEvent(ctx: AppContext, e: CallEvent): Promise<void> {
  const at = new Date(e.at);
  await ctx.db.transaction().execute(async (trx) => {
    if (e.type === 'arrived' || e.type === 'fallback') {
      const service = (e.dialedNumber in SERVICE_AGENCY ? e.dialedNumber : '112') as ServiceNumber;
      const inserted = await insertCall(trx, {
        sipCallId: e.sipCallId,
        callerNumber: e.callerNumber,
        dialedNumber: e.dialedNumber,
        service,
        state: e.type === 'fallback' ? 'fallback' : 'queued',
        arrivedAt: at,
        location: e.type === 'arrived' ? e.location : null,
        locationRaw: e.type === 'arrived' ? e.locationRaw : null,
      });
      if (inserted)
        await appendAudit(trx, {
          actor: TELEPHONY,
          action: `call.${e.type}`,
          targetType: 'call',
          targetId: inserted,
          after: e,
        });
      return;
    }
    const existing = await findCallBySipId(trx, e.sipCallId);
    if (!existing) throw new CallNotYetRecorded(e.sipCallId);
    const agent = 'extension' in e && e.extension ? await userIdOfExtension(trx, e.extension) : undefined;
    switch (e.type) {
      case 'offered':
        await updateCallBySipId(trx, e.sipCallId, {
          state: 'ringing-agent',
          offered_at: at,
          agent_user_id: agent ?? null,
        });
        break;
      case 'requeued':
        await updateCallBySipId(trx, e.sipCallId, { state: 'queued' });
        break;
      case 'answered':
        await updateCallBySipId(trx, e.sipCallId, {
          state: 'answered',
          answered_at: at,
          ...(agent && { agent_user_id: agent }),
        });
        break;
      case 'abandoned':
        await updateCallBySipId(trx, e.sipCallId, { state: 'abandoned', ended_at: at, ended_by: 'caller' });
        break;
      case 'ended':
        await updateCallBySipId(trx, e.sipCallId, { state: 'ended', ended_at: at, ended_by: e.endedBy });
        break;
    }
    await appendAudit(trx, {
      actor: TELEPHONY,
      action: `call.${e.type}`,
      targetType: 'call',
      targetId: existing.id,
      after: e,
    });
  });
  const call = await findCallBySipId(ctx.db, e.sipCallId);
  if (call) await ctx.events.publish({ type: 'call.updated', call });
}
