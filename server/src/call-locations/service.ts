// A call's location history: every location is added, none overwritten; after each the call's location in use is
// chosen again (newest, unless an older one is much more precise and close in time) and pushed to consoles.
import { type Call, type CallLocationsOfIncident, chooseLocation, type LocationFix } from '@hcm112/shared';
import type { Kysely } from 'kysely';
import { type Actor, appendAudit } from '../audit/repository.ts';
import { acdClientOf } from '../calls/acd-client.ts';
import { findCall } from '../calls/repository.ts';
import type { AppContext } from '../context.ts';
import type { Database } from '../db/schema.ts';
import { Conflict, NotFound } from '../errors.ts';
import { loadIncident } from '../incidents/service.ts';
import { applyChoice, insertFix, listFixes, type NewFix } from './repository.ts';

/** Adds the fixes in `trx` and applies the choice; returns the call as it now is. */
export async function addFixes(trx: Kysely<Database>, callId: string, fixes: Omit<NewFix, 'callId'>[]) {
  for (const f of fixes) await insertFix(trx, { ...f, callId });
  const all = await listFixes(trx, callId);
  const choice = chooseLocation(all);
  const chosen = choice && all.find((f) => f.id === choice.fixId)?.location;
  if (choice && chosen) await applyChoice(trx, callId, chosen, choice);
  return findCall(trx, callId);
}

/**
 * Records one location of a call from outside the SIP path (HELD, AML, the call-taker) and announces it;
 * `alongside` writes what goes with it (the message it came in) in the same transaction.
 */
export async function recordLocation(
  ctx: AppContext,
  actor: Actor,
  callId: string,
  fix: Omit<NewFix, 'callId'>,
  requestId?: string,
  alongside?: (trx: Kysely<Database>) => Promise<void>,
): Promise<Call> {
  const call = await ctx.db.transaction().execute(async (trx) => {
    const before = await findCall(trx, callId, true);
    if (!before) throw new NotFound('call');
    const after = (await addFixes(trx, callId, [fix])) as Call;
    await appendAudit(trx, {
      actor,
      action: fix.location ? 'call.location' : 'call.location-unusable',
      targetType: 'call',
      targetId: callId,
      before: { location: before.location },
      after: {
        source: fix.source,
        location: fix.location,
        problem: fix.problem,
        choice: after.locationChoice,
      },
      requestId,
    });
    await alongside?.(trx);
    return after;
  });
  await ctx.events.publish({ type: 'call.updated', call });
  return call;
}

export async function locationHistory(ctx: AppContext, callId: string): Promise<LocationFix[]> {
  if (!(await findCall(ctx.db, callId))) throw new NotFound('call');
  return listFixes(ctx.db, callId);
}

/** Every location each call of an incident had, with the one in use; calls in arrival order. */
export async function incidentLocationHistory(
  db: Kysely<Database>,
  incidentId: string,
): Promise<CallLocationsOfIncident[]> {
  const incident = await loadIncident(db, incidentId);
  const out: CallLocationsOfIncident[] = [];
  for (const callId of incident.callIds) {
    const call = await findCall(db, callId);
    if (!call) continue;
    const fixes = await listFixes(db, callId);
    out.push({
      callId,
      callerNumber: call.callerNumber,
      arrivedAt: call.arrivedAt,
      fixes,
      choice: chooseLocation(fixes),
    });
  }
  return out.sort((a, b) => Date.parse(a.arrivedAt) - Date.parse(b.arrivedAt));
}

/** Asks call control to dereference the call's location by reference again; 409 when the call has none. */
export async function refreshLocation(ctx: AppContext, actor: Actor, callId: string, requestId?: string) {
  const row = await ctx.db
    .selectFrom('calls')
    .select(['sip_call_id', 'location_uri', 'ended_at'])
    .where('id', '=', callId)
    .executeTakeFirst();
  if (!row) throw new NotFound('call');
  if (!row.location_uri) throw new Conflict('the call has no location by reference');
  const result = await acdClientOf(ctx).command({
    cmd: 'locate',
    sipCallId: row.sip_call_id,
    uri: row.location_uri,
  });
  if (!result.ok) throw new Conflict(result.reason);
  await appendAudit(ctx.db, {
    actor,
    action: 'call.location-refresh',
    targetType: 'call',
    targetId: callId,
    after: { uri: row.location_uri },
    requestId,
  });
}
