// Calls in PostgreSQL: the only SQL touching the calls table.
import {
  type Call,
  type CallEndedBy,
  type CallerIdentitySource,
  CallerLocation,
  type CallState,
  type LocationSource,
  type ServiceNumber,
  toE164,
} from '@hcm112/shared';
import {
  type Kysely,
  type QueryCreator,
  type RawBuilder,
  sql,
  type Updateable,
  type UpdateObject,
} from 'kysely';
import { executePrepared } from '../db/database.ts';
import { latLonOf, pointValue, toPoint } from '../db/geo.ts';
import type { CallsTable, Database } from '../db/schema.ts';

/**
 * What a call is read back with: every column but the sender's location document (location_raw, up to 70 KB, kept
 * for the record and the location history, never shown from here) and the raw geography (read as loc_lat/loc_lon).
 */
const CALL_FIELDS = [
  'id',
  'sip_call_id',
  'caller_number',
  'caller_identity',
  'caller_privacy',
  'dialed_number',
  'service',
  'channel',
  'state',
  'arrived_at',
  'offered_at',
  'answered_at',
  'ended_at',
  'ended_by',
  'agent_user_id',
  'location_accuracy_m',
  'location_source',
  'location_detail',
  'location_choice',
  'location_uri',
  'incident_id',
  'callback_at',
  'callback_by',
  'overflow_to',
  'overflow_reason',
  'refused_reason',
  'refused_source',
  'refused_count',
  'updated_at',
  'ward',
] as const;

/** The same, named with their table: an UPDATE ... FROM another table would find some names ambiguous. */
const CALL_COLUMNS = CALL_FIELDS.map((f) => `calls.${f}` as const);

function selectCalls(db: Kysely<Database>) {
  return db.selectFrom('calls').select(CALL_COLUMNS).select(latLonOf('calls.location', 'loc'));
}

type CallRow = Awaited<ReturnType<ReturnType<typeof selectCalls>['executeTakeFirstOrThrow']>>;

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function toCall(r: CallRow): Call {
  const point = toPoint(r.loc_lat, r.loc_lon);
  return {
    id: r.id,
    sipCallId: r.sip_call_id,
    callerNumber: r.caller_number,
    callerIdentity: r.caller_identity as CallerIdentitySource,
    callerPrivacy: r.caller_privacy,
    dialedNumber: r.dialed_number,
    service: r.service as ServiceNumber,
    channel: r.channel === 'text' ? 'text' : 'voice',
    state: r.state as CallState,
    arrivedAt: r.arrived_at.toISOString(),
    offeredAt: iso(r.offered_at),
    answeredAt: iso(r.answered_at),
    endedAt: iso(r.ended_at),
    endedBy: r.ended_by as CallEndedBy | null,
    agentUserId: r.agent_user_id,
    location: point
      ? {
          point,
          accuracyM: r.location_accuracy_m,
          source: (r.location_source ?? 'network') as LocationSource,
          ...locationDetail(r.location_detail),
        }
      : null,
    locationChoice: (r.location_choice as Call['locationChoice']) ?? null,
    ward: point ? r.ward : null,
    locationByReference: r.location_uri !== null,
    incidentId: r.incident_id,
    callbackAt: iso(r.callback_at),
    overflowTo: r.overflow_to,
    overflowReason: r.overflow_reason,
    refusal: r.refused_reason
      ? { reason: r.refused_reason, source: r.refused_source, count: r.refused_count }
      : null,
  };
}

const LocationDetail = CallerLocation.pick({ shape: true, method: true, at: true });
const NO_DETAIL = { shape: null, method: null, at: null };

/** The shape, method and time kept beside a call's location; a row written before them has none. */
function locationDetail(raw: unknown) {
  const parsed = LocationDetail.safeParse(raw ?? NO_DETAIL);
  return parsed.success ? parsed.data : NO_DETAIL;
}

/** What of a location is kept as JSON beside its point. */
export function detailOf(l: CallerLocation) {
  return JSON.stringify({ shape: l.shape, method: l.method, at: l.at });
}

export async function findCall(
  db: Kysely<Database>,
  id: string,
  forUpdate = false,
): Promise<Call | undefined> {
  let q = selectCalls(db).where('calls.id', '=', id);
  if (forUpdate) q = q.forUpdate();
  const row = await q.executeTakeFirst();
  return row && toCall(row);
}

export async function linkCallToIncident(
  db: Kysely<Database>,
  callId: string,
  incidentId: string,
): Promise<void> {
  await db
    .updateTable('calls')
    .set({ incident_id: incidentId, updated_at: new Date() })
    .where('id', '=', callId)
    .execute();
}

