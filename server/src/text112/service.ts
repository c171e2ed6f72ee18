// The rules of text to 112: a session starts (web chat or a SIP sender's first MESSAGE) with its call row, is
// queued in the ACD and offered to one call-taker like a call (text-calls.ts), who accepts or declines it,
// converses in it, may link it to an incident (its transcript goes with it), and ends it. With no call-taker
// logged in, a SIP session goes to the overflow destination and a web chat stays queued with the citizen told;
// a SIP session that waits QUEUE_TIMEOUT_MS overflows too (text-call-events.ts). Every message is audited and
// pushed to consoles and the citizen.
import { randomBytes } from 'node:crypto';
import {
  acdKeys,
  type SipTextIn,
  type StartTextSessionRequest,
  type TextMessage,
  type TextSender,
  type TextSession,
  type User,
} from '@hcm112/shared';
import { type Actor, appendAudit } from '../audit/repository.ts';
import { hashToken } from '../auth/service.ts';
import { acdClientOf } from '../calls/acd-client.ts';
import { loadCall } from '../calls/service.ts';
import type { AppContext } from '../context.ts';
import { Conflict, Forbidden, NotFound, Unauthenticated } from '../errors.ts';
import { changeIncident } from '../incidents/service.ts';
import * as incidentsRepo from '../incidents/repository.ts';
import { publishToCitizen } from './citizen-channel.ts';
import * as repo from './repository.ts';
import { WindowLimit } from './rate-limit.ts';
import {
  answerByHand,
  endByHand,
  lockTextCall,
  overflowTextCall,
  queueTextCall,
  recordTextCall,
  textCommand,
} from './text-calls.ts';

const CITIZEN_WEB: Actor = Object.freeze({ id: null, name: 'citizen (web chat)' });
const CITIZEN_SIP: Actor = Object.freeze({ id: null, name: 'citizen (SIP MESSAGE)' });

/** What the citizen is told when nobody can read their message yet (web chat; SIP sessions overflow). */
export const NO_CALL_TAKER_NOTICE =
  'Chưa có tổng đài viên trực. Tin nhắn của bạn vẫn được giữ trong hàng đợi; nếu có thể, hãy gọi 112. / ' +
  'No call-taker is available yet. Your message stays in the queue; if you can, call 112.';

function limiter(ctx: AppContext): WindowLimit {
  return new WindowLimit(ctx.redis, ctx.config.REDIS_PREFIX);
}

/** Whether any call-taker's console answers its heartbeat now (the ACD's `consoles` set, by Redis's clock). */
export async function callTakerLoggedIn(ctx: AppContext): Promise<boolean> {
  const [seconds, micros] = await ctx.redis.time();
  const nowMs = Number(seconds) * 1000 + Math.floor(Number(micros) / 1000);
  const present = await ctx.redis.zcount(acdKeys(ctx.config.REDIS_PREFIX).consoles, nowMs, '+inf');
  return present > 0;
}

async function publishSession(ctx: AppContext, id: string): Promise<TextSession> {
  const session = await repo.findSession(ctx.db, id);
  if (!session) throw new NotFound('text session');
  await ctx.events.publish({ type: 'text.session', session });
  await publishToCitizen(ctx, id, { type: 'state', state: session.state });
  return session;
}

async function addMessage(
  ctx: AppContext,
  session: TextSession,
  from: { sender: TextSender; actor: Actor },
  text: string,
  requestId?: string,
): Promise<TextMessage> {
  const message = await ctx.db.transaction().execute(async (trx) => {
    const m = await repo.insertMessage(trx, {
      sessionId: session.id,
      sender: from.sender,
      senderId: from.actor.id,
      senderName: from.sender === 'call-taker' ? from.actor.name : null,
      text,
    });
    await appendAudit(trx, {
      actor: from.actor,
      action: 'text.message',
      targetType: 'text-session',
      targetId: session.id,
      after: { messageId: m.id, sender: from.sender, chars: text.length, channel: session.channel },
      requestId,
    });
    return m;
  });
  await ctx.events.publish({ type: 'text.message', message });
  await publishToCitizen(ctx, session.id, { type: 'message', message });
  return message;
}

