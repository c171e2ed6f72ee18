// The index of call recordings: one row per answered call, kept after retention deletes the file.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE call_recordings (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      call_id uuid NOT NULL UNIQUE REFERENCES calls(id),
      status text NOT NULL CHECK (status IN ('ready', 'not-recorded', 'deleted')),
      reason text,
      started_at timestamptz,
      duration_ms integer,
      size_bytes bigint,
      sha256 text,
      path text,
      created_at timestamptz NOT NULL DEFAULT now(),
      deleted_at timestamptz,
      held boolean NOT NULL DEFAULT false,
      CHECK (status <> 'ready' OR (sha256 IS NOT NULL AND path IS NOT NULL)),
      CHECK (status <> 'not-recorded' OR reason IS NOT NULL)
    )`.execute(db);
  await sql`CREATE INDEX call_recordings_created_at ON call_recordings (created_at)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE call_recordings`.execute(db);
}
