// Fault: Redis (appendonly, as production runs it) restarts while callers wait in the queue and call events
// are in flight: PostgreSQL is held unreachable meanwhile, so the events of the newest callers sit in BullMQ
// and the ones being recorded hang mid-query. After the restart every caller is still queued, is answered in
// arrival order, and each call is recorded once.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { dial, startPhone, unregisterPhones } from '@hcm112/telephony/testing';
import { loginDemo } from '../../src/harness/api-client.ts';
import { type PrivateRedis, startPrivateRedis } from '../../src/harness/private-redis.ts';
import { type RunningSystem, startSystem } from '../../src/harness/system.ts';
import { TcpProxy } from '../../src/harness/tcp-proxy.ts';
import {
  callControlLeading,
  callsRecorded,
  everyCallerQueued,
  recordedCalls,
  sipPeer,
} from '../../src/harness/telephony.ts';

let redis: PrivateRedis;
let postgres: TcpProxy;
let system: RunningSystem;

beforeAll(async () => {
  redis = await startPrivateRedis();
  postgres = await TcpProxy.start(5432);
  system = await startSystem({
    redisUrl: redis.url,
    databasePort: postgres.port,
    env: { FALLBACK_EXTS: '1999', RING_TIMEOUT_MS: '4000' },
  });
  await callControlLeading(system);
});

afterAll(async () => {
  if (system?.kamailio) await unregisterPhones(sipPeer(system));
  await postgres?.restore();
  await system?.stop();
  await redis?.stop();
  await postgres?.close();
});

const PREFIX = '0924';
const caller = (n: number) => `${PREFIX}${String(n).padStart(6, '0')}`;

it('keeps queued calls and in-flight call events across a Redis restart', { timeout: 240_000 }, async () => {
  const kamailio = sipPeer(system);
  const recorded = [1, 2, 3, 4].map(caller);
  const inFlight = [5, 6, 7].map(caller);
  const all = [...recorded, ...inFlight];
  const runs = [];
  for (const number of recorded) {
    runs.push(dial(kamailio, number));
    await callsRecorded(system.database.adminUrl, number, [number], (c) => c.state === 'queued');
  }

  postgres.stall();
  for (const number of inFlight) {
    runs.push(dial(kamailio, number));
    await new Promise((r) => setTimeout(r, 500));
  }
  // Arrived, but their events wait in Redis: PostgreSQL has only the first four.
  expect((await recordedCalls(system.database.adminUrl, PREFIX)).map((c) => c.callerNumber)).toEqual(
    recorded,
  );
  await redis.restart();
  await postgres.restore();

  await callControlLeading(system);
  const supervisor = await loginDemo(system.url, 'sup1');
  await everyCallerQueued(supervisor, all, 90_000);

  const phone = await startPhone(kamailio, '1001', { calls: all.length });
  const callTaker = await loginDemo(system.url, 'ct1');
  await callTaker.expectJson('POST', '/calltakers/me/ready', { ready: true });
  for (const r of runs) await r.ok();
  await phone.run.ok();

  const calls = await callsRecorded(system.database.adminUrl, PREFIX, all, (c) => c.state === 'ended');
  expect(calls.map((c) => c.callerNumber)).toEqual(all);
  const byAnswer = [...calls].sort((a, b) => a.answeredAt!.getTime() - b.answeredAt!.getTime());
  expect(byAnswer.map((c) => c.callerNumber)).toEqual(all);
  expect(await recordedCalls(system.database.adminUrl, PREFIX)).toHaveLength(all.length);
  const { calls: left } = await supervisor.expectJson<{ calls: unknown[] }>('GET', '/calls/queue');
  expect(left).toEqual([]);
});
