// Fault: PostgreSQL cannot be reached for a while (a proxy between the system and the machine's PostgreSQL
// refuses every connection). Meanwhile emergency calls still queue and are answered, the API answers 503
// `unavailable` and the readiness probe says the database is down; when PostgreSQL returns, the server serves
// again without a restart and every call of the outage is recorded, once.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { dial, startPhone, unregisterPhones, waitFor } from '@hcm112/telephony/testing';
import { type ApiClient, loginDemo } from '../../src/harness/api-client.ts';
import { type RunningSystem, startSystem } from '../../src/harness/system.ts';
import { TcpProxy } from '../../src/harness/tcp-proxy.ts';
import { callControlLeading, callsRecorded, recordedCalls, sipPeer } from '../../src/harness/telephony.ts';

let postgres: TcpProxy;
let system: RunningSystem;

beforeAll(async () => {
  postgres = await TcpProxy.start(5432);
  system = await startSystem({ databasePort: postgres.port, env: { FALLBACK_EXTS: '1999' } });
  await callControlLeading(system);
});

afterAll(async () => {
  if (system?.kamailio) await unregisterPhones(sipPeer(system));
  await postgres?.restore();
  await system?.stop();
  await postgres?.close();
});

const PREFIX = '0925';
const caller = (n: number) => `${PREFIX}${String(n).padStart(6, '0')}`;

async function readiness(): Promise<{ status: number; body: unknown }> {
  const res = await fetch(`${system.url}/healthz`, { signal: AbortSignal.timeout(15_000) });
  return { status: res.status, body: await res.json() };
}

/** What a console sees for a few routes: status and error code of each. */
async function apiAnswers(dispatcher: ApiClient): Promise<Array<[number, string | undefined]>> {
  const requests: Array<[string, string, unknown?]> = [
    ['GET', '/incidents'],
    ['GET', '/units'],
    [
      'POST',
      '/incidents',
      { type: 'fire', subtype: 'structure-fire', location: { point: { lat: 10.77, lon: 106.7 } } },
    ],
  ];
  const answers: Array<[number, string | undefined]> = [];
  for (const [method, path, body] of requests) {
    const res = await dispatcher.request(method, path, body);
    const json = (await res.json()) as { error?: { code: string } };
    answers.push([res.status, json.error?.code]);
  }
  return answers;
}

it('queues and answers calls, answers 503 and recovers on its own', { timeout: 240_000 }, async () => {
  const kamailio = sipPeer(system);
  const dispatcher = await loginDemo(system.url, 'dsp1');
  const callTaker = await loginDemo(system.url, 'ct1');
  const numbers = [1, 2, 3].map(caller);
  const phone = await startPhone(kamailio, '1001', { calls: numbers.length });
  await callTaker.expectJson('POST', '/calltakers/me/ready', { ready: true });
  const incidentsBefore = await dispatcher.expectJson<{ incidents: unknown[] }>('GET', '/incidents');

  await postgres.refuse();
  expect(await readiness()).toEqual({ status: 503, body: { ok: false, database: 'down', redis: 'up' } });
  expect(await apiAnswers(dispatcher)).toEqual([
    [503, 'unavailable'],
    [503, 'unavailable'],
    [503, 'unavailable'],
  ]);
  // The call path needs no PostgreSQL: callers queue and the ready call-taker's phone answers them.
  for (const number of numbers) await dial(kamailio, number).ok();
  await phone.run.ok();
  expect(await recordedCalls(system.database.adminUrl, PREFIX)).toEqual([]);
  expect((await readiness()).status).toBe(503);

  await postgres.restore();
  await waitFor(async () => ((await readiness()).status === 200 ? true : undefined), 'readiness', 60_000);
  expect(await dispatcher.expectJson('GET', '/incidents')).toEqual(incidentsBefore);
  const calls = await callsRecorded(system.database.adminUrl, PREFIX, numbers, (c) => c.state === 'ended');
  expect(calls.map((c) => c.callerNumber)).toEqual(numbers);
  const { user } = await callTaker.expectJson<{ user: { id: string } }>('GET', '/auth/me');
  expect(calls.every((c) => c.agentUserId === user.id)).toBe(true);
  await dispatcher.expectJson(
    'POST',
    '/incidents',
    {
      type: 'fire',
      subtype: 'structure-fire',
      location: { point: { lat: 10.77, lon: 106.7 }, address: 'after the outage' },
    },
    201,
  );
});