export async function callsOfIncidents(db: Kysely<Database>, incidentIds: string[]) {
  if (incidentIds.length === 0) return [];
  return db
    .selectFrom('calls')
    .select(['id', 'incident_id', 'caller_number', 'arrived_at', 'answered_at', 'service'])
    .where('incident_id', 'in', incidentIds)
    .orderBy('arrived_at')
    .execute();
}

export async function findCallBySipId(
  db: Kysely<Database>,
  sipCallId: string,
  forUpdate = false,
): Promise<Call | undefined> {
  // The latest call of a Call-ID that came more than once.
  let q = selectCalls(db).where('calls.sip_call_id', '=', sipCallId).orderBy('calls.arrived_at', 'desc');
  if (forUpdate) q = q.forUpdate();
  const row = await q.executeTakeFirst();
  return row && toCall(row);
}

function newCallValues(c: NewCall) {
  return {
    sip_call_id: c.sipCallId,
    caller_number: c.callerNumber,
    caller_identity: c.callerIdentity,
    caller_privacy: c.callerPrivacy,
    dialed_number: c.dialedNumber,
    service: c.service,
    state: c.state,
    ...(c.channel && { channel: c.channel }),
    arrived_at: c.arrivedAt,
    location: c.location ? pointValue(c.location.point) : null,
    location_accuracy_m: c.location?.accuracyM ?? null,
    location_source: c.location?.source ?? null,
    location_raw: c.locationRaw,
    location_detail: c.location ? detailOf(c.location) : null,
    location_uri: c.locationUri ?? null,
  };
}

export interface NewCall {
  sipCallId: string;
  callerNumber: string;
  callerIdentity: CallerIdentitySource;
  callerPrivacy: boolean;
  dialedNumber: string;
  service: string;
  state: string;
  arrivedAt: Date;
  location: CallerLocation | null;
  locationRaw: string | null;
  /** An https: Geolocation URI, dereferenced again on the call-taker's "refresh location". */
  locationUri?: string | null;
  /** 'text' for a text session's row; a call by default. */
  channel?: 'voice' | 'text';
}

/**
 * Inserts a call once; returns it, or null when it was already recorded (a retried event: same Call-ID, same
 * arrival). The same Call-ID arriving at another time is another call.
 */
export async function insertCall(db: Kysely<Database>, c: NewCall): Promise<Call | null> {
  const row = await db
    .insertInto('calls')
    .values(newCallValues(c))
    .onConflict((oc) => oc.columns(['sip_call_id', 'arrived_at']).doNothing())
    .returning(CALL_COLUMNS)
    .returning(latLonOf('calls.location', 'loc'))
    .executeTakeFirst();
  return row ? toCall(row) : null;
}

/**
 * Records a call's arrival in one statement (one round trip, one commit): the call row, the locations its INVITE
 * carried (`alongside` builds the statements that write them and the audit row from the CTE `arrived`, the new row)
 * and the call's chosen location. Null when it was already recorded (a retried event).
 */
export async function insertArrival(
  db: Kysely<Database>,
  c: NewCall & { locationChoice: Call['locationChoice'] },
  alongside: Array<(source: 'arrived') => RawBuilder<unknown>>,
): Promise<Call | null> {
  let q = db.with('arrived', (qc) =>
    qc
      .insertInto('calls')
      .values({ ...newCallValues(c), location_choice: c.locationChoice })
      .onConflict((oc) => oc.columns(['sip_call_id', 'arrived_at']).doNothing())
      .returning(CALL_COLUMNS)
      .returning(latLonOf('calls.location', 'loc'))
      .returning('calls.location_raw'),
  );
  alongside.forEach((statement, i) => {
    // A statement whose rows nobody reads: typed as a row-less table, parenthesised as Kysely leaves raw SQL as is.
    const cte = sql<Record<string, never>>`(${statement('arrived')})`;
    q = q.with(`alongside_${i}`, () => cte) as unknown as typeof q;
  });
  const [row] = await executePrepared(
    db,
    q.selectFrom('arrived').select([...CALL_FIELDS, 'loc_lat', 'loc_lon']),
  );
  return row ? toCall(row) : null;
}

export interface Refusal {
  sipCallId: string;
  callerNumber: string;
  callerIdentity: CallerIdentitySource;
  callerPrivacy: boolean;
  dialedNumber: string;
  service: string;
  at: Date;
  reason: string;
  source: string;
  count: number;
}

/**
 * Records an emergency INVITE the SIP edge refused as an abandoned call (a callback is owed) with the reason;
 * a folded flood (same Call-ID and time: one source's minute) adds its count to the one row. Returns the row.
 */
