// A console's calls out: a hand-over or conference leg to an agency, colleague or configured number from a
// caller's call, or the callback of an abandoned call. Each leg is linked to the call it belongs to and, like any
// answered call, recorded: call_recordings gets a row per leg (leg_id), beside the call's own row.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE call_legs (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      call_id uuid NOT NULL REFERENCES calls(id),
      kind text NOT NULL CHECK (kind IN ('handover', 'callback')),
      destination_key text NOT NULL,
      destination_label text NOT NULL,
      target_uri text NOT NULL,
      sip_call_id text,
      state text NOT NULL CHECK (state IN ('dialing', 'talking', 'conference', 'withdrawn', 'ended', 'failed')),
      failure_reason text,
      created_by uuid NOT NULL REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      answered_at timestamptz,
      joined_at timestamptz,
      ended_at timestamptz,
      updated_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE INDEX call_legs_call_idx ON call_legs (call_id, created_at)`.execute(db);
  await sql`ALTER TABLE call_recordings ADD COLUMN leg_id uuid REFERENCES call_legs(id)`.execute(db);
  await sql`ALTER TABLE call_recordings DROP CONSTRAINT call_recordings_call_id_key`.execute(db);
  await sql`CREATE UNIQUE INDEX call_recordings_call_key ON call_recordings (call_id) WHERE leg_id IS NULL`.execute(
    db,
  );
  await sql`CREATE UNIQUE INDEX call_recordings_leg_key ON call_recordings (leg_id)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DELETE FROM call_recordings WHERE leg_id IS NOT NULL`.execute(db);
  await sql`DROP INDEX call_recordings_leg_key`.execute(db);
  await sql`DROP INDEX call_recordings_call_key`.execute(db);
  await sql`ALTER TABLE call_recordings ADD CONSTRAINT call_recordings_call_id_key UNIQUE (call_id)`.execute(
    db,
  );
  await sql`ALTER TABLE call_recordings DROP COLUMN leg_id`.execute(db);
  await sql`DROP TABLE call_legs`.execute(db);
}
