// Text to 112: sessions (SIP MESSAGE senders and web chats) queued and taken like calls, and every message of
// each, kept as the transcript (linked to the incident opened from the session).
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE text_sessions (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      channel text NOT NULL CHECK (channel IN ('sip', 'web')),
      citizen text NOT NULL DEFAULT '',
      dialed text NOT NULL,
      state text NOT NULL CHECK (state IN ('queued', 'active', 'overflowed', 'closed')),
      language text NOT NULL DEFAULT 'vi',
      token_hash text UNIQUE,
      source text NOT NULL DEFAULT '',
      started_at timestamptz NOT NULL DEFAULT now(),
      taken_at timestamptz,
      closed_at timestamptz,
      call_taker_id uuid REFERENCES users(id),
      incident_id uuid REFERENCES incidents(id),
      overflow_to text,
      last_message_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  // One open SIP session per sender: a later MESSAGE from the same From URI continues it.
  await sql`CREATE UNIQUE INDEX text_sessions_open_sip_idx ON text_sessions (citizen)
    WHERE channel = 'sip' AND state <> 'closed'`.execute(db);
  await sql`CREATE INDEX text_sessions_open_idx ON text_sessions (started_at) WHERE state <> 'closed'`.execute(
    db,
  );
  await sql`CREATE INDEX text_sessions_incident_idx ON text_sessions (incident_id) WHERE incident_id IS NOT NULL`.execute(
    db,
  );
  await sql`
    CREATE TABLE text_messages (
      id bigserial PRIMARY KEY,
      session_id uuid NOT NULL REFERENCES text_sessions(id),
      sender text NOT NULL CHECK (sender IN ('citizen', 'call-taker', 'system')),
      sender_id uuid REFERENCES users(id),
      sender_name text,
      text text NOT NULL,
      at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE INDEX text_messages_session_idx ON text_messages (session_id, id)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE text_messages`.execute(db);
  await sql`DROP TABLE text_sessions`.execute(db);
}
