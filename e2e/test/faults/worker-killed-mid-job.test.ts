// Fault: a server instance is killed (SIGKILL) while its call-event readers are in the middle of events.
// Two instances share the database and Redis, as behind a load balancer; the first one's PostgreSQL link is
// stalled so the events it reads hang mid-transaction, then it dies. The surviving instance claims the events
// the dead one read and never applied (once idle CLAIM_IDLE_MS): every call is recorded, each event once.
import { CALL_EVENT_GROUP, CALL_EVENT_SHARDS, callEventStream } from '@hcm112/shared';
import { Redis } from 'ioredis';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { sipp, waitFor } from '@hcm112/telephony/testing';
import { type RunningSystem, startSystem } from '../../src/harness/system.ts';
import { TcpProxy } from '../../src/harness/tcp-proxy.ts';
import { callControlLeading, callsRecorded, recordedCalls, sipPeer } from '../../src/harness/telephony.ts';

let doomedLink: TcpProxy;
let system: RunningSystem;
let redis: Redis;

beforeAll(async () => {
  doomedLink = await TcpProxy.start(5432);
  system = await startSystem({ databasePort: doomedLink.port, env: { FALLBACK_EXTS: '1999' } });
  await system.startInstance();
  await callControlLeading(system);
  redis = new Redis(system.redisUrl);
});

afterAll(async () => {
  redis?.disconnect();
  await system?.stop();
  await doomedLink?.close();
});

const PREFIX = '0926';

/** Ids of the call events a reader holds now (read, not yet applied). */
async function activeJobs(): Promise<string[]> {
  const lists = await Promise.all(
    Array.from({ length: CALL_EVENT_SHARDS }, async (_, shard) => {
      const held = (await redis
        .xpending(callEventStream(system.redisPrefix, shard), CALL_EVENT_GROUP, '-', '+', 1000)
        .catch(() => [])) as Array<[string, ...unknown[]]>;
      return held.map(([id]) => id);
    }),
  );
  return lists.flat();
}

/** How many times each call's events were applied, from the audit log. */
async function auditedEvents(callIds: string[]): Promise<Record<string, number>> {
  const client = new pg.Client({ connectionString: system.database.adminUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ key: string; n: number }>(
      `SELECT target_id || ' ' || action AS key, count(*)::int AS n FROM audit_log
       WHERE target_id = ANY($1) GROUP BY 1`,
      [callIds],
    );
    return Object.fromEntries(rows.map((r) => [r.key, r.n]));
  } finally {
    await client.end();
  }
}

it('hands the events a killed server read to the other instance; each event recorded once', {
  timeout: 300_000,
}, async () => {
  doomedLink.stall();
  // Callers who ring briefly and hang up: an arrival and an abandonment each. Dial until the doomed
  // instance holds some of their events (the other instance's jobs finish in milliseconds).
  const callers: string[] = [];
  let held: string[] = [];
  for (let n = 1; n <= 24 && held.length === 0; n += 1) {
    const number = `${PREFIX}${String(n).padStart(6, '0')}`;
    callers.push(number);
    await sipp('caller-abandons.xml', sipPeer(system).target, ['-s', '112', '-m', '1', '-d', '300'], {
      caller: number,
    }).ok();
    await new Promise((r) => setTimeout(r, 1500));
    held = await activeJobs();
  }
  expect(held.length).toBeGreaterThan(0);

  await system.server.kill('SIGKILL');
  const calls = await callsRecorded(
    system.database.adminUrl,
    PREFIX,
    callers,
    (c) => c.state === 'abandoned',
    180_000,
  );
  expect(calls.map((c) => c.callerNumber)).toEqual(callers);
  await waitFor(async () => ((await activeJobs()).length === 0 ? true : undefined), 'no job left active');

  const applied = await auditedEvents(calls.map((c) => c.id));
  const expected = Object.fromEntries(
    calls.flatMap((c) => [
      [`${c.id} call.arrived`, 1],
      [`${c.id} call.abandoned`, 1],
    ]),
  );
  expect(applied).toEqual(expected);
  expect(await recordedCalls(system.database.adminUrl, PREFIX)).toHaveLength(callers.length);
});
