// An emergency call end to end: SIPp dials 112 into real Kamailio, call control offers it to the ready
// call-taker's registered phone, they answer and the caller hangs up; the server records it in PostgreSQL.
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { RunningServer } from '../../src/server.ts';
import { createTestDatabase, type TestDatabase } from '../support/databases.ts';
import { makeUser, startTestServer } from '../support/server.ts';
import { findCallBySipId } from '../../src/calls/repository.ts';
import {
  type CallControlProcess,
  type Kamailio,
  sipp,
  startCallControl,
  startKamailio,
  startPhone,
} from './telephony-harness.ts';

let tdb: TestDatabase;
let server: RunningServer;
let kamailio: Kamailio;
let control: CallControlProcess;
let commands: Queue;

beforeAll(async () => {
  tdb = await createTestDatabase();
  server = await startTestServer(tdb);
  kamailio = await startKamailio();
  control = startCallControl(kamailio.evapiPort, server.ctx.config.REDIS_PREFIX);
  commands = new Queue('acd-commands', {
    connection: new Redis(server.ctx.config.REDIS_URL, { maxRetriesPerRequest: null }),
    prefix: server.ctx.config.REDIS_PREFIX,
  });
});

afterAll(async () => {
  await commands?.close();
  await control?.stop();
  await kamailio?.stop();
  await server?.stop();
  await tdb?.drop();
});

async function waitFor<T>(probe: () => Promise<T | undefined>, what: string): Promise<T> {
  for (let i = 0; i < 200; i += 1) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

test('a 112 call is offered to the ready call-taker, answered, ended by the caller, and recorded', async () => {
  const taker = await makeUser(tdb.db, 'call-taker', { sipExtension: '2001' });
  const phone = await startPhone(kamailio, '2001');
  await commands.add('set-ready', { cmd: 'set-ready', extension: '2001', ready: true });

  const caller = sipp('caller-answered.xml', `127.0.0.1:${kamailio.sipPort}`, ['-s', '112', '-m', '1'], {
    caller: '0901234567',
  });
  expect(await caller.done).toBe(0);
  expect(await phone.done).toBe(0);

  const call = await waitFor(async () => {
    const rows = await tdb.db.selectFrom('calls').select('sip_call_id').execute();
    const c = rows[0] && (await findCallBySipId(tdb.db, rows[0].sip_call_id));
    return c?.state === 'ended' ? c : undefined;
  }, 'the call to be recorded as ended');
  expect(call).toMatchObject({
    callerNumber: '0901234567',
    dialedNumber: '112',
    service: '112',
    agentUserId: taker.id,
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
});