/** A citizen opens the web chat: the session, its bearer token (shown once), and their first message. */
export async function startWebSession(
  ctx: AppContext,
  input: StartTextSessionRequest,
  ip: string,
  requestId?: string,
): Promise<{ session: TextSession; token: string }> {
  await limiter(ctx).take(
    `start:${ip}`,
    ctx.config.TEXT112_SESSIONS_PER_IP,
    600,
    'too many chats started from this address; wait a few minutes or call 112',
  );
  const token = randomBytes(32).toString('base64url');
  const { id, call } = await ctx.db.transaction().execute(async (trx) => {
    const sessionId = await repo.insertSession(trx, {
      channel: 'web',
      citizen: input.citizen,
      dialed: '112',
      language: input.language,
      tokenHash: hashToken(token),
      source: ip,
      state: 'queued',
      overflowTo: null,
      plannedOverflowTo: null,
    });
    await appendAudit(trx, {
      actor: CITIZEN_WEB,
      action: 'text.session-start',
      targetType: 'text-session',
      targetId: sessionId,
      after: { channel: 'web', source: ip },
      requestId,
    });
    const at = ctx.clock();
    return { id: sessionId, call: await recordTextCall(trx, { sessionId, ...input, dialed: '112', at }) };
  });
  const session = await publishSession(ctx, id);
  await ctx.events.publish({ type: 'call.updated', call });
  await addMessage(ctx, session, { sender: 'citizen', actor: CITIZEN_WEB }, input.text, requestId);
  if (!(await callTakerLoggedIn(ctx)))
    await addMessage(ctx, session, { sender: 'system', actor: CITIZEN_WEB }, NO_CALL_TAKER_NOTICE, requestId);
  // A web chat has no SIP destination to overflow to: it stays queued until a call-taker takes it.
  await queueTextCall(ctx, call, '');
  return { session, token };
}

/** The web chat's token proves the citizen holds this session. */
export async function citizenSession(
  ctx: AppContext,
  id: string,
  token: string | undefined,
): Promise<TextSession> {
  const stored = await repo.sessionTokenHash(ctx.db, id);
  if (stored === undefined) throw new NotFound('text session');
  if (!token || !stored || hashToken(token) !== stored) throw new Unauthenticated('not your chat session');
  return (await repo.findSession(ctx.db, id))!;
}

export async function citizenSend(
  ctx: AppContext,
  session: TextSession,
  text: string,
  requestId?: string,
): Promise<TextMessage> {
  if (session.state === 'closed') throw new Conflict('this chat has ended; start a new one');
  await limiter(ctx).take(
    `msg:${session.id}`,
    ctx.config.TEXT112_MESSAGES_PER_10S,
    10,
    'too many messages too fast; wait a few seconds and send again',
  );
  return addMessage(ctx, session, { sender: 'citizen', actor: CITIZEN_WEB }, text, requestId);
}

/**
 * A SIP MESSAGE to an emergency number: continues the sender's open session or starts one. With no call-taker
 * logged in and an overflow destination, the session overflows: this and later messages are forwarded there.
 */
export async function receiveSipText(ctx: AppContext, text: SipTextIn): Promise<TextSession> {
  const open = await repo.openSipSession(ctx.db, text.from);
  let session = open ?? (await startSipSession(ctx, text));
  await addMessage(ctx, session, { sender: 'citizen', actor: CITIZEN_SIP }, text.body.trim() || '(empty)');
  if (!open) {
    // Decided at its arrival, as for a call: nobody logged in sends it to the overflow destination now.
    if (text.overflowTo && !(await callTakerLoggedIn(ctx)))
      session = await overflowSession(ctx, session, text.overflowTo, 'no-call-taker');
    else {
      const call = session.callId ? await loadCall(ctx, session.callId) : undefined;
      if (call) await queueTextCall(ctx, call, text.overflowTo);
    }
  }
  if (session.state === 'overflowed' && session.overflowTo) await forward(ctx, session, text.from, text.body);
  return session;
}

/** A message sent on to the overflow destination: recorded already, so a failure is logged, never retried. */
async function forward(ctx: AppContext, session: TextSession, from: string, body: string): Promise<void> {
  if (!session.overflowTo) return;
  const command = { cmd: 'send-text', to: session.overflowTo, from, body } as const;
  await acdClientOf(ctx)
    .command(command)
    .catch((err: unknown) => ctx.log.error({ err, sessionId: session.id }, 'text not forwarded to overflow'));
}

