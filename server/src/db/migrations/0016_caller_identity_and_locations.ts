// Who called and where from: the caller's identity source and privacy flag on each call, and the rest of the
// location in use (its RFC 5491 shape as GeoJSON, the method, when it was determined, why it was chosen), and
// every location the call had (PIDF-LO, HELD, AML, typed, moved pin), usable or not, never overwritten.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE calls
      ADD COLUMN caller_identity text NOT NULL DEFAULT 'untrusted'
        CHECK (caller_identity IN ('network-asserted', 'untrusted')),
      ADD COLUMN caller_privacy boolean NOT NULL DEFAULT false,
      ADD COLUMN location_detail jsonb,
      ADD COLUMN location_choice text CHECK (location_choice IN ('only', 'newest', 'more-precise')),
      ADD COLUMN location_uri text`.execute(db);
  await sql`
    CREATE TABLE call_locations (
      id bigserial PRIMARY KEY,
      call_id uuid NOT NULL REFERENCES calls(id),
      source text NOT NULL,
      location geography(Point, 4326),
      accuracy_m double precision CHECK (accuracy_m >= 0),
      detail jsonb,
      problem text,
      raw text,
      received_at timestamptz NOT NULL DEFAULT now(),
      CHECK ((location IS NULL) <> (problem IS NULL))
    )`.execute(db);
  await sql`CREATE INDEX call_locations_call ON call_locations (call_id, id)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE call_locations`.execute(db);
  await sql`ALTER TABLE calls DROP COLUMN caller_identity, DROP COLUMN caller_privacy, DROP COLUMN location_detail, DROP COLUMN location_choice, DROP COLUMN location_uri`.execute(
    db,
  );
}
