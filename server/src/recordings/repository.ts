// The only SQL of recordings: the index row of each answered call's recording.
import type { CallRecording, NotRecordedReason } from '@hcm112/shared';
import type { OnConflictBuilder, Selectable } from 'kysely';
import type { Db } from '../db/database.ts';
import type { CallRecordingsTable, Database } from '../db/schema.ts';

type Row = Selectable<CallRecordingsTable>;

/** One row per call (its own recording) and one per leg: a repeated job inserts nothing. */
function onePerCallOrLeg(oc: OnConflictBuilder<Database, 'call_recordings'>, legId: string | null) {
  return legId === null
    ? oc.column('call_id').where('leg_id', 'is', null).where('kind', '=', 'audio').doNothing()
    : oc.column('leg_id').doNothing();
}

export function toRecording(r: Row): CallRecording {
  return {
    id: r.id,
    callId: r.call_id,
    kind: r.kind as CallRecording['kind'],
    linkId: r.link_id,
    legId: r.leg_id,
    status: r.status as CallRecording['status'],
    reason: r.reason as CallRecording['reason'],
    startedAt: r.started_at?.toISOString() ?? null,
    durationMs: r.duration_ms,
    sizeBytes: r.size_bytes === null ? null : Number(r.size_bytes),
    sha256: r.sha256,
    path: r.path,
    createdAt: r.created_at.toISOString(),
    deletedAt: r.deleted_at?.toISOString() ?? null,
    held: r.held,
  };
}

/** The call's own recording, or with `legId` the recording of that call out of the call (call_legs). */
export async function recordingOfCall(
  db: Db,
  callId: string,
  legId: string | null = null,
): Promise<CallRecording | undefined> {
  const row = await db
    .selectFrom('call_recordings')
    .selectAll()
    .where('call_id', '=', callId)
    .where('kind', '=', 'audio')
    .where('leg_id', legId === null ? 'is' : '=', legId)
    .executeTakeFirst();
  return row && toRecording(row);
}

/** The recordings of the caller's video sent through the call's location links, oldest first. */
export async function videoRecordingsOfCall(db: Db, callId: string): Promise<CallRecording[]> {
  const rows = await db
    .selectFrom('call_recordings')
    .selectAll()
    .where('call_id', '=', callId)
    .where('kind', '=', 'video')
    .orderBy('created_at')
    .execute();
  return rows.map(toRecording);
}

/** The recording of the video sent through one location link. */
export async function videoRecordingOfLink(db: Db, linkId: string): Promise<CallRecording | undefined> {
  const row = await db
    .selectFrom('call_recordings')
    .selectAll()
    .where('link_id', '=', linkId)
    .executeTakeFirst();
  return row && toRecording(row);
}

export interface StoredVideo {
  callId: string;
  linkId: string;
  startedAt: Date;
  durationMs: number;
  sizeBytes: number;
  sha256: string;
  path: string;
}

/** Inserts the ready row of a link's video; a second job for the same link changes nothing (null). */
export async function insertStoredVideo(db: Db, r: StoredVideo): Promise<CallRecording | null> {
  const row = await db
    .insertInto('call_recordings')
    .values({
      call_id: r.callId,
      kind: 'video',
      link_id: r.linkId,
      status: 'ready',
      started_at: r.startedAt,
      duration_ms: r.durationMs,
      size_bytes: r.sizeBytes,
      sha256: r.sha256,
      path: r.path,
    })
    .onConflict((oc) => oc.column('link_id').doNothing())
    .returningAll()
    .executeTakeFirst();
  return row ? toRecording(row) : null;
}

/** A link's video went unrecorded, with the reason; a second job for the same link changes nothing (null). */
export async function insertVideoNotRecorded(
  db: Db,
  callId: string,
  linkId: string,
  reason: NotRecordedReason,
): Promise<CallRecording | null> {
  const row = await db
    .insertInto('call_recordings')
    .values({ call_id: callId, kind: 'video', link_id: linkId, status: 'not-recorded', reason })
    .onConflict((oc) => oc.column('link_id').doNothing())
    .returningAll()
    .executeTakeFirst();
  return row ? toRecording(row) : null;
}

