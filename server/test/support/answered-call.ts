// A call already answered by a call-taker, written straight to PostgreSQL: for tests of what follows an answer
// (links, recordings) without SIP.
import type { Call } from '@hcm112/shared';
import type { Kysely } from 'kysely';
import { insertCall } from '../../src/calls/repository.ts';
import type { Database } from '../../src/db/schema.ts';

export async function answeredCall(
  db: Kysely<Database>,
  callTakerId: string,
  ids: { sipCallId: string; callerNumber: string },
): Promise<Call> {
  const call = await insertCall(db, {
    ...ids,
    callerIdentity: 'network-asserted',
    callerPrivacy: false,
    dialedNumber: '112',
    service: '112',
    state: 'answered',
    arrivedAt: new Date(Date.now() - 20_000),
    location: null,
    locationRaw: null,
  });
  if (!call) throw new Error('no call');
  await db
    .updateTable('calls')
    .set({ agent_user_id: callTakerId, answered_at: new Date() })
    .where('id', '=', call.id)
    .execute();
  return call;
}
