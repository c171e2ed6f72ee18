// Text sessions while call control is away, with real Kamailio, call control (killed like a crash and started
// again) and phones: chats that came meanwhile are queued when it is back, in arrival order, and none is offered
// twice; a session the call-taker ended meanwhile no longer holds them on a call: they wrap up, then get the next;
// one taken from the list meanwhile holds its call-taker on a call until they end it.
import type { Call, CallTakerStatus, TextSession } from '@hcm112/shared';
import { controllerInstance, startPhone, waitFor } from '@hcm112/telephony/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { findCall } from '../../src/calls/repository.ts';
import type { Client } from '../support/server.ts';
import { callTaker, telephonyActions } from '../calls/call-helpers.ts';
import { withCallStack } from '../calls/call-stack.ts';

const stack = withCallStack({ callControl: false, env: { TEXT112_SESSIONS_PER_IP: '50' } });
let supervisor: Client;

beforeAll(async () => {
  supervisor = await stack.loginAs('supervisor');
});

/** Offers stay with one call-taker for the whole test; wrap-up is long enough to be seen. */
const startControl = () => stack.startControl({ env: { RING_TIMEOUT_MS: '120000', WRAPUP_SECONDS: '60' } });

/** Call control crashes; the server sees it gone once its status lapses (LEADER_TTL_MS). */
async function killControl(control: { kill(): Promise<void> }): Promise<void> {
  await control.kill();
  const { redis, config } = stack.server.ctx;
  await waitFor(
    async () => ((await controllerInstance(redis, config.REDIS_PREFIX)) === undefined ? true : undefined),
    'the server to see call control gone',
  );
}

async function statusOf(client: Client): Promise<CallTakerStatus> {
  const res = await supervisor.fetch('/api/calltakers');
  const { callTakers } = (await res.json()) as { callTakers: CallTakerStatus[] };
  return callTakers.find((c) => c.userId === client.user.id)!;
}

/** A call-taker with a registered phone; ready unless `ready: false`. */
async function withPhone(extension: string, ready = true): Promise<Client> {
  await startPhone(stack.kamailio, extension);
  return callTaker(stack, extension, ready);
}

const post = (client: Client, path: string, json: unknown = {}) =>
  client.fetch(`/api${path}`, { method: 'POST', json });

async function startChat(text: string): Promise<TextSession> {
  const res = await fetch(`${stack.server.url}/api/text112/sessions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ text, citizen: '0901234600', language: 'vi' }),
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { session: TextSession }).session;
}

/** The session's call row once it is `state` (and, when given, with that call-taker). */
function textCall(session: TextSession, state: Call['state'], agentUserId?: string): Promise<Call> {
  return waitFor(
    async () => {
      const call = await findCall(stack.tdb.db, session.callId!);
      return call?.state === state && (!agentUserId || call.agentUserId === agentUserId) ? call : undefined;
    },
    `the text session's call to be ${state}${agentUserId ? ` with ${agentUserId}` : ''}`,
  );
}

async function offersOf(session: TextSession): Promise<number> {
  const actions = await telephonyActions(stack.tdb, session.callId!);
  return actions.filter((a) => a.action === 'call.offered').length;
}

async function takeAndClose(client: Client, session: TextSession): Promise<void> {
  expect((await post(client, `/text-sessions/${session.id}/take`)).status).toBe(200);
  expect((await post(client, `/text-sessions/${session.id}/close`)).status).toBe(200);
}

