// AML messages in PostgreSQL: the only SQL touching aml_messages, and the look-up of the call a message joins.
import { type AmlDevice, type AmlMessageRecord, AmlOutcome, toE164 } from '@hcm112/shared';
import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/schema.ts';

/** A call arrived at most this long before the window opened is too old to be the one a message is about. */
const LONGEST_CALL_MS = 3_600_000;

/**
 * The newest call of one of `numbers` that is live, or ended at or after `since`: the call a handset's message
 * is about. A call that ended earlier is over for this message, which is then kept unjoined.
 */
export async function callOfNumber(
  db: Kysely<Database>,
  numbers: string[],
  since: Date,
): Promise<string | null> {
  const row = await db
    .selectFrom('calls')
    .select('id')
    .where('caller_number', 'in', numbers)
    .where(sql<boolean>`(ended_at IS NULL OR ended_at >= ${since})`)
    .where('arrived_at', '>=', new Date(since.getTime() - LONGEST_CALL_MS))
    .orderBy('arrived_at', 'desc')
    .executeTakeFirst();
  return row?.id ?? null;
}

export interface NewAmlMessage {
  sender: string;
  deviceNumber: string | null;
  outcome: AmlOutcome;
  problem: string | null;
  callId: string | null;
  device: AmlDevice;
  contentType: string;
  raw: string;
}

export async function insertAmlMessage(db: Kysely<Database>, m: NewAmlMessage): Promise<number> {
  const row = await db
    .insertInto('aml_messages')
    .values({
      sender: m.sender,
      device_number: m.deviceNumber,
      outcome: m.outcome,
      problem: m.problem?.slice(0, 300) ?? null,
      call_id: m.callId,
      device: JSON.stringify(m.device),
      content_type: m.contentType,
      raw: m.raw,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

export async function listAmlMessages(
  db: Kysely<Database>,
  filter: { number?: string; outcome?: AmlOutcome; limit: number },
): Promise<AmlMessageRecord[]> {
  let q = db
    .selectFrom('aml_messages')
    .select(['id', 'sender', 'received_at', 'device_number', 'outcome', 'problem', 'call_id', 'device'])
    .orderBy('received_at', 'desc')
    .orderBy('id', 'desc')
    .limit(filter.limit);
  if (filter.number) {
    const numbers = [...new Set([filter.number, toE164(filter.number) ?? filter.number])];
    q = q.where('device_number', 'in', numbers);
  }
  if (filter.outcome) q = q.where('outcome', '=', filter.outcome);
  const rows = await q.execute();
  return rows.map((r) => ({
    messageId: Number(r.id),
    sender: r.sender,
    receivedAt: r.received_at.toISOString(),
    deviceNumber: r.device_number,
    outcome: AmlOutcome.parse(r.outcome),
    problem: r.problem,
    callId: r.call_id,
    device: r.device as AmlDevice,
  }));
}
