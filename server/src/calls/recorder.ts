// Records call events from call control into PostgreSQL, in order per call, and pushes each call to consoles.
import { type CallEvent, chooseLocation, hopNow, SERVICE_AGENCY, type ServiceNumber } from '@hcm112/shared';
import type { HopTrace } from '@hcm112/shared/hop-trace';
import type { Updateable } from 'kysely';
import { appendAudit, auditRowsOf } from '../audit/repository.ts';
import type { AppContext } from '../context.ts';
import type { CallsTable } from '../db/schema.ts';
import { arrivalFixesOf } from '../call-locations/repository.ts';
import { addFixes } from '../call-locations/service.ts';
import { endCallerVideo } from '../caller-links/video.ts';
import { requestRecording } from '../recordings/worker.ts';
import { onTextCallEvent } from '../text112/text-call-events.ts';
import {
  type AgentChange,
  changeCallBySipId,
  insertArrival,
  lockCallBySipId,
  recordRefusal,
} from './repository.ts';

export const TELEPHONY_ACTOR = Object.freeze({ id: null, name: 'telephony' });

/** Thrown when an event comes before the call it belongs to is recorded; the job is retried. */
export class CallNotYetRecorded extends Error {
  constructor(readonly sipCallId: string) {
    // Said in words: a supervisor reads it in the list of call events that could not be recorded.
    super('no call of this Call-ID was recorded before this event (its arrival is missing)');
  }
}

const serviceOf = (dialed: string) => (dialed in SERVICE_AGENCY ? dialed : '112') as ServiceNumber;

/** `hopTrace`: where an arrival's commit and publish are stamped when a benchmark asks (HOP_TRACE). */
export async function recordCallEvent(ctx: AppContext, e: CallEvent, hopTrace?: HopTrace): Promise<void> {
  const call =
    e.type === 'arrived' || e.type === 'fallback'
      ? await recordArrival(ctx, e)
      : e.type === 'refused'
        ? await recordRefused(ctx, e)
        : e.type === 'located'
          ? await recordLocated(ctx, e)
          : await recordChange(ctx, e);
  const traced = hopTrace?.enabled && e.type === 'arrived' && call;
  const committed = traced ? hopNow() : 0;
  // A retried arrival already recorded was announced then.
  if (call) await ctx.events.publish({ type: 'call.updated', call });
  if (traced) hopTrace.note(e.sipCallId, { committed, published: hopNow() });
  if (call?.channel === 'text') await onTextCallEvent(ctx, e, call);
  else if (e.type === 'ended' && call?.answeredAt) {
    await askForRecording(ctx, call.id, e.sipCallId);
    await endCallerVideo(ctx, call.id).catch((err: unknown) =>
      ctx.log.error({ module: 'caller-links', callId: call.id, err: String(err) }, 'caller video not ended'),
    );
  }
}

/**
 * A call's arrival in one statement: the row, the history of the locations its INVITE carried (usable or not) with
 * the one in use chosen among them, and the audit row. Null when a retried arrival was already recorded.
 */
function recordArrival(ctx: AppContext, e: Extract<CallEvent, { type: 'arrived' | 'fallback' }>) {
  const fixes = [
    ...(e.location ? [e.location, ...e.moreLocations] : []).map((location) => ({
      source: location.source,
      location,
      problem: null,
    })),
    ...e.locationProblems.map((problem) => ({ source: 'pidf-lo' as const, location: null, problem })),
  ];
  const receivedAt = new Date().toISOString();
  const choice = chooseLocation(fixes.map((f, i) => ({ ...f, id: i, receivedAt })));
  const chosen = choice ? (fixes[choice.fixId]?.location ?? null) : null;
  return insertArrival(
    ctx.recordingDb,
    {
      ...callerOf(e),
      state: e.type === 'fallback' ? 'fallback' : 'queued',
      arrivedAt: new Date(e.at),
      location: chosen,
      locationChoice: choice?.reason ?? null,
      locationRaw: e.locationRaw,
      locationUri: e.locationUri,
    },
    [
      ...(fixes.length > 0 ? [(arrived: string) => arrivalFixesOf(arrived, fixes)] : []),
      (arrived) =>
        auditRowsOf(arrived, {
          actor: TELEPHONY_ACTOR,
          action: `call.${e.type}`,
          targetType: 'call',
          // The sender's document is kept once per fix, in the call's location history (call_locations.raw).
          after: { ...e, locationRaw: e.locationRaw === null ? null : `${e.locationRaw.length} characters` },
        }),
    ],
  );
}

