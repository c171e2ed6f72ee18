// Location links sent to callers: one-time tokens (stored hashed) bound to a call, the phone that opened each, the
// SMS delivery and the caller's consent to video.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE caller_links (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      call_id uuid NOT NULL REFERENCES calls(id),
      token_hash text NOT NULL UNIQUE,
      device_key_hash text,
      created_by uuid REFERENCES users(id),
      created_at timestamptz NOT NULL,
      expires_at timestamptz NOT NULL,
      opened_at timestamptz,
      sms_to text,
      sms_status text NOT NULL CHECK (sms_status IN ('sent', 'failed', 'not-configured', 'not-asked')),
      video_consent_at timestamptz,
      video_published_at timestamptz,
      last_position_at timestamptz,
      CHECK ((opened_at IS NULL) = (device_key_hash IS NULL))
    )`.execute(db);
  await sql`CREATE INDEX caller_links_call ON caller_links (call_id)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE caller_links`.execute(db);
}