export async function recordRefusal(db: Kysely<Database>, r: Refusal): Promise<Call> {
  const row = await db
    .insertInto('calls')
    .values({
      sip_call_id: r.sipCallId,
      caller_number: r.callerNumber,
      caller_identity: r.callerIdentity,
      caller_privacy: r.callerPrivacy,
      dialed_number: r.dialedNumber,
      service: r.service,
      state: 'abandoned',
      arrived_at: r.at,
      ended_at: r.at,
      ended_by: 'system',
      refused_reason: r.reason,
      refused_source: r.source,
      refused_count: r.count,
    })
    .onConflict((oc) =>
      oc.columns(['sip_call_id', 'arrived_at']).doUpdateSet({
        refused_count: sql<number>`calls.refused_count + excluded.refused_count`,
        updated_at: new Date(),
      }),
    )
    .returning(CALL_COLUMNS)
    .returning(latLonOf('calls.location', 'loc'))
    .executeTakeFirstOrThrow();
  return toCall(row);
}

/**
 * Locks the row of the call an event belongs to: the latest call of its Call-ID that arrived no later than the
 * event (a late event of an older call with a reused Call-ID still finds the older call), else the latest one. What the event's
 * audit row records as "before".
 */
export async function lockCallBySipId(db: Kysely<Database>, sipCallId: string, eventAt: Date) {
  return callOfEvent(db, sipCallId, eventAt).executeTakeFirst();
}

/** The query lockCallBySipId runs, also a CTE of changeCallBySipId's statement. */
function callOfEvent(qc: QueryCreator<Database>, sipCallId: string, eventAt: Date) {
  return (
    qc
      .selectFrom('calls')
      .select(['id', 'state', 'agent_user_id'])
      .where('sip_call_id', '=', sipCallId)
      // Arrival times are Kamailio's clock, later events call control's: with a skew between the two, an event may
      // look older than its own call, so with none before it the latest call of the Call-ID is the one.
      .orderBy(sql`arrived_at <= ${eventAt}`, 'desc')
      .orderBy('arrived_at', 'desc')
      .limit(1)
      .forUpdate()
  );
}

/** Who the call is with after an event: the user of an extension, else kept as it was or cleared. */
export interface AgentChange {
  extension: string;
  otherwise: 'keep' | 'clear';
}

/** The columns an event's change sets: its own, the call-taker of `agent`'s extension, and the time of the change. */
function changedColumns(
  changes: Updateable<CallsTable>,
  agent: AgentChange | undefined,
): UpdateObject<Database, 'calls'> {
  const fallback = agent?.otherwise === 'keep' ? sql.ref('calls.agent_user_id') : sql`NULL::uuid`;
  return {
    ...changes,
    ...(agent && {
      agent_user_id: sql<
        string | null
      >`coalesce((SELECT id FROM users WHERE sip_extension = ${agent.extension}), ${fallback})`,
    }),
    updated_at: new Date(),
  };
}

/** Changes a call and returns it, in one statement. */
export async function updateCallReturning(
  db: Kysely<Database>,
  callId: string,
  changes: Updateable<CallsTable>,
  agent?: AgentChange,
): Promise<Call> {
  const row = await db
    .updateTable('calls')
    .set(changedColumns(changes, agent))
    .where('id', '=', callId)
    .returning(CALL_COLUMNS)
    .returning(latLonOf('calls.location', 'loc'))
    .executeTakeFirstOrThrow();
  return toCall(row);
}

/**
 * Applies an event's change to the call it belongs to (the row lockCallBySipId would lock) in one statement, with
 * the audit row `audit` builds from the CTE `changed` (the call as it now is) and `before` (its state and call-taker
 * before, as SQL). Undefined when no call of the Call-ID is recorded: nothing is written then.
 */
export async function changeCallBySipId(
  db: Kysely<Database>,
  sipCallId: string,
  eventAt: Date,
  changes: Updateable<CallsTable>,
  agent: AgentChange | undefined,
  audit: (changed: 'changed', before: RawBuilder<unknown>) => RawBuilder<unknown>,
): Promise<Call | undefined> {
  const before = sql`jsonb_build_object('state', changed.before_state, 'agentUserId', changed.before_agent_user_id)`;
  const auditRow = sql<Record<string, never>>`(${audit('changed', before)})`;
  const [row] = await executePrepared(
    db,
    db
      .with('locked', (qc) => callOfEvent(qc, sipCallId, eventAt))
      .with('changed', (qc) =>
        qc
          .updateTable('calls')
          .from('locked')
          .set(changedColumns(changes, agent))
          .whereRef('calls.id', '=', 'locked.id')
          .returning(CALL_COLUMNS)
          .returning(latLonOf('calls.location', 'loc'))
          .returning(['locked.state as before_state', 'locked.agent_user_id as before_agent_user_id']),
      )
      .with('audited', () => auditRow)
      .selectFrom('changed')
      .selectAll(),
  );
  return row && toCall(row);
}

