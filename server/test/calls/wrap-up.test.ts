// Wrap-up after a call, with SIPp callers and phones against real Kamailio and call control: the next call waits
// until the wrap-up ends by itself, is ended early, or a caller waits too long; a supervisor's 0 removes it; and
// a phone that unregisters leaves its call-taker not ready.
import type { CallTakerStatus, WrapUpSetting } from '@hcm112/shared';
import { dial, register, startPhone, waitFor } from '@hcm112/telephony/testing';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Client } from '../support/server.ts';
import { callTaker, recordedCall } from './call-helpers.ts';
import { withCallStack } from './call-stack.ts';

// Each test starts its own call control: wrap-up figures are call-control settings.
const stack = withCallStack({ callControl: false });
let supervisor: Client;

/** Call control with the default 15 s and a break wait long enough that only the test about it sees one. */
const startControl = (breakWaitSeconds = 600) =>
  stack.startControl({
    env: { WRAPUP_SECONDS: '15', WRAPUP_BREAK_WAIT_SECONDS: String(breakWaitSeconds) },
  });

beforeAll(async () => {
  supervisor = await stack.loginAs('supervisor');
});

beforeEach(async ({ task }) => {
  if (!task.name.includes('break wait')) await startControl();
});

async function me(client: Client): Promise<CallTakerStatus> {
  const res = await client.fetch('/api/calltakers/me');
  return ((await res.json()) as { callTaker: CallTakerStatus }).callTaker;
}

async function setWrapUp(seconds: number | null): Promise<WrapUpSetting> {
  const res = await supervisor.fetch('/api/acd/wrap-up', { method: 'PUT', json: { seconds } });
  expect(res.status).toBe(200);
  return ((await res.json()) as { wrapUp: WrapUpSetting }).wrapUp;
}

const inState = (client: Client, state: CallTakerStatus['state']) =>
  waitFor(async () => {
    const status = await me(client);
    return status.state === state ? status : undefined;
  }, `the call-taker to be ${state}`);

/** One call answered and ended on `client`'s phone; the phone stays up for `calls` in all. */
async function firstCallEnded(extension: string, caller: string, calls = 2) {
  const phone = await startPhone(stack.kamailio, extension, { calls });
  const client = await callTaker(stack, extension);
  await dial(stack.kamailio, caller).ok();
  await recordedCall(stack.tdb, caller, 'ended');
  return { phone, client };
}

