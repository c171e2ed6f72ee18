// Text to 112 through the ACD, with real Kamailio, call control and SIPp: a text session is queued and offered to
// the longest-idle ready call-taker like a call, recorded in the calls table (channel text); a declined or
// unanswered offer goes to the next call-taker and leaves the first not ready; one accepted counts as a call until
// it ends (no voice call meanwhile), then wrap-up. With no call-taker logged in, or after waiting the queue
// timeout, a SIP text goes to the overflow destination, a SIPp "backup centre" that receives the MESSAGE.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { acdKeys, type Call, type CallTakerStatus, type TextSession } from '@hcm112/shared';
import { freePort, type SippRun, sipp, startPhone, waitFor } from '@hcm112/telephony/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findCall } from '../../src/calls/repository.ts';
import type { Client } from '../support/server.ts';
import { callTaker, telephonyActions } from '../calls/call-helpers.ts';
import { withCallStack } from '../calls/call-stack.ts';

// Known before Kamailio starts: its overflow destination names it.
const backupPort = await freePort();
const backupUri = `sip:112@127.0.0.1:${backupPort}`;

const stack = withCallStack({
  kamailio: { OVERFLOW_112: backupUri },
  callControlEnv: { RING_TIMEOUT_MS: '3000', QUEUE_TIMEOUT_MS: '4000', WRAPUP_SECONDS: '30' },
});
let supervisor: Client;
const dirs: string[] = [];

beforeAll(async () => {
  supervisor = await stack.loginAs('supervisor');
});
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

async function statusOf(client: Client): Promise<CallTakerStatus> {
  const res = await supervisor.fetch('/api/calltakers');
  const { callTakers } = (await res.json()) as { callTakers: CallTakerStatus[] };
  return callTakers.find((c) => c.userId === client.user.id)!;
}

/** A call-taker with a registered phone, ready. */
async function readyAt(extension: string): Promise<Client> {
  await startPhone(stack.kamailio, extension);
  return callTaker(stack, extension);
}