/** Calls not yet answered or abandoned: queued, ringing a call-taker, or ringing the fallback group. */
export const WAITING_STATES = ['queued', 'ringing-agent', 'fallback'] as const;

export async function listWaitingCalls(db: Kysely<Database>): Promise<Call[]> {
  const rows = await selectCalls(db)
    .where('calls.state', 'in', WAITING_STATES)
    .orderBy('calls.arrived_at')
    .limit(1000)
    .execute();
  return rows.map(toCall);
}

export async function recentCallsFrom(
  db: Kysely<Database>,
  callerNumber: string,
  limit: number,
): Promise<Call[]> {
  // Recorded in E.164 since issue 18, in the From's own form before: both find the caller's calls.
  const forms = [...new Set([callerNumber, toE164(callerNumber) ?? callerNumber])];
  const rows = await selectCalls(db)
    .where('calls.caller_number', 'in', forms)
    .orderBy('calls.arrived_at', 'desc')
    .limit(limit)
    .execute();
  return rows.map(toCall);
}

/** Abandoned since `since` and nobody called back yet, oldest first (called back first). */
export async function abandonedAwaitingCallback(db: Kysely<Database>, since: Date): Promise<Call[]> {
  const rows = await selectCalls(db)
    .where('calls.state', '=', 'abandoned')
    .where('calls.arrived_at', '>=', since)
    .where('calls.callback_at', 'is', null)
    .orderBy('calls.arrived_at')
    .limit(1000)
    .execute();
  return rows.map(toCall);
}

export async function setCallColumns(
  db: Kysely<Database>,
  id: string,
  changes: Updateable<CallsTable>,
): Promise<void> {
  await db
    .updateTable('calls')
    .set({ ...changes, updated_at: new Date() })
    .where('id', '=', id)
    .execute();
}

export interface CallFigures {
  waiting: number;
  oldestWaitingAt: Date | null;
  answered: number;
  abandoned: number;
  answeredWithin15s: number;
  answeredWithin20s: number;
  overflowed: number;
  refused: number;
}

/** Counts for the supervisor: waiting now, and answered / abandoned among the calls that arrived since `since`. */
export async function callFigures(db: Kysely<Database>, since: Date): Promise<CallFigures> {
  const answeredToday = sql<boolean>`answered_at IS NOT NULL AND arrived_at >= ${since}`;
  const within = (seconds: number) =>
    sql<number>`count(*) FILTER (WHERE ${answeredToday} AND answered_at - arrived_at <= make_interval(secs => ${seconds}))`;
  const row = await db
    .selectFrom('calls')
    .select([
      sql<number>`count(*) FILTER (WHERE state IN ('queued','ringing-agent','fallback'))`.as('waiting'),
      sql<Date | null>`min(arrived_at) FILTER (WHERE state IN ('queued','ringing-agent','fallback'))`.as(
        'oldest',
      ),
      sql<number>`count(*) FILTER (WHERE ${answeredToday})`.as('answered'),
      sql<number>`count(*) FILTER (WHERE state = 'abandoned' AND arrived_at >= ${since})`.as('abandoned'),
      within(15).as('within15'),
      within(20).as('within20'),
      sql<number>`count(*) FILTER (WHERE overflow_to IS NOT NULL AND arrived_at >= ${since})`.as(
        'overflowed',
      ),
      sql<number>`coalesce(sum(refused_count) FILTER (WHERE arrived_at >= ${since}), 0)`.as('refused'),
    ])
    .where((eb) =>
      eb.or([eb('arrived_at', '>=', since), eb('state', 'in', ['queued', 'ringing-agent', 'fallback'])]),
    )
    .executeTakeFirstOrThrow();
  return {
    waiting: Number(row.waiting),
    oldestWaitingAt: row.oldest ? new Date(row.oldest) : null,
    answered: Number(row.answered),
    abandoned: Number(row.abandoned),
    answeredWithin15s: Number(row.within15),
    answeredWithin20s: Number(row.within20),
    overflowed: Number(row.overflowed),
    refused: Number(row.refused),
  };
}

/** Midnight of `now`'s day in the time zone, as an instant. */
export async function startOfDay(db: Kysely<Database>, now: Date, timeZone: string): Promise<Date> {
  const { rows } = await sql<{ start: Date }>`
    SELECT (date_trunc('day', ${now}::timestamptz AT TIME ZONE ${timeZone}) AT TIME ZONE ${timeZone}) AS start`.execute(
    db,
  );
  return new Date(rows[0]!.start);
}
