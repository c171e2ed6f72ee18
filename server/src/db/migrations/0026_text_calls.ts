// Text sessions recorded as calls: each session has a row in calls (channel 'text', Call-ID `text-<session id>`),
// so it is queued, offered, answered, ended and overflowed like a call, and counted with them.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE calls ADD COLUMN channel text NOT NULL DEFAULT 'voice'
    CHECK (channel IN ('voice', 'text'))`.execute(db);
  await sql`ALTER TABLE text_sessions ADD COLUMN call_id uuid REFERENCES calls(id)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE text_sessions DROP COLUMN call_id`.execute(db);
  await sql`ALTER TABLE calls DROP COLUMN channel`.execute(db);
}