describe('text sessions after call control was away', () => {
  it('queues the chats that came meanwhile in arrival order and offers none twice', {
    timeout: 90_000,
  }, async () => {
    const first = await startControl();
    const holder = await withPhone('6400');
    const early = await withPhone('6401', false);
    const late = await withPhone('6402', false);
    // Offered before the crash: still theirs after it, never offered to anyone else.
    const offered = await startChat('Offered before call control stopped');
    await textCall(offered, 'ringing-agent', holder.user.id);

    await killControl(first);
    const older = await startChat('Came while call control was away (first)');
    const newer = await startChat('Came while call control was away (second)');
    // Nobody offers them now: they wait in the consoles' list.
    const { takeByHand } = (await (await early.fetch('/api/text-sessions')).json()) as {
      takeByHand: boolean;
    };
    expect(takeByHand).toBe(true);
    expect((await findCall(stack.tdb.db, older.callId!))?.state).toBe('queued');

    await startControl();
    expect((await post(early, '/calltakers/me/ready', { ready: true })).status).toBe(200);
    await textCall(older, 'ringing-agent', early.user.id);
    expect((await post(late, '/calltakers/me/ready', { ready: true })).status).toBe(200);
    await textCall(newer, 'ringing-agent', late.user.id);
    expect(await findCall(stack.tdb.db, offered.callId!)).toMatchObject({
      state: 'ringing-agent',
      agentUserId: holder.user.id,
    });

    await takeAndClose(holder, offered);
    await takeAndClose(early, older);
    await takeAndClose(late, newer);
    for (const session of [offered, older, newer]) {
      await textCall(session, 'ended');
      expect(await offersOf(session)).toBe(1);
    }
    const synced = await stack.tdb.db
      .selectFrom('audit_log')
      .select('after')
      .where('action', '=', 'text.sync')
      .execute();
    const waiting = synced.flatMap((r) => (r.after as { waiting: string[] }).waiting);
    const olderCall = (await findCall(stack.tdb.db, older.callId!))!;
    const newerCall = (await findCall(stack.tdb.db, newer.callId!))!;
    expect(waiting.indexOf(olderCall.sipCallId)).toBeLessThan(waiting.indexOf(newerCall.sipCallId));
  });

  it('releases a call-taker whose text session ended while call control was away: wrap-up, then the next', {
    timeout: 90_000,
  }, async () => {
    const first = await startControl();
    const client = await withPhone('6410');
    const session = await startChat('Ended while call control was away');
    await textCall(session, 'ringing-agent', client.user.id);
    expect((await post(client, `/text-sessions/${session.id}/take`)).status).toBe(200);
    await waitFor(async () => (await statusOf(client)).state === 'on-call' || undefined, 'on a call');

    await killControl(first);
    expect((await post(client, `/text-sessions/${session.id}/close`)).status).toBe(200);
    expect(await textCall(session, 'ended')).toMatchObject({ endedBy: 'call-taker' });

    await startControl();
    await waitFor(async () => (await statusOf(client)).state === 'wrap-up' || undefined, 'wrap-up');
    // The server recorded the end: call control does not record it again.
    expect((await telephonyActions(stack.tdb, session.callId!)).map((a) => a.action)).toEqual([
      'call.offered',
      'call.answered',
    ]);
    expect((await post(client, '/calltakers/me/wrap-up/end')).status).toBe(200);
    const next = await startChat('The next one after the wrap-up');
    await textCall(next, 'ringing-agent', client.user.id);
    await takeAndClose(client, next);
  });

  it('holds a call-taker who took a chat from the list while call control was away on it until they end it', {
    timeout: 90_000,
  }, async () => {
    const first = await startControl();
    const byHand = await withPhone('6420');
    // Ready after the first: the next chat would go to the first, were they not on the one they took.
    const next = await withPhone('6421');
    await killControl(first);
    const session = await startChat('Taken from the list while call control was away');
    expect((await post(byHand, `/text-sessions/${session.id}/take`)).status).toBe(200);
    await textCall(session, 'answered', byHand.user.id);

    await startControl();
    await waitFor(async () => (await statusOf(byHand)).state === 'on-call' || undefined, 'on a call');
    const other = await startChat('Came while the first call-taker was on a chat');
    await textCall(other, 'ringing-agent', next.user.id);

    expect((await post(byHand, `/text-sessions/${session.id}/close`)).status).toBe(200);
    await waitFor(async () => (await statusOf(byHand)).state === 'wrap-up' || undefined, 'wrap-up');
    expect(await textCall(session, 'ended')).toMatchObject({ endedBy: 'call-taker' });
    // Answered by hand (recorded by the server), ended through call control.
    expect((await telephonyActions(stack.tdb, session.callId!)).map((a) => a.action)).toEqual(['call.ended']);
    await takeAndClose(next, other);
  });
});
