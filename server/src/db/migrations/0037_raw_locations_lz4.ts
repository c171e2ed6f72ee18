// The sender's location documents (a cell polygon's PIDF-LO is 13 KB, an INVITE's up to 70 KB) are compressed with
// lz4 instead of PostgreSQL's default pglz: measured 2026-12-07 on a 12.9 KB polygon document, 0.09 ms a row against
// 0.30 ms, and each located arrival stores its document twice (the call and its location history). Rows written
// before keep pglz; PostgreSQL reads both.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE calls ALTER COLUMN location_raw SET COMPRESSION lz4`.execute(db);
  await sql`ALTER TABLE call_locations ALTER COLUMN raw SET COMPRESSION lz4`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE calls ALTER COLUMN location_raw SET COMPRESSION pglz`.execute(db);
  await sql`ALTER TABLE call_locations ALTER COLUMN raw SET COMPRESSION pglz`.execute(db);
}
