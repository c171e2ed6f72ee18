// Every Advanced Mobile Location message received from an authenticated sender, whatever became of it: joined to
// a call, unjoined (no live or recent call of its number) or unusable (with why), so that none is lost unseen.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE aml_messages (
      id bigserial PRIMARY KEY,
      sender text NOT NULL,
      received_at timestamptz NOT NULL DEFAULT now(),
      device_number text,
      outcome text NOT NULL CHECK (outcome IN ('joined', 'unjoined', 'unusable')),
      problem text,
      call_id uuid REFERENCES calls(id),
      device jsonb NOT NULL,
      content_type text NOT NULL,
      raw text NOT NULL,
      CHECK ((outcome = 'joined') = (problem IS NULL)),
      CHECK (outcome <> 'joined' OR call_id IS NOT NULL)
    )`.execute(db);
  await sql`CREATE INDEX aml_messages_received ON aml_messages (received_at DESC, id DESC)`.execute(db);
  await sql`CREATE INDEX aml_messages_number ON aml_messages (device_number, received_at DESC)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE aml_messages`.execute(db);
}