/** An emergency INVITE the SIP edge refused: a row owed a callback (a folded flood adds to its count). */
function recordRefused(ctx: AppContext, e: Extract<CallEvent, { type: 'refused' }>) {
  return ctx.recordingDb.transaction().execute(async (trx) => {
    const refused = await recordRefusal(trx, {
      ...callerOf(e),
      at: new Date(e.at),
      reason: e.reason,
      source: e.source,
      count: e.count,
    });
    await appendAudit(trx, {
      actor: TELEPHONY_ACTOR,
      action: 'call.refused',
      targetType: 'call',
      targetId: refused.id,
      after: e,
    });
    return refused;
  });
}

/** Locations from after the INVITE (HELD by reference): added to the call's history, none overwritten. */
function recordLocated(ctx: AppContext, e: Extract<CallEvent, { type: 'located' }>) {
  return ctx.recordingDb.transaction().execute(async (trx) => {
    const before = await lockCallBySipId(trx, e.sipCallId, new Date(e.at));
    if (!before) throw new CallNotYetRecorded(e.sipCallId);
    const fixes = e.locations.length
      ? e.locations.map((location) => ({ source: e.source, location, problem: null, raw: e.raw }))
      : [{ source: e.source, location: null, problem: e.problem ?? 'no location', raw: e.raw }];
    const located = await addFixes(trx, before.id, fixes);
    await appendAudit(trx, {
      actor: TELEPHONY_ACTOR,
      action: 'call.located',
      targetType: 'call',
      targetId: before.id,
      after: { source: e.source, locations: e.locations, problem: e.problem },
    });
    return located;
  });
}

/** An event that moves a recorded call on (offered, answered, ended...), with its audit row, in one statement. */
async function recordChange(ctx: AppContext, e: Parameters<typeof changesOf>[0]) {
  const { changes, agent } = changesOf(e);
  const after = await changeCallBySipId(
    ctx.recordingDb,
    e.sipCallId,
    new Date(e.at),
    changes,
    agent,
    (changed, before) =>
      auditRowsOf(changed, {
        actor: TELEPHONY_ACTOR,
        action: `call.${e.type}`,
        targetType: 'call',
        before,
        after: e,
      }),
  );
  if (!after) throw new CallNotYetRecorded(e.sipCallId);
  return after;
}

/** Who called what, as an arrival or a refusal records it. */
function callerOf(e: Extract<CallEvent, { type: 'arrived' | 'fallback' | 'refused' }>) {
  return {
    sipCallId: e.sipCallId,
    callerNumber: e.callerNumber,
    callerIdentity: e.callerIdentity,
    callerPrivacy: e.callerPrivacy,
    dialedNumber: e.dialedNumber,
    service: serviceOf(e.dialedNumber),
  };
}

/** A recording that cannot be asked for is logged, never a reason to hold the call's events back. */
async function askForRecording(ctx: AppContext, callId: string, sipCallId: string): Promise<void> {
  try {
    await requestRecording(ctx, { callId, sipCallId });
  } catch (err) {
    ctx.log.error({ module: 'recordings', callId, err: String(err) }, 'recording not requested');
  }
}

/** The columns an event after the arrival changes, and whose call it becomes. */
function changesOf(e: Exclude<CallEvent, { type: 'arrived' | 'fallback' | 'refused' | 'located' }>): {
  changes: Updateable<CallsTable>;
  agent?: AgentChange;
} {
  const at = new Date(e.at);
  switch (e.type) {
    case 'offered':
      return {
        changes: { state: 'ringing-agent', offered_at: at },
        agent: { extension: e.extension, otherwise: 'clear' },
      };
    case 'requeued':
      return { changes: { state: 'queued' } };
    case 'overflowed':
      return {
        changes: {
          state: 'fallback',
          ...(e.destination && { overflow_to: e.destination, overflow_reason: e.reason }),
        },
        // Ringing elsewhere now: no call-taker of ours has it.
        ...(e.destination && { agent: { extension: '', otherwise: 'clear' as const } }),
      };
    case 'answered':
      return {
        changes: { state: 'answered', answered_at: at },
        agent: { extension: e.extension, otherwise: 'keep' },
      };
    case 'abandoned':
      return {
        changes: { state: 'abandoned', ended_at: at, ended_by: e.reason === 'caller' ? 'caller' : 'system' },
      };
    case 'ended':
      return { changes: { state: 'ended', ended_at: at, ended_by: e.endedBy } };
  }
}
