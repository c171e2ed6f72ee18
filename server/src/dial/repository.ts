// The only SQL of call legs: a console's calls out, each linked to the call it belongs to.
import type { CallLeg } from '@hcm112/shared';
import type { Selectable, Updateable } from 'kysely';
import type { Db } from '../db/database.ts';
import type { CallLegsTable } from '../db/schema.ts';

type Row = Selectable<CallLegsTable>;
const iso = (d: Date | null) => d?.toISOString() ?? null;

function toLeg(r: Row): CallLeg {
  return {
    id: r.id,
    callId: r.call_id,
    kind: r.kind as CallLeg['kind'],
    destinationKey: r.destination_key,
    destinationLabel: r.destination_label,
    targetUri: r.target_uri,
    sipCallId: r.sip_call_id,
    state: r.state as CallLeg['state'],
    failureReason: r.failure_reason,
    createdBy: r.created_by,
    createdAt: r.created_at.toISOString(),
    answeredAt: iso(r.answered_at),
    joinedAt: iso(r.joined_at),
    endedAt: iso(r.ended_at),
  };
}

export async function insertLeg(
  db: Db,
  leg: Pick<CallLeg, 'callId' | 'kind' | 'destinationKey' | 'destinationLabel' | 'targetUri' | 'createdBy'>,
): Promise<CallLeg> {
  const row = await db
    .insertInto('call_legs')
    .values({
      call_id: leg.callId,
      kind: leg.kind,
      destination_key: leg.destinationKey,
      destination_label: leg.destinationLabel,
      target_uri: leg.targetUri,
      state: 'dialing',
      created_by: leg.createdBy,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toLeg(row);
}

export async function findLeg(db: Db, id: string, forUpdate = false): Promise<CallLeg | undefined> {
  let q = db.selectFrom('call_legs').selectAll().where('id', '=', id);
  if (forUpdate) q = q.forUpdate();
  const row = await q.executeTakeFirst();
  return row && toLeg(row);
}

export async function updateLeg(db: Db, id: string, changes: Updateable<CallLegsTable>): Promise<CallLeg> {
  const row = await db
    .updateTable('call_legs')
    .set({ ...changes, updated_at: new Date() })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
  return toLeg(row);
}

export async function legsOfCall(db: Db, callId: string): Promise<CallLeg[]> {
  const rows = await db
    .selectFrom('call_legs')
    .selectAll()
    .where('call_id', '=', callId)
    .orderBy('created_at')
    .execute();
  return rows.map(toLeg);
}