export interface StoredRecording {
  callId: string;
  /** A call out of the call (call_legs); null or absent: the call's own recording. */
  legId?: string | null;
  startedAt: Date;
  durationMs: number;
  sizeBytes: number;
  sha256: string;
  path: string;
}

/** Inserts the ready row; a second job for the same call changes nothing (null). */
export async function insertStored(db: Db, r: StoredRecording): Promise<CallRecording | null> {
  const row = await db
    .insertInto('call_recordings')
    .values({
      call_id: r.callId,
      leg_id: r.legId ?? null,
      status: 'ready',
      started_at: r.startedAt,
      duration_ms: r.durationMs,
      size_bytes: r.sizeBytes,
      sha256: r.sha256,
      path: r.path,
    })
    .onConflict((oc) => onePerCallOrLeg(oc, r.legId ?? null))
    .returningAll()
    .executeTakeFirst();
  return row ? toRecording(row) : null;
}

export async function insertNotRecorded(
  db: Db,
  callId: string,
  reason: NotRecordedReason,
  legId: string | null = null,
): Promise<CallRecording | null> {
  const row = await db
    .insertInto('call_recordings')
    .values({ call_id: callId, leg_id: legId, status: 'not-recorded', reason })
    .onConflict((oc) => onePerCallOrLeg(oc, legId))
    .returningAll()
    .executeTakeFirst();
  return row ? toRecording(row) : null;
}

/** Answered calls since `since` the recording job marked not recorded. */
export async function notRecordedSince(db: Db, since: Date): Promise<number> {
  const row = await db
    .selectFrom('call_recordings')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('status', '=', 'not-recorded')
    .where('created_at', '>=', since)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The call-taker's most recent call that ended, for their instant recall. */
export async function lastEndedCallOf(db: Db, userId: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('calls')
    .select('id')
    .where('agent_user_id', '=', userId)
    .where('ended_at', 'is not', null)
    .orderBy('ended_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.id;
}

/**
 * Stored recordings older than `before` that may expire: not held for an investigation, and not of a call whose
 * incident is still open.
 */
export async function expiringRecordings(db: Db, before: Date, limit = 500): Promise<CallRecording[]> {
  const rows = await db
    .selectFrom('call_recordings as r')
    .innerJoin('calls as c', 'c.id', 'r.call_id')
    .leftJoin('incidents as i', 'i.id', 'c.incident_id')
    .selectAll('r')
    .where('r.status', '=', 'ready')
    .where('r.held', '=', false)
    .where('r.created_at', '<', before)
    .where((eb) => eb.or([eb('c.incident_id', 'is', null), eb('i.status', '=', 'closed')]))
    .orderBy('r.created_at')
    .limit(limit)
    .execute();
  return rows.map(toRecording);
}

/** Marks a stored recording deleted; null when another instance already did. */
export async function markDeleted(db: Db, id: string, at: Date): Promise<CallRecording | null> {
  const row = await db
    .updateTable('call_recordings')
    .set({ status: 'deleted', deleted_at: at })
    .where('id', '=', id)
    .where('status', '=', 'ready')
    .returningAll()
    .executeTakeFirst();
  return row ? toRecording(row) : null;
}

/** Holds (or releases) every recording of the call, its video too; returns the call's own audio row. */
export async function setHeld(db: Db, callId: string, held: boolean): Promise<CallRecording | null> {
  const rows = await db
    .updateTable('call_recordings')
    .set({ held })
    .where('call_id', '=', callId)
    .returningAll()
    .execute();
  const own = rows.find((r) => r.kind === 'audio' && r.leg_id === null);
  return own ? toRecording(own) : null;
}
