// What call tests share: waiting for a call's recorded state, a logged-in call-taker made ready over the API.
import { toE164 } from '@hcm112/shared';
import type { Call } from '@hcm112/shared';
import { expect } from 'vitest';
import { findCallBySipId } from '../../src/calls/repository.ts';
import type { TestDatabase } from '../support/databases.ts';
import type { Client } from '../support/server.ts';
import type { ServerStack } from '../support/server-stack.ts';
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
        // Recorded in E.164: a national form dialled by the test (09...) is +849... in the record.
        .where('caller_number', 'in', [caller, toE164(caller) ?? caller])
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
export async function callTaker(stack: ServerStack, extension: string, ready = true): Promise<Client> {
  const client = await stack.loginAs('call-taker', { sipExtension: extension });
  if (ready) {
    const res = await client.fetch('/api/calltakers/me/ready', { method: 'POST', json: { ready: true } });
    expect(res.status).toBe(200);
  }
  return client;
}
