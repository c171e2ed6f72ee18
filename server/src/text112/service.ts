// The rules of text to 112: a session starts (web chat or a SIP sender's first MESSAGE), waits in the queue,
// is taken by one call-taker who converses in it, may be linked to an incident (its transcript goes with it),
// and is closed. With no call-taker logged in, a SIP session goes to the overflow destination and a web chat
// stays queued with the citizen told. Every message is audited and pushed to consoles and the citizen.
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
import type { AppContext } from '../context.ts';
import { Conflict, Forbidden, NotFound, Unauthenticated } from '../errors.ts';
import { changeIncident } from '../incidents/service.ts';
import * as incidentsRepo from '../incidents/repository.ts';
import { publishToCitizen } from './citizen-channel.ts';
import * as repo from './repository.ts';
import { WindowLimit } from './rate-limit.ts';

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
  const id = await ctx.db.transaction().execute(async (trx) => {
    const sessionId = await repo.insertSession(trx, {
      channel: 'web',
      citizen: input.citizen,
      dialed: '112',
      language: input.language,
      tokenHash: hashToken(token),
      source: ip,
      state: 'queued',
      overflowTo: null,
    });
    await appendAudit(trx, {
      actor: CITIZEN_WEB,
      action: 'text.session-start',
      targetType: 'text-session',
      targetId: sessionId,
      after: { channel: 'web', source: ip },
      requestId,
    });
    return sessionId;
  });
  const session = await publishSession(ctx, id);
  await addMessage(ctx, session, { sender: 'citizen', actor: CITIZEN_WEB }, input.text, requestId);
  if (!(await callTakerLoggedIn(ctx)))
    await addMessage(ctx, session, { sender: 'system', actor: CITIZEN_WEB }, NO_CALL_TAKER_NOTICE, requestId);
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
  let session = (await repo.openSipSession(ctx.db, text.from)) ?? (await startSipSession(ctx, text));
  await addMessage(ctx, session, { sender: 'citizen', actor: CITIZEN_SIP }, text.body.trim() || '(empty)');
  if (session.state === 'queued' && text.overflowTo && !(await callTakerLoggedIn(ctx))) {
    await repo.updateSession(ctx.db, session.id, { state: 'overflowed', overflow_to: text.overflowTo });
    await appendAudit(ctx.db, {
      actor: CITIZEN_SIP,
      action: 'text.overflow',
      targetType: 'text-session',
      targetId: session.id,
      after: { to: text.overflowTo, reason: 'no-call-taker' },
    });
    session = await publishSession(ctx, session.id);
  }
  if (session.state === 'overflowed' && session.overflowTo) {
    // Recorded already: a failed forward is logged, never retried into a second copy of the message.
    const forward = { cmd: 'send-text', to: session.overflowTo, from: text.from, body: text.body } as const;
    await acdClientOf(ctx)
      .command(forward)
      .catch((err: unknown) =>
        ctx.log.error({ err, sessionId: session.id }, 'text not forwarded to overflow'),
      );
  }
  return session;
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
    });
    await appendAudit(trx, {
      actor: CITIZEN_SIP,
      action: 'text.session-start',
      targetType: 'text-session',
      targetId: sessionId,
      after: { channel: 'sip', source: text.source, sipCallId: text.sipCallId },
    });
    return sessionId;
  });
  return publishSession(ctx, id);
}

/** A call-taker takes a queued session: it is theirs alone from now on. */
export async function takeSession(ctx: AppContext, user: User, id: string, requestId?: string) {
  await ctx.db.transaction().execute(async (trx) => {
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
      requestId,
    });
  });
  return publishSession(ctx, id);
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

export async function closeSession(ctx: AppContext, user: User, id: string, requestId?: string) {
  await ownSession(ctx, user, id);
  await ctx.db.transaction().execute(async (trx) => {
    await repo.updateSession(trx, id, { state: 'closed', closed_at: ctx.clock() });
    await appendAudit(trx, {
      actor: { id: user.id, name: user.username },
      action: 'text.close',
      targetType: 'text-session',
      targetId: id,
      requestId,
    });
  });
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
