// Incidents, their notes and numbers in PostgreSQL: the only incident SQL.
import type {
  Assignment,
  Disposition,
  GeoPoint,
  Incident,
  IncidentNote,
  IncidentStatus,
  IncidentType,
  NoteCode,
  NoteParams,
  UnitKind,
  UnitStatus,
} from '@hcm112/shared';
import { type Kysely, sql } from 'kysely';
import { callsOfIncidents } from '../calls/repository.ts';
import { distanceTo, latLonOf, pointValue } from '../db/geo.ts';
import type { Database } from '../db/schema.ts';

export interface NewIncident {
  number: string;
  type: IncidentType;
  subtype: string;
  priority: number;
  point: GeoPoint;
  address: string;
  district: string | null;
  createdBy: string | null;
  at: Date;
}

export async function nextIncidentNumber(db: Kysely<Database>, year: number): Promise<string> {
  const row = await db
    .insertInto('incident_counters')
    .values({ year, last_value: 1 })
    .onConflict((oc) => oc.column('year').doUpdateSet({ last_value: sql`incident_counters.last_value + 1` }))
    .returning('last_value')
    .executeTakeFirstOrThrow();
  return `HCM-${year}-${String(row.last_value).padStart(6, '0')}`;
}

export async function insertIncident(db: Kysely<Database>, i: NewIncident): Promise<string> {
  const row = await db
    .insertInto('incidents')
    .values({
      number: i.number,
      type: i.type,
      subtype: i.subtype,
      priority: i.priority,
      status: 'new',
      point: pointValue(i.point),
      address: i.address,
      district: i.district,
      created_by: i.createdBy,
      created_at: i.at,
      updated_at: i.at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export interface IncidentChanges {
  type?: IncidentType;
  subtype?: string;
  priority?: number;
  point?: GeoPoint;
  address?: string;
  district?: string | null;
  status?: IncidentStatus;
  disposition?: Disposition | null;
  closedAt?: Date | null;
  callerName?: string | null;
  callbackNumber?: string | null;
}

export async function updateIncident(
  db: Kysely<Database>,
  id: string,
  c: IncidentChanges,
  at: Date,
): Promise<void> {
  await db
    .updateTable('incidents')
    .set({
      ...(c.type && { type: c.type }),
      ...(c.subtype && { subtype: c.subtype }),
      ...(c.priority !== undefined && { priority: c.priority }),
      ...(c.point && { point: pointValue(c.point) }),
      ...(c.address !== undefined && { address: c.address }),
      ...(c.district !== undefined && { district: c.district }),
      ...(c.status && { status: c.status }),
      ...(c.disposition !== undefined && { disposition: c.disposition }),
      ...(c.closedAt !== undefined && { closed_at: c.closedAt }),
      ...(c.callerName !== undefined && { caller_name: c.callerName }),
      ...(c.callbackNumber !== undefined && { callback_number: c.callbackNumber }),
      updated_at: at,
      version: sql`version + 1`,
    })
    .where('id', '=', id)
    .execute();
}

export async function insertNote(
  db: Kysely<Database>,
  n: {
    incidentId: string;
    authorId: string | null;
    authorName: string;
    kind: IncidentNote['kind'];
    /** English rendering, kept for readers that do not know the codes. */
    text: string;
    at: Date;
    code?: NoteCode;
    params?: NoteParams;
  },
): Promise<void> {
  await db
    .insertInto('incident_notes')
    .values({
      incident_id: n.incidentId,
      author_id: n.authorId,
      author_name: n.authorName,
      kind: n.kind,
      text: n.text,
      at: n.at,
      code: n.code ?? null,
      params: JSON.stringify(n.params ?? {}),
    })
    .execute();
}

/** Locks the incident row for the rest of the transaction; undefined when it does not exist. */
export async function lockIncident(db: Kysely<Database>, id: string) {
  return db
    .selectFrom('incidents')
    .select(['id', 'number', 'status', 'priority'])
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

function selectIncidents(db: Kysely<Database>) {
  return db.selectFrom('incidents').selectAll().select(latLonOf('incidents.point', 'p'));
}

/** Full incidents (notes, open assignments, calls) for the given ids, in the order of `ids`. */
export async function loadIncidents(db: Kysely<Database>, ids: string[]): Promise<Incident[]> {
  if (ids.length === 0) return [];
  const [rows, notes, assignments, calls] = await Promise.all([
    selectIncidents(db).where('id', 'in', ids).execute(),
    db
      .selectFrom('incident_notes')
      .leftJoin('users', 'users.id', 'incident_notes.author_id')
      .selectAll('incident_notes')
      .select('users.display_name')
      .where('incident_notes.incident_id', 'in', ids)
      .orderBy('incident_notes.at')
      .orderBy('incident_notes.id')
      .execute(),
    db
      .selectFrom('assignments')
      .innerJoin('units', 'units.id', 'assignments.unit_id')
      .select([
        'assignments.incident_id',
        'assignments.unit_id',
        'assignments.assigned_at',
        'assignments.eta_seconds',
        'assignments.distance_m',
        'assignments.acknowledged_at',
        'units.callsign',
        'units.kind',
        'units.status',
      ])
      .where('assignments.incident_id', 'in', ids)
      .where('assignments.released_at', 'is', null)
      .orderBy('assignments.assigned_at')
      .execute(),
    callsOfIncidents(db, ids),
  ]);
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => {
    const r = byId.get(id);
    if (!r) return [];
    const mine = calls.filter((c) => c.incident_id === id);
    const incident: Incident = {
      id: r.id,
      number: r.number,
      type: r.type as IncidentType,
      subtype: r.subtype,
      priority: r.priority,
      status: r.status as IncidentStatus,
      disposition: r.disposition as Disposition | null,
      location: {
        point: { lat: r.p_lat!, lon: r.p_lon! },
        address: r.address,
        district: r.district,
        ward: r.ward,
      },
      callerNumbers: [...new Set(mine.map((c) => c.caller_number))],
      callIds: mine.map((c) => c.id),
      notes: notes
        .filter((n) => n.incident_id === id)
        .map((n) => ({
          id: n.id,
          at: n.at.toISOString(),
          authorId: n.author_id,
          // The name people know a colleague by; the stored name (username at the time) for crews and old rows.
          authorName: n.display_name ?? n.author_name,
          kind: n.kind as IncidentNote['kind'],
          text: n.text,
          code: (n.code as NoteCode | null) ?? null,
          params: n.params ?? {},
        })),
      assignments: assignments
        .filter((a) => a.incident_id === id)
        .map(
          (a): Assignment => ({
            unitId: a.unit_id,
            callsign: a.callsign,
            kind: a.kind as UnitKind,
            status: a.status as UnitStatus,
            assignedAt: a.assigned_at.toISOString(),
            etaSeconds: a.eta_seconds,
            distanceM: a.distance_m,
            acknowledgedAt: a.acknowledged_at ? a.acknowledged_at.toISOString() : null,
          }),
        ),
      createdAt: r.created_at.toISOString(),
      updatedAt: r.updated_at.toISOString(),
      closedAt: r.closed_at ? r.closed_at.toISOString() : null,
      createdBy: r.created_by,
      callerName: r.caller_name,
      callbackNumber: r.callback_number,
    };
    return [incident];
  });
}

export async function listIncidentIds(
  db: Kysely<Database>,
  which: 'open' | 'closed' | 'all',
  limit: number,
): Promise<string[]> {
  let q = db
    .selectFrom('incidents')
    .select('id')
    .orderBy('priority', 'desc')
    .orderBy('created_at', 'asc')
    .limit(limit);
  if (which === 'open') q = q.where('status', '<>', 'closed');
  if (which === 'closed') q = q.where('status', '=', 'closed');
  return (await q.execute()).map((r) => r.id);
}

/** Ids of past incidents matching a history search, newest first. */
export async function searchIncidentIds(
  db: Kysely<Database>,
  q: { text: string; type?: IncidentType; closedOnly: boolean; from?: Date; to?: Date; limit: number },
): Promise<string[]> {
  let query = db
    .selectFrom('incidents')
    .select('id')
    .orderBy(sql`coalesce(closed_at, created_at)`, 'desc')
    .limit(q.limit);
  if (q.closedOnly) query = query.where('status', '=', 'closed');
  if (q.type) query = query.where('type', '=', q.type);
  if (q.from) query = query.where('created_at', '>=', q.from);
  if (q.to) query = query.where('created_at', '<=', q.to);
  if (q.text) {
    const like = `%${q.text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const digits = q.text.replace(/[^0-9]/g, '');
    query = query.where((eb) =>
      eb.or([
        eb('number', 'ilike', like),
        eb('address', 'ilike', like),
        eb('caller_name', 'ilike', like),
        ...(digits.length >= 3
          ? [
              eb('callback_number', 'like', `%${digits}%`),
              eb(
                'id',
                'in',
                eb
                  .selectFrom('calls')
                  .select('incident_id')
                  .where('incident_id', 'is not', null)
                  .where('caller_number', 'like', `%${digits}%`)
                  .$narrowType<{ incident_id: string }>(),
              ),
            ]
          : []),
      ]),
    );
  }
  return (await query.execute()).map((r) => r.id);
}

export async function findDuplicateCandidates(
  db: Kysely<Database>,
  q: { point: GeoPoint; type: IncidentType; radiusM: number; since: Date; excludeId?: string },
) {
  let query = db
    .selectFrom('incidents')
    .select([
      'id',
      'number',
      'type',
      'subtype',
      'priority',
      'address',
      'created_at',
      distanceTo('incidents.point', q.point).as('distance_m'),
    ])
    .where('status', '<>', 'closed')
    .where('type', '=', q.type)
    .where('created_at', '>=', q.since)
    .where(sql<boolean>`ST_DWithin(point, ${pointValue(q.point)}, ${q.radiusM})`)
    .orderBy('distance_m')
    .limit(10);
  if (q.excludeId) query = query.where('id', '<>', q.excludeId);
  return query.execute();
}
