// How queued calls find a call-taker, with SIPp callers and phones against real Kamailio and call control:
// a caller who gives up, a busy phone, a phone nobody picks up, and nobody registered at all.
import type { Call, CallTakerStatus } from '@hcm112/shared';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../src/server.ts';
import { createTestDatabase, type TestDatabase } from '../support/databases.ts';
import { type Client, login, makeUser, startTestServer } from '../support/server.ts';
import { callTaker, recordedCall, telephonyActions } from './call-helpers.ts';
import {
  type CallControlProcess,
  dial,
  type Kamailio,
  registerPhone,
  startCallControl,
  startKamailio,
  startPhone,
  unregisterPhones,
} from '@hcm112/telephony/testing';

let tdb: TestDatabase;
let server: RunningServer;
let kamailio: Kamailio;
let control: CallControlProcess;
let supervisor: Client;

beforeAll(async () => {
  tdb = await createTestDatabase();
  server = await startTestServer(tdb);
  kamailio = await startKamailio({ RING_TIMEOUT_MS: '3000' });
  control = await startCallControl(kamailio, server.ctx.config.REDIS_URL, server.ctx.config.REDIS_PREFIX);
  supervisor = await login(server.url, await makeUser(tdb.db, 'supervisor'));
});

afterEach(() => unregisterPhones(kamailio));

afterAll(async () => {
  await control?.stop();
  await kamailio?.stop();
  await server?.stop();
  await tdb?.drop();
});

async function stateOf(user: Client): Promise<CallTakerStatus['state']> {
  const res = await supervisor.fetch('/api/calltakers');
  const { callTakers } = (await res.json()) as { callTakers: CallTakerStatus[] };
  return callTakers.find((c) => c.userId === user.user.id)!.state;
}

describe('queued calls', () => {
  it('records a caller who hangs up while queued as abandoned, with the number to call back', async () => {
    await dial(kamailio, '0911000001', { scenario: 'caller-abandons.xml', args: ['-d', '1500'] }).ok();
    const call = await recordedCall(tdb, '0911000001', 'abandoned');
    expect(call).toMatchObject({ endedBy: 'caller', answeredAt: null, agentUserId: null });
    const res = await supervisor.fetch('/api/calls/abandoned');
    const { calls } = (await res.json()) as { calls: Call[] };
    expect(calls.map((c) => c.callerNumber)).toContain('0911000001');
  });

  it('passes a call a busy phone refuses to the next ready call-taker', async () => {
    const busyPhone = await startPhone(kamailio, '4001', { scenario: 'calltaker-busy.xml' });
    const busy = await callTaker(tdb, server, '4001');
    const phone = await startPhone(kamailio, '4002');
    const next = await callTaker(tdb, server, '4002');

    await dial(kamailio, '0911000002').ok();
    await busyPhone.run.ok();
    await phone.run.ok();
    const call = await recordedCall(tdb, '0911000002', 'ended');
    expect(call.agentUserId).toBe(next.user.id);
    const actions = await telephonyActions(tdb, call.id);
    expect(actions.map((a) => [a.action, a.after.extension ?? null])).toEqual([
      ['call.arrived', null],
      ['call.offered', '4001'],
      ['call.requeued', '4001'],
      ['call.offered', '4002'],
      ['call.answered', '4002'],
      ['call.ended', null],
    ]);
    expect(actions[2]?.after.reason).toBe('486');
    expect(await stateOf(busy)).toBe('not-ready');
  });

  it('makes a call-taker who does not answer not ready, and the call keeps its place ahead of later ones', async () => {
    const silentPhone = await startPhone(kamailio, '4011', { scenario: 'calltaker-no-answer.xml' });
    const silent = await callTaker(tdb, server, '4011');
    const first = dial(kamailio, '0911000011');
    await recordedCall(tdb, '0911000011', 'ringing-agent');
    const second = dial(kamailio, '0911000012');
    await recordedCall(tdb, '0911000012', 'queued');
    await silentPhone.run.ok();
    await recordedCall(tdb, '0911000011', 'queued');
    expect(await stateOf(silent)).toBe('not-ready');

    // The next call-taker gets the first caller first, although the second was queued all along.
    const phone = await startPhone(kamailio, '4012', { calls: 2 });
    const next = await callTaker(tdb, server, '4012');
    await first.ok();
    await second.ok();
    await phone.run.ok();
    const a = await recordedCall(tdb, '0911000011', 'ended');
    const b = await recordedCall(tdb, '0911000012', 'ended');
    expect([a.agentUserId, b.agentUserId]).toEqual([next.user.id, next.user.id]);
    expect(Date.parse(a.answeredAt!)).toBeLessThan(Date.parse(b.answeredAt!));
    const actions = await telephonyActions(tdb, a.id);
    expect(actions.find((x) => x.action === 'call.requeued')?.after.reason).toBe('408');
  });

  it('keeps a call waiting while no phone is registered, and offers it when one registers', async () => {
    const waiting = await callTaker(tdb, server, '4021');
    expect(await stateOf(waiting)).toBe('offline');
    const caller = dial(kamailio, '0911000021');
    await recordedCall(tdb, '0911000021', 'queued');
    await new Promise((r) => setTimeout(r, 1500));
    expect((await recordedCall(tdb, '0911000021', 'queued')).offeredAt).toBeNull();

    const phone = await startPhone(kamailio, '4021', { registerIt: false });
    await registerPhone(kamailio, phone);
    await caller.ok();
    await phone.run.ok();
    const call = await recordedCall(tdb, '0911000021', 'ended');
    expect(call.agentUserId).toBe(waiting.user.id);
  });
});
