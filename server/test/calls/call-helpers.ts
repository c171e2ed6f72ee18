// What call tests share: waiting for a call's recorded state, a logged-in call-taker made ready over the API.
import type { Call } from '@hcm112/shared';
import { expect } from 'vitest';
import { findCallBySipId } from '../../src/calls/repository.ts';
import type { RunningServer } from '../../src/server.ts';
import type { TestDatabase } from '../support/databases.ts';
import { type Client, login, makeUser } from '../support/server.ts';
import { waitFor } from '@hcm112/telephony/testing';

/** The call from `caller` once PostgreSQL records it in `state`. */
export function recordedCall(
  tdb: TestDatabase,
  caller: string,
  state: Call['state'],
  ms?: number,
): Promise<Call> {
  return waitFor(
    async () => {
      const row = await tdb.db
        .selectFrom('calls')
        .select('sip_call_id')
        .where('caller_number', '=', caller)
        .orderBy('arrived_at', 'desc')
        .executeTakeFirst();
      const call = row && (await findCallBySipId(tdb.db, row.sip_call_id));
      return call?.state === state ? call : undefined;
    },
    `the call from ${caller} to be recorded as ${state}`,
    ms,
  );
}

/** What the telephony actor recorded for a call, in order. */
export async function telephonyActions(tdb: TestDatabase, callId: string) {
  const rows = await tdb.db
    .selectFrom('audit_log')
    .select(['action', 'after'])
    .where('target_id', '=', callId)
    .where('actor_name', '=', 'telephony')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ action: r.action, after: r.after as Record<string, unknown> }));
}

/** A call-taker with a phone extension, logged in; ready unless `ready: false`. */
export async function callTaker(
  tdb: TestDatabase,
  server: RunningServer,
  extension: string,
  ready = true,
): Promise<Client> {
  const client = await login(server.url, await makeUser(tdb.db, 'call-taker', { sipExtension: extension }));
  if (ready) {
    const res = await client.fetch('/api/calltakers/me/ready', { method: 'POST', json: { ready: true } });
    expect(res.status).toBe(200);
  }
  return client;
}
