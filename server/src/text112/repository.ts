// The only SQL of text to 112: sessions and their messages.
import type { TextMessage, TextSender, TextSession, TextSessionState } from '@hcm112/shared';
import type { Kysely, Selectable } from 'kysely';
import type { Database, TextMessagesTable, TextSessionsTable } from '../db/schema.ts';

type Db = Kysely<Database>;

export interface NewTextSession {
  channel: TextSession['channel'];
  citizen: string;
  dialed: string;
  language: TextSession['language'];
  tokenHash: string | null;
  source: string;
  state: TextSessionState;
  overflowTo: string | null;
  /** Where a SIP session goes if it waits too long (named at its arrival); null for none. */
  plannedOverflowTo: string | null;
}

function sessionColumns(db: Db) {
  return db
    .selectFrom('text_sessions as s')
    .leftJoin('users as u', 'u.id', 's.call_taker_id')
    .selectAll('s')
    .select('u.display_name as call_taker_name');
}

type SessionRow = Selectable<TextSessionsTable> & { call_taker_name: string | null };

function toSession(r: SessionRow): TextSession {
  return {
    id: r.id,
    channel: r.channel as TextSession['channel'],
    citizen: r.citizen,
    dialed: r.dialed,
    state: r.state as TextSessionState,
    language: r.language === 'en' ? 'en' : 'vi',
    startedAt: r.started_at.toISOString(),
    takenAt: r.taken_at?.toISOString() ?? null,
    closedAt: r.closed_at?.toISOString() ?? null,
    callTakerId: r.call_taker_id,
    callTakerName: r.call_taker_name,
    incidentId: r.incident_id,
    overflowTo: r.overflow_to,
    callId: r.call_id,
    lastMessageAt: r.last_message_at.toISOString(),
  };
}

function toMessage(r: Selectable<TextMessagesTable>): TextMessage {
  return {
    id: Number(r.id),
    sessionId: r.session_id,
    sender: r.sender as TextSender,
    senderName: r.sender_name,
    text: r.text,
    at: r.at.toISOString(),
  };
}

