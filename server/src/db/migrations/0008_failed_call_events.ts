// Call events that failed every retry are parked here, shown to supervisors, and kept until one handles them.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE failed_call_events (
      id bigserial PRIMARY KEY,
      sip_call_id text NOT NULL,
      event_type text NOT NULL,
      event jsonb NOT NULL,
      error text NOT NULL,
      attempts integer NOT NULL,
      failed_at timestamptz NOT NULL DEFAULT now(),
      handled_at timestamptz,
      handled_by uuid REFERENCES users(id) ON DELETE SET NULL,
      note text
    )`.execute(db);
  await sql`CREATE INDEX failed_call_events_open_idx ON failed_call_events (failed_at) WHERE handled_at IS NULL`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE failed_call_events`.execute(db);
}
