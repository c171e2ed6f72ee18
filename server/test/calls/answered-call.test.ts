// An emergency call end to end: SIPp dials 112 into real Kamailio, call control offers it to the ready
// call-taker's registered phone, they answer; the caller hangs up, or the call-taker ends it from the console.
import type { Call } from '@hcm112/shared';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { findCallBySipId } from '../../src/calls/repository.ts';
import type { RunningServer } from '../../src/server.ts';
import { connectConsole } from '../../testing/console-client.ts';
import { createTestDatabase, type TestDatabase } from '../support/databases.ts';
import { type Client, login, makeUser, startTestServer } from '../support/server.ts';
import {
  type CallControlProcess,
  dial,
  type Kamailio,
  startCallControl,
  startKamailio,
  startPhone,
  unregisterPhones,
  waitFor,
} from '@hcm112/telephony/testing';

let tdb: TestDatabase;
let server: RunningServer;
let kamailio: Kamailio;
let control: CallControlProcess;

beforeAll(async () => {
  tdb = await createTestDatabase();
  server = await startTestServer(tdb);
  kamailio = await startKamailio({ RING_TIMEOUT_MS: '4000' });
  control = await startCallControl(kamailio, server.ctx.config.REDIS_URL, server.ctx.config.REDIS_PREFIX);
});

// Each test's phones leave, so the next test's call is not offered to a phone that is gone.
afterEach(() => unregisterPhones(kamailio));

afterAll(async () => {
  await control?.stop();
  await kamailio?.stop();
  await server?.stop();
  await tdb?.drop();
});

async function callFrom(caller: string, state: Call['state']): Promise<Call> {
  return waitFor(async () => {
    const row = await tdb.db
      .selectFrom('calls')
      .select('sip_call_id')
      .where('caller_number', '=', caller)
      .executeTakeFirst();
    const call = row && (await findCallBySipId(tdb.db, row.sip_call_id));
    return call?.state === state ? call : undefined;
  }, `the call from ${caller} to be ${state}`);
}

async function readyCallTaker(extension: string): Promise<Client> {
  const user = await makeUser(tdb.db, 'call-taker', { sipExtension: extension });
  const client = await login(server.url, user);
  const res = await client.fetch('/api/calltakers/me/ready', { method: 'POST', json: { ready: true } });
  expect(res.status).toBe(200);
  return client;
}

describe('an answered call', () => {
  test('is offered to the ready call-taker, answered, ended by the caller, and recorded', async () => {
    const phone = await startPhone(kamailio, '2001');
    const taker = await readyCallTaker('2001');
    const console = await connectConsole(server.url, taker.token);
    console.send({ type: 'subscribe', streams: ['calls'] });

    await dial(kamailio, '0901234567').ok();
    await phone.run.ok();

    const call = await callFrom('0901234567', 'ended');
    expect(call).toMatchObject({
      callerNumber: '0901234567',
      dialedNumber: '112',
      service: '112',
      agentUserId: taker.user.id,
      endedBy: 'caller',
    });
    expect(call.answeredAt).not.toBeNull();
    const audit = await tdb.db
      .selectFrom('audit_log')
      .select('action')
      .where('target_id', '=', call.id)
      .where('actor_name', '=', 'telephony')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining(['call.arrived', 'call.offered', 'call.answered', 'call.ended']),
    );
    // The console saw the call and the call-taker's own phone go ringing, on a call, and free again.
    await console.waitFor(
      (m) =>
        m.type === 'event' &&
        m.envelope.event.type === 'call.updated' &&
        m.envelope.event.call.state === 'ended',
      'the ended call',
    );
    const states = console.messages.flatMap((m) =>
      m.type === 'event' && m.envelope.event.type === 'calltaker.updated'
        ? [m.envelope.event.callTaker.state]
        : [],
    );
    expect(states).toEqual(expect.arrayContaining(['ringing', 'on-call', 'ready']));
    await console.close();
  });

  test('is ended by the call-taker from the console: BYE to both phones', async () => {
    const phone = await startPhone(kamailio, '2002');
    const taker = await readyCallTaker('2002');
    const caller = dial(kamailio, '0901234568', { scenario: 'caller-stays-on-line.xml' });
    const answered = await callFrom('0901234568', 'answered');
    expect(answered.agentUserId).toBe(taker.user.id);

    // Accepting in the console the call their own phone answered confirms it and changes nothing.
    const accepted = await taker.fetch(`/api/calls/${answered.id}/accept`, { method: 'POST', json: {} });
    expect(accepted.status).toBe(200);
    expect(((await accepted.json()) as { call: Call }).call.agentUserId).toBe(taker.user.id);

    const res = await taker.fetch(`/api/calls/${answered.id}/hangup`, { method: 'POST', json: {} });
    expect(res.status).toBe(200);
    await caller.ok();
    await phone.run.ok();

    const ended = await callFrom('0901234568', 'ended');
    expect(ended.endedBy).toBe('call-taker');
    const hangupAudit = await tdb.db
      .selectFrom('audit_log')
      .select(['actor_id', 'action'])
      .where('target_id', '=', answered.id)
      .where('action', '=', 'call.hangup')
      .executeTakeFirst();
    expect(hangupAudit?.actor_id).toBe(taker.user.id);
  });

  test('may not be ended by another call-taker', async () => {
    const phone = await startPhone(kamailio, '2003');
    const owner = await readyCallTaker('2003');
    const other = await login(server.url, await makeUser(tdb.db, 'call-taker', { sipExtension: '2004' }));
    const caller = dial(kamailio, '0901234569', { scenario: 'caller-stays-on-line.xml' });
    const answered = await callFrom('0901234569', 'answered');

    const res = await other.fetch(`/api/calls/${answered.id}/hangup`, { method: 'POST', json: {} });
    expect(res.status).toBe(403);
    const accept = await other.fetch(`/api/calls/${answered.id}/accept`, { method: 'POST', json: {} });
    expect(accept.status).toBe(409);

    expect((await owner.fetch(`/api/calls/${answered.id}/hangup`, { method: 'POST', json: {} })).status).toBe(
      200,
    );
    await caller.ok();
    await phone.run.ok();
  });
});
