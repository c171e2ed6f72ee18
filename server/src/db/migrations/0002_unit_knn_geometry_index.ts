// Nearest-unit queries order by planar distance on a geometry GiST index (true KNN, index-ordered), then
// measure the few returned rows on the spheroid: geography ordering made PostgreSQL sort every candidate.
// The status index is dropped: status matches most units, and the planner preferred it to the KNN scan.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE INDEX units_position_geom_idx ON units USING gist ((position::geometry))`.execute(db);
  await sql`DROP INDEX IF EXISTS units_status_idx`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP INDEX units_position_geom_idx`.execute(db);
  await sql`CREATE INDEX units_status_idx ON units (status, agency)`.execute(db);
}
