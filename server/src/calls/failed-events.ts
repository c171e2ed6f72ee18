// Call events that failed every retry: parked in PostgreSQL instead of retried forever and only logged, counted
// on the wallboard and listed for supervisors until one marks each handled (audited).
import type { CallControlEvent, FailedCallEvent } from '@hcm112/shared';
import { type Actor, appendAudit } from '../audit/repository.ts';
import type { Db } from '../db/database.ts';
import { Conflict, NotFound } from '../errors.ts';

/**
 * Attempts (each after three quick retries in place) before an event is parked: the first from its stream, the rest
 * from the retry queue with back-off from 200 ms, about a minute in all instead of retrying without end.
 */
export const MAX_CALL_EVENT_ATTEMPTS = 10;

export async function parkFailedCallEvent(
  db: Db,
  event: CallControlEvent,
  error: unknown,
  attempts: number,
): Promise<void> {
  await db
    .insertInto('failed_call_events')
    .values({
      sip_call_id: event.type === 'calltaker' ? event.extension : event.sipCallId,
      event_type: event.type,
      event: JSON.stringify(event),
      error: (error instanceof Error ? error.message : String(error)).slice(0, 1000),
      attempts,
    })
    .execute();
}

export async function countUnhandled(db: Db): Promise<number> {
  const row = await db
    .selectFrom('failed_call_events')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('handled_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function listUnhandled(db: Db): Promise<FailedCallEvent[]> {
  const rows = await db
    .selectFrom('failed_call_events')
    .selectAll()
    .where('handled_at', 'is', null)
    .orderBy('failed_at')
    .limit(500)
    .execute();
  return rows.map((r) => ({
    id: Number(r.id),
    sipCallId: r.sip_call_id,
    eventType: r.event_type,
    event: r.event,
    error: r.error,
    attempts: r.attempts,
    failedAt: r.failed_at.toISOString(),
  }));
}

export async function markHandled(db: Db, id: number, note: string, actor: Actor, requestId?: string) {
  await db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('failed_call_events')
      .select(['handled_at', 'sip_call_id', 'event_type'])
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst();
    if (!row) throw new NotFound('failed call event');
    if (row.handled_at) throw new Conflict('already handled');
    await trx
      .updateTable('failed_call_events')
      .set({ handled_at: new Date(), handled_by: actor.id, note })
      .where('id', '=', id)
      .execute();
    await appendAudit(trx, {
      actor,
      action: 'call.failed-event-handled',
      targetType: 'failed-call-event',
      targetId: String(id),
      after: { sipCallId: row.sip_call_id, eventType: row.event_type, note },
      requestId,
    });
  });
}
