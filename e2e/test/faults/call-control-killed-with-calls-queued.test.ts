// Fault: call control is killed (SIGKILL) while callers wait in the queue, and more dial while it is away.
// When it is back, every caller is answered, in arrival order, by the call-taker who became ready: nothing
// was lost, no call was recorded twice, and the queue the consoles show is empty again.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { dial, startPhone, unregisterPhones } from '@hcm112/telephony/testing';
import { loginDemo } from '../../src/harness/api-client.ts';
import { type RunningSystem, startSystem } from '../../src/harness/system.ts';
import {
  callControlLeading,
  callsRecorded,
  everyCallerQueued,
  recordedCalls,
  sipPeer,
} from '../../src/harness/telephony.ts';

let system: RunningSystem;

beforeAll(async () => {
  // No fallback phone is registered (1999): without call control the callers keep hearing ringing.
  system = await startSystem({ env: { FALLBACK_EXTS: '1999', RING_TIMEOUT_MS: '4000' } });
  await callControlLeading(system);
});

afterAll(async () => {
  if (system?.kamailio) await unregisterPhones(sipPeer(system));
  await system?.stop();
});

const PREFIX = '0923';
const caller = (n: number) => `${PREFIX}${String(n).padStart(6, '0')}`;

it('answers every call queued before the crash and those that came during it, in arrival order', {
  timeout: 240_000,
}, async () => {
  const kamailio = sipPeer(system);
  const before = [1, 2, 3, 4, 5, 6].map(caller);
  const during = [7, 8].map(caller);
  const runs = [];
  for (const number of before) {
    runs.push(dial(kamailio, number));
    await callsRecorded(system.database.adminUrl, number, [number], (c) => c.state === 'queued');
  }

  await system.callControl!.kill('SIGKILL');
  for (const number of during) {
    runs.push(dial(kamailio, number));
    await new Promise((r) => setTimeout(r, 500));
  }

  system.callControl!.start();
  await callControlLeading(system);
  const supervisor = await loginDemo(system.url, 'sup1');
  const all = [...before, ...during];
  // Kamailio kept the calls of the outage and hands them over on sync: consoles see all eight waiting.
  await everyCallerQueued(supervisor, all, 60_000);

  const phone = await startPhone(kamailio, '1001', { calls: all.length });
  const callTaker = await loginDemo(system.url, 'ct1');
  await callTaker.expectJson('POST', '/calltakers/me/ready', { ready: true });
  for (const r of runs) await r.ok();
  await phone.run.ok();

  const calls = await callsRecorded(system.database.adminUrl, PREFIX, all, (c) => c.state === 'ended');
  expect(calls.map((c) => c.callerNumber)).toEqual(all);
  expect(new Set(calls.map((c) => c.sipCallId)).size).toBe(all.length);
  const { user } = await callTaker.expectJson<{ user: { id: string } }>('GET', '/auth/me');
  expect(calls.every((c) => c.agentUserId === user.id)).toBe(true);
  const byAnswer = [...calls].sort((a, b) => a.answeredAt!.getTime() - b.answeredAt!.getTime());
  expect(byAnswer.map((c) => c.callerNumber)).toEqual(all);

  const { calls: left } = await supervisor.expectJson<{ calls: unknown[] }>('GET', '/calls/queue');
  expect(left).toEqual([]);
  expect(await recordedCalls(system.database.adminUrl, PREFIX)).toHaveLength(all.length);
});
