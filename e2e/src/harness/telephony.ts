// Telephony peers for whole systems: the system's Kamailio as a target for the SIPp helpers of
// @hcm112/telephony/testing, waiting for call control to lead, and the calls as PostgreSQL recorded them.
import { controllerInstance, type Kamailio, waitFor } from '@hcm112/telephony/testing';
import { Redis } from 'ioredis';
import pg from 'pg';
import type { ApiClient } from './api-client.ts';
import type { RunningSystem } from './system.ts';

/** The system's Kamailio, for the SIPp helpers and `rpc`; the system, not the test, stops it. */
export function sipPeer(system: RunningSystem): Kamailio {
  if (!system.kamailio) throw new Error('the system was started without telephony');
  return system.kamailio;
}

/** Resolves once a call-control instance leads and is in sync with Kamailio. */
export async function callControlLeading(system: RunningSystem, ms = 60_000): Promise<string> {
  const redis = new Redis(system.redisUrl, { maxRetriesPerRequest: 1 });
  try {
    return await waitFor(
      () => controllerInstance(redis, system.redisPrefix).catch(() => undefined),
      'call control to lead and sync with Kamailio',
      ms,
    );
  } finally {
    redis.disconnect();
  }
}

export interface RecordedCall {
  id: string;
  sipCallId: string;
  callerNumber: string;
  state: string;
  arrivedAt: Date;
  answeredAt: Date | null;
  agentUserId: string | null;
}

/**
 * Every call PostgreSQL holds from numbers starting with `callerPrefix` (a national form, 09...), by arrival.
 * Calls are recorded in E.164 (+849...); each is returned with its number in the national form the test dialled.
 */
export async function recordedCalls(databaseUrl: string, callerPrefix: string): Promise<RecordedCall[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<RecordedCall>(
      `SELECT id, sip_call_id AS "sipCallId", caller_number AS "callerNumber", state,
              arrived_at AS "arrivedAt", answered_at AS "answeredAt", agent_user_id AS "agentUserId"
       FROM calls WHERE caller_number LIKE $1 ORDER BY arrived_at, id`,
      [`${callerPrefix.replace(/^0/, '+84')}%`],
    );
    return rows.map((r) => ({ ...r, callerNumber: r.callerNumber.replace(/^\+84/, '0') }));
  } finally {
    await client.end();
  }
}

/** Waits until the calls from `callers` are all recorded and each satisfies `done`. */
export function callsRecorded(
  databaseUrl: string,
  callerPrefix: string,
  callers: string[],
  done: (call: RecordedCall) => boolean,
  ms = 90_000,
): Promise<RecordedCall[]> {
  return waitFor(
    async () => {
      const calls = await recordedCalls(databaseUrl, callerPrefix).catch(() => []);
      const ok = callers.every((c) => calls.some((call) => call.callerNumber === c && done(call)));
      return ok ? calls : undefined;
    },
    `calls from ${callers.join(', ')} to be recorded`,
    ms,
  );
}

/** Waits until every one of `callers` shows in the queue a console reads (GET /calls/queue). */
export async function everyCallerQueued(viewer: ApiClient, callers: string[], ms = 60_000): Promise<void> {
  await waitFor(
    async () => {
      const { calls } = await viewer.expectJson<{ calls: { callerNumber: string }[] }>('GET', '/calls/queue');
      // The queue gives numbers in E.164, the callers are dialled in national form.
      const numbers = calls.map((c) => c.callerNumber.replace(/^\+84/, '0'));
      return callers.every((n) => numbers.includes(n)) ? true : undefined;
    },
    'every caller to show in the queue',
    ms,
  );
}