/**
 * The session goes to the overflow destination (no call-taker logged in, or it waited too long): its call row
 * is recorded overflowed; later MESSAGEs of the sender are forwarded there.
 */
export async function overflowSession(
  ctx: AppContext,
  session: TextSession,
  to: string,
  reason: 'no-call-taker' | 'waited',
): Promise<TextSession> {
  const call = await ctx.db.transaction().execute(async (trx) => {
    await repo.updateSession(trx, session.id, { state: 'overflowed', overflow_to: to });
    await appendAudit(trx, {
      actor: CITIZEN_SIP,
      action: 'text.overflow',
      targetType: 'text-session',
      targetId: session.id,
      after: { to, reason },
    });
    return session.callId ? overflowTextCall(trx, session.callId, to, reason, ctx.clock()) : null;
  });
  if (call) await ctx.events.publish({ type: 'call.updated', call });
  return publishSession(ctx, session.id);
}

/** A session that waited too long: what the citizen wrote so far goes to the destination in one MESSAGE. */
export async function overflowWaitedSession(
  ctx: AppContext,
  session: TextSession,
  to: string,
): Promise<void> {
  if (session.state !== 'queued' || session.channel !== 'sip') return;
  const overflowed = await overflowSession(ctx, session, to, 'waited');
  const written = (await repo.messagesOf(ctx.db, session.id)).filter((m) => m.sender === 'citizen');
  await forward(ctx, overflowed, session.citizen, written.map((m) => m.text).join('\n'));
}

async function startSipSession(ctx: AppContext, text: SipTextIn): Promise<TextSession> {
  const id = await ctx.db.transaction().execute(async (trx) => {
    const sessionId = await repo.insertSession(trx, {
      channel: 'sip',
      citizen: text.from,
      dialed: text.dialed,
      language: 'vi',
      tokenHash: null,
      source: text.source,
      state: 'queued',
      overflowTo: null,
      plannedOverflowTo: text.overflowTo || null,
    });
    await appendAudit(trx, {
      actor: CITIZEN_SIP,
      action: 'text.session-start',
      targetType: 'text-session',
      targetId: sessionId,
      after: { channel: 'sip', source: text.source, sipCallId: text.sipCallId },
    });
    await recordTextCall(trx, { sessionId, citizen: text.from, dialed: text.dialed, at: ctx.clock() });
    return sessionId;
  });
  const session = await publishSession(ctx, id);
  if (session.callId)
    await ctx.events.publish({ type: 'call.updated', call: await loadCall(ctx, session.callId) });
  return session;
}

/**
 * A call-taker accepts the session offered to them (call control marks them on a call); while no call control
 * offers texts, any call-taker takes a queued one from the list. It is theirs alone from now on.
 */
export async function takeSession(ctx: AppContext, user: User, id: string, requestId?: string) {
  const before = await repo.findSession(ctx.db, id);
  if (!before) throw new NotFound('text session');
  if (before.state !== 'queued')
    throw new Conflict(`the text session is ${before.state}`, { callTakerId: before.callTakerId });
  const call = before.callId ? await loadCall(ctx, before.callId) : undefined;
  const offered = call?.state === 'ringing-agent';
  if (offered && call.agentUserId !== user.id)
    throw new Conflict('the text session is offered to another call-taker');
  if (!offered && call && (await acdClientOf(ctx).controller()))
    throw new Conflict('texts are offered by the ACD: this one will be offered to a ready call-taker');
  if (offered) await textCommand(ctx, 'answer-text', call, user);
  const answered = await ctx.db.transaction().execute(async (trx) => {
    const session = await repo.lockSession(trx, id);
    if (!session) throw new NotFound('text session');
    if (session.state !== 'queued')
      throw new Conflict(`the text session is ${session.state}`, { callTakerId: session.callTakerId });
    await repo.updateSession(trx, id, { state: 'active', taken_at: ctx.clock(), call_taker_id: user.id });
    await appendAudit(trx, {
      actor: { id: user.id, name: user.username },
      action: 'text.take',
      targetType: 'text-session',
      targetId: id,
      after: { offered },
      requestId,
    });
    const row = await lockTextCall(trx, session);
    return row && !offered ? answerByHand(trx, row, user, ctx.clock()) : null;
  });
  if (answered) await ctx.events.publish({ type: 'call.updated', call: answered });
  return publishSession(ctx, id);
}