describe('wrap-up', () => {
  it('shows the setting, refuses a bad one naming the field, and lets only a supervisor set it', async () => {
    const res = await supervisor.fetch('/api/acd/wrap-up');
    expect(res.status).toBe(200);
    const { wrapUp } = (await res.json()) as { wrapUp: WrapUpSetting };
    expect(wrapUp).toMatchObject({ defaultSeconds: 15, breakWaitSeconds: 600 });
    const bad = await supervisor.fetch('/api/acd/wrap-up', { method: 'PUT', json: { seconds: -1 } });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await bad.json())).toContain('seconds');
    const taker = await callTaker(stack, '5090', false);
    const refused = await taker.fetch('/api/acd/wrap-up', { method: 'PUT', json: { seconds: 0 } });
    expect(refused.status).toBe(403);
  });

  it('offers no call during wrap-up, and the next one as soon as the call-taker ends it early', async () => {
    expect((await setWrapUp(600)).seconds).toBe(600);
    const { phone, client } = await firstCallEnded('5001', '0915000001');
    const wrapping = await inState(client, 'wrap-up');
    expect(wrapping.wrapUpUntil).not.toBeNull();

    const second = dial(stack.kamailio, '0915000002');
    await recordedCall(stack.tdb, '0915000002', 'queued');
    await new Promise((r) => setTimeout(r, 1500));
    expect((await recordedCall(stack.tdb, '0915000002', 'queued')).offeredAt).toBeNull();

    const ended = await client.fetch('/api/calltakers/me/wrap-up/end', { method: 'POST', json: {} });
    expect(ended.status).toBe(200);
    await second.ok();
    await phone.run.ok();
    expect((await recordedCall(stack.tdb, '0915000002', 'ended')).agentUserId).toBe(client.user.id);
    // In wrap-up after that call too; once ended there is none left to end.
    await inState(client, 'wrap-up');
    const end = () => client.fetch('/api/calltakers/me/wrap-up/end', { method: 'POST', json: {} });
    expect((await end()).status).toBe(200);
    expect((await end()).status).toBe(409);
    const audit = await stack.tdb.db
      .selectFrom('audit_log')
      .select('action')
      .where('target_id', '=', client.user.id)
      .execute();
    expect(audit.map((a) => a.action)).toContain('calltaker.wrap-up-ended');
  });

  it('offers the next call when the wrap-up time is over, not before', async () => {
    await setWrapUp(3);
    const { phone, client } = await firstCallEnded('5002', '0915000011');
    const wrapping = await inState(client, 'wrap-up');
    await dial(stack.kamailio, '0915000012').ok();
    await phone.run.ok();
    const second = await recordedCall(stack.tdb, '0915000012', 'ended');
    expect(second.agentUserId).toBe(client.user.id);
    expect(Date.parse(second.offeredAt!)).toBeGreaterThanOrEqual(Date.parse(wrapping.wrapUpUntil!));
  });

  it('has no wrap-up once a supervisor sets 0: the waiting call is offered at once', async () => {
    expect((await setWrapUp(0)).seconds).toBe(0);
    const phone = await startPhone(stack.kamailio, '5003', { calls: 2 });
    const client = await callTaker(stack, '5003');
    const first = dial(stack.kamailio, '0915000021');
    await recordedCall(stack.tdb, '0915000021', 'answered');
    const second = dial(stack.kamailio, '0915000022');
    await recordedCall(stack.tdb, '0915000022', 'queued');
    await first.ok();
    await second.ok();
    await phone.run.ok();
    expect((await recordedCall(stack.tdb, '0915000022', 'ended')).agentUserId).toBe(client.user.id);
    expect((await me(client)).state).toBe('ready');
    expect((await setWrapUp(null)).seconds).toBe(15);
  });

  it('ends the wrap-up when a call has waited longer than the break wait', async () => {
    await startControl(2);
    await setWrapUp(600);
    const { phone, client } = await firstCallEnded('5004', '0915000031');
    await inState(client, 'wrap-up');
    await dial(stack.kamailio, '0915000032').ok();
    await phone.run.ok();
    const second = await recordedCall(stack.tdb, '0915000032', 'ended');
    expect(second.agentUserId).toBe(client.user.id);
  });
});

describe('a phone that unregisters', () => {
  it('leaves its call-taker not ready when it registers again, and gets no call until they choose ready', async () => {
    await setWrapUp(0);
    const phone = await startPhone(stack.kamailio, '5011');
    const client = await callTaker(stack, '5011');
    expect((await me(client)).state).toBe('ready');
    await register(stack.kamailio, '5011', phone.port, { expires: 0 });
    expect((await inState(client, 'offline')).reason).toBe('unregistered');
    await register(stack.kamailio, '5011', phone.port);
    expect((await inState(client, 'not-ready')).reason).toBe('unregistered');

    const caller = dial(stack.kamailio, '0915000041');
    await recordedCall(stack.tdb, '0915000041', 'queued');
    await new Promise((r) => setTimeout(r, 1500));
    expect((await recordedCall(stack.tdb, '0915000041', 'queued')).offeredAt).toBeNull();
    const ready = await client.fetch('/api/calltakers/me/ready', { method: 'POST', json: { ready: true } });
    expect(((await ready.json()) as { callTaker: CallTakerStatus }).callTaker.reason).toBeNull();
    await caller.ok();
    await phone.run.ok();
    expect((await recordedCall(stack.tdb, '0915000041', 'ended')).agentUserId).toBe(client.user.id);
  });
});
