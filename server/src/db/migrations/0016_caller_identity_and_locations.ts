// Who called and where from: the caller's identity source and privacy flag on each call, and the rest of the
// location in use (its RFC 5491 shape as GeoJSON, the method, when it was determined).
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE calls
      ADD COLUMN caller_identity text NOT NULL DEFAULT 'untrusted'
        CHECK (caller_identity IN ('network-asserted', 'untrusted')),
      ADD COLUMN caller_privacy boolean NOT NULL DEFAULT false,
      ADD COLUMN location_detail jsonb`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE calls DROP COLUMN caller_identity, DROP COLUMN caller_privacy, DROP COLUMN location_detail`.execute(
    db,
  );
}