async function startChat(text: string): Promise<TextSession> {
  const res = await fetch(`${stack.server.url}/api/text112/sessions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ text, citizen: '0901234500', language: 'vi' }),
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { session: TextSession }).session;
}

/** The session's call row once it is `state` (and, when given, with that call-taker). */
function textCall(session: TextSession, state: Call['state'], agentUserId?: string): Promise<Call> {
  return waitFor(async () => {
    const call = await findCall(stack.tdb.db, session.callId!);
    return call?.state === state && (!agentUserId || call.agentUserId === agentUserId) ? call : undefined;
  }, `the text session's call to be ${state}`);
}

const post = (client: Client, path: string) => client.fetch(`/api${path}`, { method: 'POST', json: {} });

/** The other centre: SIPp receiving one MESSAGE on `backupPort`, kept in a file. */
function backupCentre(): { run: SippRun; received: string } {
  const dir = mkdtempSync(join(tmpdir(), 'e112-text-overflow-'));
  dirs.push(dir);
  const received = join(dir, 'received.log');
  const run = sipp('citizen-reads-reply.xml', stack.kamailio.target, [
    '-p',
    String(backupPort),
    '-m',
    '1',
    '-timeout',
    '60s',
    '-trace_msg',
    '-message_file',
    received,
  ]);
  return { run, received };
}

function citizenTexts(caller: string, text: string): Promise<void> {
  return freePort().then((replyPort) =>
    sipp('citizen-texts.xml', stack.kamailio.target, ['-s', '112', '-m', '1'], {
      caller,
      reply_port: replyPort,
      text,
    }).ok(),
  );
}

describe('text sessions overflow like calls', () => {
  it('forwards a SIP text to the backup centre when no call-taker is logged in, recorded as an overflowed call', async () => {
    const backup = backupCentre();
    await citizenTexts('0944200001', 'Khong ai nghe may, nha chay');
    await backup.run.ok();
    const log = readFileSync(backup.received, 'utf8');
    expect(log).toContain(`MESSAGE ${backupUri}`);
    expect(log).toContain('Khong ai nghe may, nha chay');
    const row = await waitFor(
      () =>
        stack.tdb.db
          .selectFrom('calls')
          .select(['channel', 'overflow_to', 'overflow_reason', 'caller_number'])
          .where('caller_number', '=', '+84944200001')
          .executeTakeFirst(),
      'the overflowed text recorded as a call',
    );
    expect(row).toEqual({
      channel: 'text',
      overflow_to: backupUri,
      overflow_reason: 'no-call-taker',
      caller_number: '+84944200001',
    });
  });

  it('forwards what the citizen wrote once a SIP text has waited the queue timeout', async () => {
    // Logged in but not ready: the text queues instead of overflowing at once.
    const client = await callTaker(stack, '6110', false);
    await stack.subscribe(client, ['calls']);
    const consoles = acdKeys(stack.server.ctx.config.REDIS_PREFIX).consoles;
    await expect
      .poll(() => stack.server.ctx.redis.zscore(consoles, '6110'), { timeout: 10_000 })
      .not.toBeNull();
    const backup = backupCentre();
    await citizenTexts('0944200002', 'Dang cho lau qua');
    await backup.run.ok();
    expect(readFileSync(backup.received, 'utf8')).toContain('Dang cho lau qua');
    const { sessions } = (await (await supervisor.fetch('/api/text-sessions')).json()) as {
      sessions: TextSession[];
    };
    const session = sessions.find((s) => s.citizen.includes('0944200002'))!;
    expect(session).toMatchObject({ state: 'overflowed', overflowTo: backupUri });
    const call = await textCall(session, 'ended');
    expect(call).toMatchObject({ channel: 'text', overflowTo: backupUri, overflowReason: 'waited' });
  });
});

describe('text sessions offered like calls', () => {
  it('offers a web chat to the longest-idle ready call-taker, who accepts it, is on it until it ends, then wraps up', async () => {
    const first = await readyAt('6101');
    const second = await readyAt('6102');
    const session = await startChat('Tôi không nói được, có người lạ trong nhà');
    const offered = await textCall(session, 'ringing-agent', first.user.id);
    expect(offered.channel).toBe('text');
    expect((await statusOf(first)).state).toBe('ringing');
    expect((await post(second, `/text-sessions/${session.id}/take`)).status).toBe(409);

    const taken = await post(first, `/text-sessions/${session.id}/take`);
    expect(taken.status).toBe(200);
    expect(((await taken.json()) as { session: TextSession }).session.state).toBe('active');
    const answered = await textCall(session, 'answered', first.user.id);
    expect(answered.answeredAt).not.toBeNull();
    expect((await statusOf(first)).state).toBe('on-call');
    expect((await statusOf(second)).state).toBe('ready');

    expect((await post(first, `/text-sessions/${session.id}/close`)).status).toBe(200);
    const ended = await textCall(session, 'ended');
    expect(ended.endedBy).toBe('call-taker');
    await waitFor(async () => (await statusOf(first)).state === 'wrap-up' || undefined, 'wrap-up');
    expect((await telephonyActions(stack.tdb, ended.id)).map((a) => a.action)).toEqual([
      'call.offered',
      'call.answered',
      'call.ended',
    ]);
    const history = await first.fetch('/api/calls/recent?caller=0901234500');
    const { calls } = (await history.json()) as { calls: Call[] };
    expect(calls.find((c) => c.id === ended.id)?.channel).toBe('text');
  });

  it('gives a declined text to the next call-taker and leaves the one who declined not ready', async () => {
    const first = await readyAt('6103');
    const second = await readyAt('6104');
    const session = await startChat('Declined first');
    await textCall(session, 'ringing-agent', first.user.id);
    expect((await post(second, `/text-sessions/${session.id}/decline`)).status).toBe(409);
    expect((await post(first, `/text-sessions/${session.id}/decline`)).status).toBe(200);
    await textCall(session, 'ringing-agent', second.user.id);
    expect(await statusOf(first)).toMatchObject({ state: 'not-ready', reason: 'refused' });
    expect((await post(second, `/text-sessions/${session.id}/take`)).status).toBe(200);
    expect((await post(second, `/text-sessions/${session.id}/close`)).status).toBe(200);
    const call = await textCall(session, 'ended');
    const actions = await telephonyActions(stack.tdb, call.id);
    expect(actions.map((a) => a.action)).toEqual([
      'call.offered',
      'call.requeued',
      'call.offered',
      'call.answered',
      'call.ended',
    ]);
    expect(actions[1]!.after).toMatchObject({ reason: 'refused', extension: '6103' });
  });

  it('takes an offer back after the ring timeout and gives it to the next call-taker', async () => {
    const first = await readyAt('6105');
    const second = await readyAt('6106');
    const session = await startChat('Nobody answered');
    await textCall(session, 'ringing-agent', first.user.id);
    await textCall(session, 'ringing-agent', second.user.id);
    expect(await statusOf(first)).toMatchObject({ state: 'not-ready', reason: 'no-answer' });
    const late = await post(first, `/text-sessions/${session.id}/take`);
    expect(late.status).toBe(409);
    expect((await post(second, `/text-sessions/${session.id}/take`)).status).toBe(200);
    expect((await post(second, `/text-sessions/${session.id}/close`)).status).toBe(200);
    await textCall(session, 'ended');
  });
});
