// A text session as a call: its row in calls (channel text, Call-ID `text-<session id>`), queued in the ACD and
// offered to the longest-idle ready call-taker like a call, accepted, declined or ended through call control.
// With no call control connected the session stays in the consoles' list and any call-taker may take it there
// (as a voice call rings the fallback phones then): its call row is kept by the server itself.
import {
  type AcdCommand,
  type Call,
  SERVICE_AGENCY,
  type ServiceNumber,
  type TextSession,
  textCallId,
  toE164,
  type User,
} from '@hcm112/shared';
import type { Kysely } from 'kysely';
import { acdClientOf } from '../calls/acd-client.ts';
import { findCall, insertCall, updateCallReturning } from '../calls/repository.ts';
import type { AppContext } from '../context.ts';
import type { Database } from '../db/schema.ts';
import { Conflict, Invalid } from '../errors.ts';

/** The number a call row and the caller's history know the citizen by: E.164 when it reads as one. */
function callerNumberOf(citizen: string): string {
  const user = citizen.replace(/^sips?:/, '').split('@')[0] ?? '';
  return (toE164(user) ?? user).slice(0, 64);
}

/** Records the session's call row (queued, or already overflowed) in the session's own transaction. */
export async function recordTextCall(
  trx: Kysely<Database>,
  s: { sessionId: string; citizen: string; dialed: string; at: Date },
): Promise<Call> {
  const call = await insertCall(trx, {
    sipCallId: textCallId(s.sessionId),
    callerNumber: callerNumberOf(s.citizen),
    callerIdentity: 'untrusted',
    callerPrivacy: false,
    dialedNumber: s.dialed.slice(0, 32),
    service: (s.dialed in SERVICE_AGENCY ? s.dialed : '112') as ServiceNumber,
    state: 'queued',
    arrivedAt: s.at,
    location: null,
    locationRaw: null,
    channel: 'text',
  });
  if (!call) throw new Error('text session recorded twice');
  await trx.updateTable('text_sessions').set({ call_id: call.id }).where('id', '=', s.sessionId).execute();
  return call;
}

/**
 * Queues the session in the ACD; false when no call control takes it (the session stays in the list, taken
 * by hand). `overflowTo`: where it goes after waiting QUEUE_TIMEOUT_MS ('' for none).
 */
export async function queueTextCall(ctx: AppContext, call: Call, overflowTo: string): Promise<boolean> {
  try {
    const result = await acdClientOf(ctx).command({
      cmd: 'queue-text',
      sipCallId: call.sipCallId,
      caller: call.callerNumber,
      overflowTo,
      arrivedAt: call.arrivedAt,
    });
    return result.ok;
  } catch (err) {
    ctx.log.warn(
      { module: 'text112', callId: call.id, err: String(err) },
      'text session not queued in the ACD',
    );
    return false;
  }
}

/** The session's call row, locked for the transaction. */
export async function lockTextCall(trx: Kysely<Database>, session: TextSession): Promise<Call | undefined> {
  return session.callId ? findCall(trx, session.callId, true) : undefined;
}

function extensionOf(user: User): string {
  if (!user.sipExtension) throw new Invalid('you have no phone extension: the ACD cannot offer you texts');
  return user.sipExtension;
}

/** Asks call control to accept, decline or end the session for this call-taker; 409 with its reason. */
export async function textCommand(
  ctx: AppContext,
  cmd: 'answer-text' | 'decline-text' | 'end-text',
  call: Call,
  user: User,
): Promise<void> {
  const command: AcdCommand = { cmd, sipCallId: call.sipCallId, extension: extensionOf(user) };
  const result = await acdClientOf(ctx).command(command);
  if (!result.ok) throw new Conflict(result.reason);
}

/**
 * Taken from the list while no call control offers texts: the call row becomes answered by this call-taker
 * (no ACD state to change: call control is away).
 */
export async function answerByHand(trx: Kysely<Database>, call: Call, user: User, at: Date): Promise<Call> {
  return updateCallReturning(trx, call.id, {
    state: 'answered',
    offered_at: at,
    answered_at: at,
    agent_user_id: user.id,
  });
}

/** Ended by the call-taker; used when call control has no record of it (taken by hand). */
export async function endByHand(trx: Kysely<Database>, call: Call, at: Date): Promise<Call> {
  return updateCallReturning(trx, call.id, { state: 'ended', ended_at: at, ended_by: 'call-taker' });
}

/** Overflowed (no call-taker, or waited too long): the row is done here, the other centre has it. */
export async function overflowTextCall(
  trx: Kysely<Database>,
  callId: string,
  to: string,
  reason: string,
  at: Date,
): Promise<Call> {
  return updateCallReturning(trx, callId, {
    state: 'ended',
    ended_at: at,
    ended_by: 'system',
    overflow_to: to,
    overflow_reason: reason,
    agent_user_id: null,
  });
}
