// Console presence, with websocket consoles, SIPp callers and phones against real Kamailio and call control:
// a call-taker whose console is gone (closed, or silent on a cut network) stops getting calls (the next goes to
// a colleague), a call in hand goes on, and coming back leaves them not ready until they choose ready.
import type { CallTakerStatus } from '@hcm112/shared';
import { dial, startPhone, waitFor } from '@hcm112/telephony/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { Client } from '../support/server.ts';
import { callTaker, recordedCall } from './call-helpers.ts';
import { withCallStack } from './call-stack.ts';

const stack = withCallStack({ env: { CONSOLE_HEARTBEAT_TIMEOUT_SECONDS: '2' } });
let supervisor: Client;

beforeAll(async () => {
  supervisor = await stack.loginAs('supervisor');
});

async function statusOf(client: Client): Promise<CallTakerStatus> {
  const res = await supervisor.fetch('/api/calltakers');
  const { callTakers } = (await res.json()) as { callTakers: CallTakerStatus[] };
  return callTakers.find((c) => c.userId === client.user.id)!;
}

const openConsole = (client: Client) => stack.subscribe(client, ['calls']);

/** A call-taker with a phone and an open console, made ready. */
async function atDesk(extension: string, options: { calls?: number; scenario?: string } = {}) {
  const phone = await startPhone(stack.kamailio, extension, options);
  const client = await callTaker(stack, extension, false);
  const desk = await openConsole(client);
  const res = await client.fetch('/api/calltakers/me/ready', { method: 'POST', json: { ready: true } });
  expect(res.status).toBe(200);
  return { phone, client, desk };
}

const becomes = (client: Client, state: CallTakerStatus['state']) =>
  waitFor(async () => {
    const status = await statusOf(client);
    return status.state === state ? status : undefined;
  }, `the call-taker to be ${state}`);

describe('console presence', () => {
  it('sets a call-taker whose console closed not ready (console-lost), and the next call goes to a colleague', async () => {
    // Ready first, so the longest idle: the call would be theirs if their console were still there.
    const gone = await atDesk('6001');
    const stays = await atDesk('6002');
    await new Promise((r) => setTimeout(r, 3000));
    expect((await statusOf(gone.client)).state).toBe('ready');

    await gone.desk.close();
    const lost = await becomes(gone.client, 'not-ready');
    expect(lost.reason).toBe('console-lost');
    // The status is call control's at once; its audit row is written when the server applies the event after it.
    const audit = await waitFor(async () => {
      const rows = await stack.tdb.db
        .selectFrom('audit_log')
        .select(['action', 'actor_name', 'after'])
        .where('target_id', '=', gone.client.user.id)
        .where('action', '=', 'calltaker.not-ready')
        .execute();
      return rows.length > 0 ? rows : undefined;
    }, 'the not-ready audit row');
    expect(audit.map((a) => [a.actor_name, (a.after as { reason: string }).reason])).toContainEqual([
      'telephony',
      'console-lost',
    ]);

    await dial(stack.kamailio, '0916000001').ok();
    await stays.phone.run.ok();
    expect((await recordedCall(stack.tdb, '0916000001', 'ended')).agentUserId).toBe(stays.client.user.id);
    expect((await statusOf(stays.client)).state).toBe('ready');
  });

  it('sets not ready a call-taker whose console is still connected but stopped answering (a cut network)', async () => {
    const phone = await startPhone(stack.kamailio, '6005');
    const taker = await callTaker(stack, '6005', false);
    // A socket whose far end no longer answers ping frames: nothing closes it, heartbeats just go unanswered.
    const silent = new WebSocket(`${stack.server.url.replace(/^http/, 'ws')}/ws`, {
      headers: { authorization: `Bearer ${taker.token}` },
      autoPong: false,
    });
    silent.on('error', () => {});
    await new Promise((resolve) => silent.once('open', resolve));
    const res = await taker.fetch('/api/calltakers/me/ready', { method: 'POST', json: { ready: true } });
    expect(res.status).toBe(200);
    expect((await becomes(taker, 'not-ready')).reason).toBe('console-lost');
    expect(silent.readyState).toBe(WebSocket.OPEN);
    silent.terminate();
    phone.run.stop();
  });

  it('lets a call in hand go on when the console is lost, and the call-taker is not ready after it', async () => {
    const taker = await atDesk('6011');
    const caller = dial(stack.kamailio, '0916000011', { scenario: 'caller-talks.xml', args: ['-d', '6000'] });
    await recordedCall(stack.tdb, '0916000011', 'answered');
    await taker.desk.close();
    // Past the heartbeat timeout the call is still in hand.
    await new Promise((r) => setTimeout(r, 3500));
    expect((await statusOf(taker.client)).state).toBe('on-call');
    await caller.ok();
    await taker.phone.run.ok();
    expect((await recordedCall(stack.tdb, '0916000011', 'ended')).endedBy).toBe('caller');
    expect((await becomes(taker.client, 'not-ready')).reason).toBe('console-lost');
  });

  it('keeps a call-taker who comes back not ready until they choose ready', async () => {
    const taker = await atDesk('6021');
    await taker.desk.close();
    await becomes(taker.client, 'not-ready');
    await openConsole(taker.client);
    await new Promise((r) => setTimeout(r, 1500));
    expect(await statusOf(taker.client)).toMatchObject({ state: 'not-ready', reason: 'console-lost' });
    const res = await taker.client.fetch('/api/calltakers/me/ready', {
      method: 'POST',
      json: { ready: true },
    });
    expect(((await res.json()) as { callTaker: CallTakerStatus }).callTaker).toMatchObject({
      state: 'ready',
      reason: null,
    });
  });
});
