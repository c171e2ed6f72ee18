// Failing safe: with call control not running at all a 112 call rings the fallback group (and is recorded
// when control comes back), or keeps ringing until someone can take it; a call that waits the whole queue
// timeout overflows to the fallback group.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../src/server.ts';
import { createTestDatabase, type TestDatabase } from '../support/databases.ts';
import { makeUser, startTestServer } from '../support/server.ts';
import { callTaker, recordedCall, telephonyActions } from './call-helpers.ts';
import {
  type CallControlProcess,
  dial,
  type Kamailio,
  startCallControl,
  startKamailio,
  startPhone,
  unregisterPhones,
} from '@hcm112/telephony/testing';

let tdb: TestDatabase;
let server: RunningServer;
let kamailio: Kamailio;
const controls: CallControlProcess[] = [];

const startControl = async () => {
  const c = await startCallControl(kamailio, server.ctx.config.REDIS_URL, server.ctx.config.REDIS_PREFIX);
  controls.push(c);
  return c;
};

beforeAll(async () => {
  tdb = await createTestDatabase();
  server = await startTestServer(tdb);
  kamailio = await startKamailio({
    FALLBACK_EXTS: '5001,5002',
    QUEUE_TIMEOUT_MS: '4000',
    RING_TIMEOUT_MS: '4000',
  });
});

afterEach(async () => {
  await unregisterPhones(kamailio);
  for (const c of controls.splice(0)) await c.stop();
});

afterAll(async () => {
  await kamailio?.stop();
  await server?.stop();
  await tdb?.drop();
});

describe('without call control', () => {
  it('rings the fallback group, and records the call once call control is back', async () => {
    const fallbackUser = await makeUser(tdb.db, 'call-taker', { sipExtension: '5001' });
    const phone = await startPhone(kamailio, '5001');
    await dial(kamailio, '0933000001').ok();
    await phone.run.ok();
    const before = await tdb.db
      .selectFrom('calls')
      .select('id')
      .where('caller_number', '=', '0933000001')
      .execute();
    expect(before).toEqual([]);

    await startControl();
    const call = await recordedCall(tdb, '0933000001', 'ended');
    expect(call).toMatchObject({ agentUserId: fallbackUser.id, endedBy: 'caller', dialedNumber: '112' });
    expect(call.answeredAt).not.toBeNull();
    expect((await telephonyActions(tdb, call.id)).map((a) => a.action)).toEqual([
      'call.fallback',
      'call.answered',
      'call.ended',
    ]);
  });

  it('keeps the caller ringing while nobody can take the call, and queues it when call control is back', async () => {
    const caller = dial(kamailio, '0933000002');
    await new Promise((r) => setTimeout(r, 1500));
    await startControl();
    const phone = await startPhone(kamailio, '5101');
    const taker = await callTaker(tdb, server, '5101');
    await caller.ok();
    await phone.run.ok();
    const call = await recordedCall(tdb, '0933000002', 'ended');
    expect(call.agentUserId).toBe(taker.user.id);
    expect((await telephonyActions(tdb, call.id)).map((a) => a.action)).toEqual([
      'call.arrived',
      'call.offered',
      'call.answered',
      'call.ended',
    ]);
  });
});

describe('queue timeout', () => {
  it('overflows a call nobody took within the queue timeout to the fallback group', async () => {
    await startControl();
    const fallbackUser = await makeUser(tdb.db, 'call-taker', { sipExtension: '5002' });
    const phone = await startPhone(kamailio, '5002');
    const caller = dial(kamailio, '0933000003');
    await recordedCall(tdb, '0933000003', 'queued');
    await recordedCall(tdb, '0933000003', 'fallback', 15_000);
    await caller.ok();
    await phone.run.ok();
    const call = await recordedCall(tdb, '0933000003', 'ended');
    expect(call.agentUserId).toBe(fallbackUser.id);
    expect((await telephonyActions(tdb, call.id)).map((a) => a.action)).toEqual([
      'call.arrived',
      'call.overflowed',
      'call.answered',
      'call.ended',
    ]);
  });
});
