// The wallboard's figures that come straight from PostgreSQL: calls by hour and by number dialled, who is signed
// in, units free by agency and ward, open camera alerts and open incidents with no unit.
import { Agency, ServiceNumber, type HourCount, type WaitingCall } from '@hcm112/shared';
import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/schema.ts';

const WAITING_STATES = ['queued', 'ringing-agent', 'fallback'] as const;

/** Calls that arrived since `since` by hour of the day in `timeZone`, from hour 0 up to `now`'s hour. */
export async function callsPerHour(
  db: Kysely<Database>,
  since: Date,
  now: Date,
  timeZone: string,
): Promise<HourCount[]> {
  const hourOf = sql<number>`extract(hour FROM arrived_at AT TIME ZONE ${timeZone})::int`;
  const rows = await db
    .selectFrom('calls')
    .select([
      hourOf.as('hour'),
      sql<number>`count(*)::int`.as('calls'),
      sql<number>`(count(*) FILTER (WHERE answered_at IS NOT NULL))::int`.as('answered'),
      sql<number>`(count(*) FILTER (WHERE state = 'abandoned'))::int`.as('abandoned'),
    ])
    .where('arrived_at', '>=', since)
    .where('arrived_at', '<=', now)
    .groupBy(sql`1`)
    .execute();
  const { rows: nowRows } = await sql<{ hour: number }>`
    SELECT extract(hour FROM ${now}::timestamptz AT TIME ZONE ${timeZone})::int AS hour`.execute(db);
  const currentHour = nowRows[0]!.hour;
  const byHour = new Map(rows.map((r) => [Number(r.hour), r]));
  return Array.from({ length: currentHour + 1 }, (_, hour) => {
    const r = byHour.get(hour);
    return {
      hour,
      calls: Number(r?.calls ?? 0),
      answered: Number(r?.answered ?? 0),
      abandoned: Number(r?.abandoned ?? 0),
    };
  });
}

/** Waiting calls, oldest first, by the number the caller dialled; no caller number (a wall screen shows them). */
export async function waitingCalls(db: Kysely<Database>, now: Date): Promise<WaitingCall[]> {
  const rows = await db
    .selectFrom('calls')
    .select(['service', 'state', 'arrived_at'])
    .where('state', 'in', [...WAITING_STATES])
    .orderBy('arrived_at')
    .execute();
  return rows.map((r) => ({
    // Calls to a number outside 113/114/115 reach the general 112 intake.
    service: ServiceNumber.safeParse(r.service).data ?? '112',
    state: r.state as WaitingCall['state'],
    waitSeconds: Math.max(0, Math.round((now.getTime() - r.arrived_at.getTime()) / 1000)),
  }));
}

export function waitingByService(calls: readonly WaitingCall[]): Record<ServiceNumber, number> {
  const counts = Object.fromEntries(ServiceNumber.options.map((s) => [s, 0])) as Record<
    ServiceNumber,
    number
  >;
  for (const c of calls) counts[c.service] += 1;
  return counts;
}

/** Dispatchers and supervisors with a live session: since their earliest live session began. */
export async function signedInDesks(db: Kysely<Database>, now: Date, idleSince: Date | undefined) {
  let q = db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select(['users.id', 'users.display_name', 'users.role', sql<Date>`min(sessions.created_at)`.as('since')])
    .where('users.role', 'in', ['dispatcher', 'supervisor'])
    .where('users.active', '=', true)
    .where('sessions.expires_at', '>', now)
    .groupBy(['users.id', 'users.display_name', 'users.role']);
  if (idleSince) q = q.where('sessions.last_seen_at', '>', idleSince);
  const rows = await q.execute();
  return rows.map((r) => ({
    userId: r.id,
    displayName: r.display_name,
    role: r.role as 'dispatcher' | 'supervisor',
    since: new Date(r.since),
  }));
}

/** Display names of these users (call-takers are listed by the ACD with their usernames). */
export async function displayNames(
  db: Kysely<Database>,
  ids: readonly string[],
): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('users')
    .select(['id', 'display_name'])
    .where('id', 'in', [...ids])
    .execute();
  return new Map(rows.map((r) => [r.id, r.display_name]));
}

export async function unitsByAgency(db: Kysely<Database>) {
  const rows = await db
    .selectFrom('units')
    .select([
      'agency',
      sql<number>`(count(*) FILTER (WHERE status = 'available'))::int`.as('available'),
      sql<number>`count(*)::int`.as('total'),
    ])
    .groupBy('agency')
    .execute();
  const found = new Map(rows.map((r) => [r.agency, r]));
  return Agency.options.map((agency) => ({
    agency,
    available: Number(found.get(agency)?.available ?? 0),
    total: Number(found.get(agency)?.total ?? 0),
  }));
}

/** Available units by the ward they are in, most first. */
export async function availableByWard(db: Kysely<Database>) {
  const rows = await db
    .selectFrom('units')
    .select(['ward', sql<number>`count(*)::int`.as('available')])
    .where('status', '=', 'available')
    .groupBy('ward')
    .orderBy('available', 'desc')
    .orderBy('ward')
    .execute();
  return rows.map((r) => ({ ward: r.ward, available: Number(r.available) }));
}

export async function openCameraAlerts(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom('camera_alerts')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('status', '=', 'open')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Open incidents with no unit assigned now, oldest first. */
export async function incidentsWithoutUnit(db: Kysely<Database>) {
  return db
    .selectFrom('incidents as i')
    .select(['i.id', 'i.number', 'i.type', 'i.subtype', 'i.priority', 'i.ward', 'i.created_at'])
    .where('i.status', '<>', 'closed')
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('assignments as a')
            .select('a.id')
            .whereRef('a.incident_id', '=', 'i.id')
            .where('a.released_at', 'is', null),
        ),
      ),
    )
    .orderBy('i.created_at')
    .execute();
}