export async function insertSession(db: Db, s: NewTextSession): Promise<string> {
  const row = await db
    .insertInto('text_sessions')
    .values({
      channel: s.channel,
      citizen: s.citizen,
      dialed: s.dialed,
      language: s.language,
      token_hash: s.tokenHash,
      source: s.source,
      state: s.state,
      overflow_to: s.overflowTo,
      planned_overflow_to: s.plannedOverflowTo,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function findSession(db: Db, id: string): Promise<TextSession | undefined> {
  const row = await sessionColumns(db).where('s.id', '=', id).executeTakeFirst();
  return row ? toSession(row) : undefined;
}

/** The session with the row locked for the rest of the transaction. */
export async function lockSession(db: Db, id: string): Promise<TextSession | undefined> {
  await db.selectFrom('text_sessions').select('id').where('id', '=', id).forUpdate().executeTakeFirst();
  return findSession(db, id);
}

/** The session whose call row this is. */
export async function sessionOfCall(db: Db, callId: string): Promise<TextSession | undefined> {
  const row = await sessionColumns(db).where('s.call_id', '=', callId).executeTakeFirst();
  return row ? toSession(row) : undefined;
}

export async function sessionTokenHash(db: Db, id: string): Promise<string | null | undefined> {
  const row = await db
    .selectFrom('text_sessions')
    .select('token_hash')
    .where('id', '=', id)
    .executeTakeFirst();
  return row?.token_hash;
}

/** The open SIP session of this sender (From URI), if any. */
export async function openSipSession(db: Db, from: string): Promise<TextSession | undefined> {
  const row = await sessionColumns(db)
    .where('s.channel', '=', 'sip')
    .where('s.citizen', '=', from)
    .where('s.state', '<>', 'closed')
    .executeTakeFirst();
  return row ? toSession(row) : undefined;
}

export async function openSessions(db: Db): Promise<TextSession[]> {
  const rows = await sessionColumns(db).where('s.state', '<>', 'closed').orderBy('s.started_at').execute();
  return rows.map(toSession);
}

/** A session waiting for a call-taker, as the ACD queues it. */
export interface WaitingTextCall {
  sipCallId: string;
  callerNumber: string;
  arrivedAt: Date;
  plannedOverflowTo: string | null;
}

/** Sessions nobody took yet whose call row still waits (queued, or offered before call control left), oldest first. */
export async function waitingTextCalls(db: Db): Promise<WaitingTextCall[]> {
  return db
    .selectFrom('text_sessions as s')
    .innerJoin('calls as c', 'c.id', 's.call_id')
    .select([
      'c.sip_call_id as sipCallId',
      'c.caller_number as callerNumber',
      'c.arrived_at as arrivedAt',
      's.planned_overflow_to as plannedOverflowTo',
    ])
    .where('s.state', '=', 'queued')
    .where('s.call_taker_id', 'is', null)
    .where('c.state', 'in', ['queued', 'ringing-agent'])
    .orderBy('c.arrived_at')
    .orderBy('c.id')
    .execute();
}

/** Sessions a call-taker with a phone extension took from the list (active, their call row answered). */
export async function takenTextCalls(db: Db): Promise<Array<WaitingTextCall & { extension: string }>> {
  const rows = await db
    .selectFrom('text_sessions as s')
    .innerJoin('calls as c', 'c.id', 's.call_id')
    .innerJoin('users as u', 'u.id', 's.call_taker_id')
    .select([
      'c.sip_call_id as sipCallId',
      'c.caller_number as callerNumber',
      'c.arrived_at as arrivedAt',
      's.planned_overflow_to as plannedOverflowTo',
      'u.sip_extension as extension',
    ])
    .where('s.state', '=', 'active')
    .where('c.state', '=', 'answered')
    .where('u.sip_extension', 'is not', null)
    .orderBy('c.arrived_at')
    .execute();
  return rows.map((r) => ({ ...r, extension: r.extension as string }));
}

/** Of these text sessions' Call-IDs, those whose call row is over (ended, abandoned). */
export async function endedTextCalls(db: Db, sipCallIds: string[]): Promise<string[]> {
  if (sipCallIds.length === 0) return [];
  const rows = await db
    .selectFrom('calls')
    .select('sip_call_id')
    .where('channel', '=', 'text')
    .where('sip_call_id', 'in', sipCallIds)
    .where('state', 'in', ['ended', 'abandoned'])
    .execute();
  return rows.map((r) => r.sip_call_id);
}

export async function sessionsOfIncident(db: Db, incidentId: string): Promise<TextSession[]> {
  const rows = await sessionColumns(db)
    .where('s.incident_id', '=', incidentId)
    .orderBy('s.started_at')
    .execute();
  return rows.map(toSession);
}

export async function updateSession(
  db: Db,
  id: string,
  change: Partial<{
    state: TextSessionState;
    taken_at: Date;
    closed_at: Date;
    call_taker_id: string;
    incident_id: string;
    overflow_to: string;
  }>,
): Promise<void> {
  await db.updateTable('text_sessions').set(change).where('id', '=', id).execute();
}

export async function insertMessage(
  db: Db,
  m: {
    sessionId: string;
    sender: TextSender;
    senderId: string | null;
    senderName: string | null;
    text: string;
  },
): Promise<TextMessage> {
  const row = await db
    .insertInto('text_messages')
    .values({
      session_id: m.sessionId,
      sender: m.sender,
      sender_id: m.senderId,
      sender_name: m.senderName,
      text: m.text,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await db
    .updateTable('text_sessions')
    .set({ last_message_at: row.at })
    .where('id', '=', m.sessionId)
    .execute();
  return toMessage(row);
}

export async function messagesOf(db: Db, sessionId: string): Promise<TextMessage[]> {
  const rows = await db
    .selectFrom('text_messages')
    .selectAll()
    .where('session_id', '=', sessionId)
    .orderBy('id')
    .execute();
  return rows.map(toMessage);
}