/** The call-taker declines the session offered to them: call control offers it to the next one. */
export async function declineSession(ctx: AppContext, user: User, id: string, requestId?: string) {
  const session = await repo.findSession(ctx.db, id);
  if (!session) throw new NotFound('text session');
  const call = session.callId ? await loadCall(ctx, session.callId) : undefined;
  if (session.state !== 'queued' || call?.state !== 'ringing-agent' || call.agentUserId !== user.id)
    throw new Conflict('the text session is not offered to you');
  await textCommand(ctx, 'decline-text', call, user);
  await appendAudit(ctx.db, {
    actor: { id: user.id, name: user.username },
    action: 'text.decline',
    targetType: 'text-session',
    targetId: id,
    requestId,
  });
  return session;
}

async function ownSession(ctx: AppContext, user: User, id: string): Promise<TextSession> {
  const session = await repo.findSession(ctx.db, id);
  if (!session) throw new NotFound('text session');
  if (session.state !== 'active') throw new Conflict(`the text session is ${session.state}`);
  if (session.callTakerId !== user.id) throw new Forbidden('another call-taker has this text session');
  return session;
}

/** The call-taker's reply: to the chat page, or as a SIP MESSAGE from the number dialled to the sender. */
export async function callTakerReply(
  ctx: AppContext,
  user: User,
  id: string,
  text: string,
  requestId?: string,
) {
  const session = await ownSession(ctx, user, id);
  if (session.channel === 'sip')
    await acdClientOf(ctx).command({
      cmd: 'send-text',
      to: session.citizen,
      from: session.dialed,
      body: text,
    });
  return addMessage(
    ctx,
    session,
    { sender: 'call-taker', actor: { id: user.id, name: user.displayName } },
    text,
    requestId,
  );
}

/** Ends the session; its call ends through call control (wrap-up follows), or here if it was taken by hand. */
export async function closeSession(ctx: AppContext, user: User, id: string, requestId?: string) {
  const session = await ownSession(ctx, user, id);
  const call = session.callId ? await loadCall(ctx, session.callId) : undefined;
  const viaAcd =
    call?.state === 'answered' &&
    (await textCommand(ctx, 'end-text', call, user).then(
      () => true,
      () => false,
    ));
  const ended = await ctx.db.transaction().execute(async (trx) => {
    await repo.updateSession(trx, id, { state: 'closed', closed_at: ctx.clock() });
    await appendAudit(trx, {
      actor: { id: user.id, name: user.username },
      action: 'text.close',
      targetType: 'text-session',
      targetId: id,
      requestId,
    });
    const row = viaAcd ? undefined : await lockTextCall(trx, session);
    return row && row.state === 'answered' ? endByHand(trx, row, ctx.clock()) : null;
  });
  if (ended) await ctx.events.publish({ type: 'call.updated', call: ended });
  return publishSession(ctx, id);
}

/** Links the session to an incident; the transcript so far becomes one of the incident's notes. */
export async function linkIncident(
  ctx: AppContext,
  user: User,
  id: string,
  incidentId: string,
  requestId?: string,
) {
  const session = await ownSession(ctx, user, id);
  const actor = { id: user.id, name: user.username };
  await changeIncident(
    ctx,
    actor,
    incidentId,
    'incident.link-text',
    async (trx, _before, now) => {
      await repo.updateSession(trx, id, { incident_id: incidentId });
      const lines = (await repo.messagesOf(trx, id)).map(
        (m) =>
          `[${m.at.slice(11, 19)}] ${m.sender === 'call-taker' ? (m.senderName ?? 'call-taker') : m.sender}: ${m.text}`,
      );
      await incidentsRepo.insertNote(trx, {
        incidentId,
        authorId: user.id,
        authorName: user.username,
        kind: 'note',
        text: `Text 112 (${session.channel}, ${session.citizen || 'no name'}):\n${lines.join('\n')}`,
        at: now,
      });
    },
    requestId,
  );
  return publishSession(ctx, id);
}

export async function sessionWithMessages(ctx: AppContext, id: string) {
  const session = await repo.findSession(ctx.db, id);
  if (!session) throw new NotFound('text session');
  return { session, messages: await repo.messagesOf(ctx.db, id) };
}
