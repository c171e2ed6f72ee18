// Call locations in PostgreSQL: the only SQL touching call_locations, and the location columns of calls.
import {
  type CallerLocation,
  type LocationChoice,
  type LocationFix,
  type LocationSource,
  CallerLocation as CallerLocationSchema,
} from '@hcm112/shared';
import { type Kysely, type RawBuilder, sql } from 'kysely';
import { latLonOf, pointValue, toPoint } from '../db/geo.ts';
import type { Database } from '../db/schema.ts';

const Detail = CallerLocationSchema.pick({ shape: true, method: true, at: true });

export interface NewFix {
  callId: string;
  source: LocationSource;
  location: CallerLocation | null;
  problem: string | null;
  raw: string | null;
}

/** Adds one location to a call's history (rows are only ever added); returns its id. */
export async function insertFix(db: Kysely<Database>, f: NewFix): Promise<number> {
  const row = await db
    .insertInto('call_locations')
    .values({
      call_id: f.callId,
      source: f.source,
      location: f.location ? pointValue(f.location.point) : null,
      accuracy_m: f.location?.accuracyM ?? null,
      detail: f.location
        ? JSON.stringify({ shape: f.location.shape, method: f.location.method, at: f.location.at })
        : null,
      problem: f.location ? null : (f.problem ?? 'unusable').slice(0, 300),
      raw: f.raw?.slice(0, 70_000) ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

/**
 * The locations an INVITE carried, in order, as part of the statement that records its call: `source` is that
 * statement's common table expression of the new call row, whose id and raw document (location_raw) each fix takes.
 */
export function arrivalFixesOf(source: string, fixes: Omit<NewFix, 'callId' | 'raw'>[]): RawBuilder<unknown> {
  const call = (column: string) => sql.ref(`${source}.${column}`);
  const detail = (f: Omit<NewFix, 'callId' | 'raw'>) =>
    f.location
      ? JSON.stringify({ shape: f.location.shape, method: f.location.method, at: f.location.at })
      : null;
  return sql`INSERT INTO call_locations (call_id, source, location, accuracy_m, detail, problem, raw)
    SELECT ${call('id')}, f.source,
      CASE WHEN f.lat IS NULL THEN NULL ELSE ST_SetSRID(ST_MakePoint(f.lon, f.lat), 4326)::geography END,
      f.accuracy_m, f.detail, f.problem, ${call('location_raw')}
    FROM ${sql.table(source)}, unnest(
      ${fixes.map((f) => f.source)}::text[],
      ${fixes.map((f) => f.location?.point.lat ?? null)}::float8[],
      ${fixes.map((f) => f.location?.point.lon ?? null)}::float8[],
      ${fixes.map((f) => f.location?.accuracyM ?? null)}::float8[],
      ${fixes.map(detail)}::jsonb[],
      ${fixes.map((f) => (f.location ? null : (f.problem ?? 'unusable').slice(0, 300)))}::text[]
    ) WITH ORDINALITY AS f(source, lat, lon, accuracy_m, detail, problem, n)
    ORDER BY f.n`;
}

/** A call's locations, oldest first. */
export async function listFixes(db: Kysely<Database>, callId: string): Promise<LocationFix[]> {
  const rows = await db
    .selectFrom('call_locations')
    .select(['id', 'source', 'accuracy_m', 'detail', 'problem', 'received_at'])
    .select(latLonOf('call_locations.location', 'loc'))
    .where('call_id', '=', callId)
    .orderBy('id')
    .limit(500)
    .execute();
  return rows.map((r) => {
    const point = toPoint(r.loc_lat, r.loc_lon);
    const detail = Detail.safeParse(r.detail ?? {});
    const source = r.source as LocationSource;
    return {
      id: Number(r.id),
      source,
      location: point
        ? {
            point,
            accuracyM: r.accuracy_m,
            source,
            ...(detail.success ? detail.data : { shape: null, method: null, at: null }),
          }
        : null,
      receivedAt: r.received_at.toISOString(),
      problem: r.problem,
    };
  });
}

/** Puts the chosen location on the call itself (what lists, incidents and EIDO read). */
export async function applyChoice(
  db: Kysely<Database>,
  callId: string,
  location: CallerLocation,
  choice: LocationChoice,
): Promise<void> {
  await db
    .updateTable('calls')
    .set({
      location: pointValue(location.point),
      location_accuracy_m: location.accuracyM,
      location_source: location.source,
      location_detail: JSON.stringify({ shape: location.shape, method: location.method, at: location.at }),
      location_choice: choice.reason,
      updated_at: new Date(),
    })
    .where('id', '=', callId)
    .execute();
}
