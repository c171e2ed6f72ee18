// Call control may crash or run twice: queued calls survive a kill and are answered in arrival order, and of
// two instances only the leader routes while the standby takes over when it dies.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../src/server.ts';
import { createTestDatabase, type TestDatabase } from '../support/databases.ts';
import { startTestServer } from '../support/server.ts';
import { callTaker, recordedCall, telephonyActions } from './call-helpers.ts';
import {
  type CallControlProcess,
  controllerInstance,
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
const controls: CallControlProcess[] = [];

const control = async (options: Parameters<typeof startCallControl>[3] = {}) => {
  const started = await startCallControl(
    kamailio,
    server.ctx.config.REDIS_URL,
    server.ctx.config.REDIS_PREFIX,
    options,
  );
  controls.push(started);
  return started;
};

/** How many controllers Kamailio counts (route[SYNC] / evapi:connection-closed). */
const controllersSeenByKamailio = async () =>
  Number(/value: (\d+)/.exec(await kamailio.rpc('pv.shvGet', 'controllers'))?.[1]);

beforeAll(async () => {
  tdb = await createTestDatabase();
  server = await startTestServer(tdb);
  kamailio = await startKamailio({ RING_TIMEOUT_MS: '4000' });
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

describe('call control restarts', () => {
  it('answers five calls queued before a crash, and one that came during it, in arrival order', {
    timeout: 90_000,
  }, async () => {
    const first = await control();
    const callers = ['0922000001', '0922000002', '0922000003', '0922000004', '0922000005'];
    const runs = [];
    for (const caller of callers) {
      runs.push(dial(kamailio, caller));
      await recordedCall(tdb, caller, 'queued');
    }
    await first.kill();
    // Nobody routes now and no fallback phone is registered: the caller hears ringing until control is back.
    runs.push(dial(kamailio, '0922000006'));
    await new Promise((r) => setTimeout(r, 1000));

    await control();
    const phone = await startPhone(kamailio, '6001', { calls: 6 });
    const taker = await callTaker(tdb, server, '6001');
    for (const run of runs) await run.ok();
    await phone.run.ok();

    const answered = [];
    for (const caller of [...callers, '0922000006']) answered.push(await recordedCall(tdb, caller, 'ended'));
    expect(answered.every((c) => c.agentUserId === taker.user.id)).toBe(true);
    const byArrival = [...answered].sort((a, b) => Date.parse(a.arrivedAt) - Date.parse(b.arrivedAt));
    const byAnswer = [...answered].sort((a, b) => Date.parse(a.answeredAt!) - Date.parse(b.answeredAt!));
    expect(byAnswer.map((c) => c.callerNumber)).toEqual(byArrival.map((c) => c.callerNumber));
    expect(byArrival.map((c) => c.callerNumber)).toEqual([...callers, '0922000006']);
  });

  it('lets only the leader route; the standby takes over when the leader dies', {
    timeout: 60_000,
  }, async () => {
    const leader = await control({ instance: 'leader' });
    const standby = await control({ instance: 'standby', standby: true });
    const phone = await startPhone(kamailio, '6011', { calls: 3 });
    await callTaker(tdb, server, '6011');
    for (const caller of ['0922000011', '0922000012']) await dial(kamailio, caller).ok();
    expect(await controllersSeenByKamailio()).toBe(1);

    await leader.kill();
    await waitFor(
      async () =>
        (await controllerInstance(server.ctx.redis, server.ctx.config.REDIS_PREFIX)) === standby.instance
          ? true
          : undefined,
      'the standby to take over',
    );
    await dial(kamailio, '0922000013').ok();
    await phone.run.ok();
    for (const caller of ['0922000011', '0922000012', '0922000013']) {
      const call = await recordedCall(tdb, caller, 'ended');
      const offers = (await telephonyActions(tdb, call.id)).filter((a) => a.action === 'call.offered');
      expect(offers).toHaveLength(1);
    }
    expect(await controllersSeenByKamailio()).toBe(1);
  });
});
