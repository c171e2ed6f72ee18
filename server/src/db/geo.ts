// PostGIS expressions shared by the repositories: writing a point, reading it back, measuring distance.
import type { GeoPoint } from '@hcm112/shared';
import { type RawBuilder, sql } from 'kysely';

export function pointValue(p: GeoPoint): RawBuilder<unknown> {
  return sql`ST_SetSRID(ST_MakePoint(${p.lon}, ${p.lat}), 4326)::geography`;
}

/** Selects `<alias>_lat` and `<alias>_lon` from a geography column. */
export function latLonOf(column: string, alias: string) {
  const ref = sql.ref(column);
  return [
    sql<number | null>`ST_Y(${ref}::geometry)`.as(`${alias}_lat`),
    sql<number | null>`ST_X(${ref}::geometry)`.as(`${alias}_lon`),
  ] as const;
}

export function toPoint(lat: number | null | undefined, lon: number | null | undefined): GeoPoint | null {
  return lat == null || lon == null ? null : { lat, lon };
}

export function distanceTo(column: string, p: GeoPoint): RawBuilder<number> {
  return sql<number>`ST_Distance(${sql.ref(column)}, ${pointValue(p)})`;
}
