// Consoles: the caller's own details kept on the incident (name, callback number the caller gave), and an index
// for the history of closed incidents, newest first.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE incidents ADD COLUMN caller_name text, ADD COLUMN callback_number text`.execute(db);
  await sql`CREATE INDEX incidents_closed_at_idx ON incidents (closed_at DESC) WHERE status = 'closed'`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP INDEX incidents_closed_at_idx`.execute(db);
  await sql`ALTER TABLE incidents DROP COLUMN caller_name, DROP COLUMN callback_number`.execute(db);
}
