// Camera alerts and analytics sources in PostgreSQL: the only SQL of alerts (sources, folding events into
// open alerts, listing, resolving).
import type { AlertKind, AlertSource, AlertStatus, CameraAlert } from '@hcm112/shared';
import { type Kysely, sql } from 'kysely';
import { latLonOf } from '../db/geo.ts';
import type { Database } from '../db/schema.ts';

type Db = Kysely<Database>;

function selectAlerts(db: Db) {
  return db
    .selectFrom('camera_alerts as a')
    .innerJoin('cameras as c', 'c.id', 'a.camera_id')
    .leftJoin('alert_sources as s', 's.id', 'a.source_id')
    .leftJoin('camera_alert_snapshots as p', 'p.alert_id', 'a.id')
    .select([
      'p.taken_at as snapshot_at',
      'a.id',
      'a.camera_id',
      'a.kind',
      'a.status',
      'a.confidence',
      'a.first_at',
      'a.last_at',
      'a.count',
      'a.incident_id',
      'c.code',
      'c.name',
      's.name as source_name',
      ...latLonOf('c.point', 'pt'),
    ]);
}

type AlertRow = Awaited<ReturnType<ReturnType<typeof selectAlerts>['executeTakeFirstOrThrow']>>;

const toAlert = (r: AlertRow): CameraAlert => ({
  id: r.id,
  cameraId: r.camera_id,
  cameraCode: r.code,
  cameraName: r.name,
  point: { lat: r.pt_lat ?? 0, lon: r.pt_lon ?? 0 },
  kind: r.kind as AlertKind,
  status: r.status as AlertStatus,
  confidence: r.confidence,
  firstAt: r.first_at.toISOString(),
  lastAt: r.last_at.toISOString(),
  count: r.count,
  sourceName: r.source_name,
  incidentId: r.incident_id,
  snapshotAt: r.snapshot_at?.toISOString() ?? null,
});

export async function findAlert(db: Db, id: string): Promise<CameraAlert | undefined> {
  const row = await selectAlerts(db).where('a.id', '=', id).executeTakeFirst();
  return row ? toAlert(row) : undefined;
}

/** Newest first, at most 500. */
export async function listAlerts(db: Db, status: AlertStatus | 'all'): Promise<CameraAlert[]> {
  let q = selectAlerts(db).orderBy('a.last_at', 'desc').limit(500);
  if (status !== 'all') q = q.where('a.status', '=', status);
  return (await q.execute()).map(toAlert);
}

export async function lockAlertStatus(db: Db, id: string) {
  return db
    .selectFrom('camera_alerts')
    .select(['status', 'incident_id'])
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

export async function resolveAlert(
  db: Db,
  id: string,
  change: { status: 'promoted' | 'dismissed'; resolvedBy: string | null; incidentId?: string },
): Promise<void> {
  await db
    .updateTable('camera_alerts')
    .set({ status: change.status, resolved_by: change.resolvedBy, incident_id: change.incidentId ?? null })
    .where('id', '=', id)
    .execute();
}

/** Keeps the alert's picture; a second picture for the same alert is ignored (the first moment counts). */
export async function saveSnapshot(
  db: Db,
  alertId: string,
  picture: { contentType: string; image: Buffer; takenAt: Date },
): Promise<void> {
  await db
    .insertInto('camera_alert_snapshots')
    .values({
      alert_id: alertId,
      taken_at: picture.takenAt,
      content_type: picture.contentType,
      image: picture.image,
    })
    .onConflict((oc) => oc.column('alert_id').doNothing())
    .execute();
}

export async function findSnapshot(db: Db, alertId: string) {
  return db
    .selectFrom('camera_alert_snapshots')
    .select(['content_type', 'image', 'taken_at'])
    .where('alert_id', '=', alertId)
    .executeTakeFirst();
}

export interface AnalyticsHit {
  cameraId: string;
  sourceId: string;
  kind: AlertKind;
  at: Date;
  confidence: number | null;
}

/**
 * Folds the event into the open alert of the same camera and kind whose last event is within the window, or
 * opens a new alert. Serialised per camera and kind, so two simultaneous events never open two alerts.
 */
export async function foldEvent(
  db: Db,
  hit: AnalyticsHit,
  windowSeconds: number,
): Promise<{ id: string; folded: boolean }> {
  await sql`SELECT pg_advisory_xact_lock(hashtextextended(${`alert:${hit.cameraId}:${hit.kind}`}, 0))`.execute(
    db,
  );
  const open = await db
    .selectFrom('camera_alerts')
    .select('id')
    .where('camera_id', '=', hit.cameraId)
    .where('kind', '=', hit.kind)
    .where('status', '=', 'open')
    .where('last_at', '>=', new Date(hit.at.getTime() - windowSeconds * 1000))
    .orderBy('last_at', 'desc')
    .executeTakeFirst();
  if (open) {
    await db
      .updateTable('camera_alerts')
      .set((eb) => ({
        count: eb('count', '+', 1),
        last_at: sql`greatest(last_at, ${hit.at})`,
        confidence: sql`greatest(confidence, ${hit.confidence}::double precision)`,
      }))
      .where('id', '=', open.id)
      .execute();
    return { id: open.id, folded: true };
  }
  const row = await db
    .insertInto('camera_alerts')
    .values({
      camera_id: hit.cameraId,
      source_id: hit.sourceId,
      kind: hit.kind,
      confidence: hit.confidence,
      first_at: hit.at,
      last_at: hit.at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: row.id, folded: false };
}

const toSource = (r: { id: string; name: string; active: boolean; created_at: Date }): AlertSource => ({
  id: r.id,
  name: r.name,
  active: r.active,
  createdAt: r.created_at.toISOString(),
});

export async function findSourceByName(db: Db, name: string) {
  return db.selectFrom('alert_sources').selectAll().where('name', '=', name).executeTakeFirst();
}

export async function listSources(db: Db): Promise<AlertSource[]> {
  const rows = await db.selectFrom('alert_sources').selectAll().orderBy('name').execute();
  return rows.map(toSource);
}

export async function insertSource(db: Db, name: string, secret: string): Promise<AlertSource> {
  const row = await db
    .insertInto('alert_sources')
    .values({ name, secret })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toSource(row);
}

export async function updateSource(
  db: Db,
  id: string,
  change: { active?: boolean; secret?: string },
): Promise<AlertSource | undefined> {
  const row = await db
    .updateTable('alert_sources')
    .set(change)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
  return row ? toSource(row) : undefined;
}
